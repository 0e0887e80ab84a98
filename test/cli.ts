import { spawn } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve('bin/quire.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `quire ARGS…` as a child process (the real binary), with `input` on stdin. */
export function quire(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: '', PASSWORD_HASH_COST: '14', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
