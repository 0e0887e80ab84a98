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
  /** Resident set size now, in MiB (Linux /proc): the server's processes together (QUIRE_PROCESSES). */
  rssMiB(): number;
  /** CPU time the server's processes have used so far (user + system), in seconds (Linux /proc). */
  cpuSeconds(): number;
  /** Lines the server logged at error level or above (pino JSON on stdout). */
  errorLines(): string[];
  /** Everything the server wrote so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then wait for the graceful shutdown. */
  stop(): Promise<void>;
}

/**
 * How `npm start` runs the server: package.json's start script, its environment variables and
 * Node's flags, so that what the benchmarks and scale tests measure is what is deployed.
 * `BENCH_PLAIN=1`: a plain `node`, without them (to compare).
 */
export function startSettings(): { env: Record<string, string>; nodeArgs: string[] } {
  if (process.env.BENCH_PLAIN === '1') return { env: {}, nodeArgs: [] };
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let at = 0;
  for (; /^[A-Z_][A-Z0-9_]*=/.test(words[at] ?? ''); at++) {
    const [name, ...value] = words[at]!.split('=');
    env[name!] = value.join('=');
  }
  if (words[at] !== 'node')
    throw new Error(`package.json's start script: expected "node" after the variables, found "${words[at]}"`);
  const nodeArgs: string[] = [];
  for (at++; words[at]?.startsWith('--'); at++) nodeArgs.push(words[at]!);
  return { env, nodeArgs };
}

/** The process and its children (the server processes of `quire serve` with QUIRE_PROCESSES > 1). */
function processTree(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 of /proc/PID/stat (after the parenthesised name) is the parent's pid.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // It ended while we looked.
    }
  }
  return [pid, ...children];
}

const sumOver = (pid: number, read: (pid: number) => number) =>
  processTree(pid).reduce((total, each) => {
    try {
      return total + read(each);
    } catch {
      return total;
    }
  }, 0);

export async function startServerProcess(
  env: Record<string, string>,
  options: { cpuProf?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const settings = startSettings();
  const profiling = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...settings.nodeArgs, ...profiling, path.join(ROOT, 'bin/quire.mjs'), 'serve'],
    {
      cwd: ROOT,
      env: { ...process.env, ...settings.env, PORT: '0', HOST: '127.0.0.1', QUIRE_TSX: '', ...env },
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
      const kib = sumOver(child.pid!, (pid) => {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      });
      return Math.round(kib / 1024);
    },
    cpuSeconds() {
      return sumOver(child.pid!, (pid) => {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime, stime in ticks.
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
      });
    },
    errorLines: () => errors,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
