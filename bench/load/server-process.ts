// A real Quire server as a child process (`node bin/quire.mjs serve`: the esbuild bundle, as in
// production), on a free port, with its RSS read from /proc. Also used by test/scale/.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

export interface ServerProcess {
  pid: number;
  url: string;
  /** Resident set size now, in MiB (Linux /proc). */
  rssMiB(): number;
  /** CPU time the server process has used so far (user + system), in seconds (Linux /proc). */
  cpuSeconds(): number;
  /** Lines the server logged at error level or above (pino JSON on stdout). */
  errorLines(): string[];
  /** SIGTERM, then wait for the graceful shutdown. */
  stop(): Promise<void>;
}

export async function startServerProcess(
  env: Record<string, string>,
  options: { cpuProf?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const nodeArgs = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, 'bin/quire.mjs'), 'serve'],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', QUIRE_TSX: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const errors: string[] = [];
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start in time:\n${output.slice(-2000)}`)),
      options.timeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        if (/"level":(50|60)/.test(line)) errors.push(line.slice(0, 1000));
      }
      const match = /Quire is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output.slice(-2000)}`));
    });
  });
  return {
    pid: child.pid!,
    url,
    rssMiB() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        return 0;
      }
    },
    cpuSeconds() {
      try {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime, stime in ticks.
        const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
      } catch {
        return 0;
      }
    },
    errorLines: () => errors,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
