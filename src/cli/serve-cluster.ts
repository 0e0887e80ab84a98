import cluster, { type Worker } from 'node:cluster';
import { type Config, prepareDataDir } from '../config.ts';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** What a server process tells the primary once it listens. */
export interface ListeningMessage {
  quire: 'listening';
  url: string;
  dialect: string;
}

/** A server process of a cluster reports that it listens (no-op in a single process). */
export function reportListening(url: string, dialect: string): void {
  if (cluster.isWorker && process.send)
    process.send({ quire: 'listening', url, dialect } as ListeningMessage);
}

const say = (line: string) => process.stderr.write(`quire: ${line}\n`);

/**
 * `quire serve` with QUIRE_PROCESSES > 1: this process prepares the data directory and migrates the
 * database once, then runs that many server processes on one port (node:cluster hands each new
 * connection to the next process). Node runs JavaScript on one core per process; this is how one
 * machine's cores all serve pages. Every process has its own job worker, page caches and listings
 * index: they share only the database, as processes on several machines would (docs/operations.md).
 * A process that dies is replaced; one that cannot start (a port in use, a bad database) stops all.
 */
export async function runCluster(config: Config): Promise<void> {
  prepareDataDir(config);
  const connection = await connect(config.database);
  try {
    await migrateToLatest(connection.db, connection.dialect);
  } finally {
    await connection.close();
  }

  const listening = new Set<Worker>();
  const crashes: number[] = [];
  let stopping = false;
  let announced = false;

  const stopAll = (code: number) => {
    stopping = true;
    process.exitCode = code;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };

  const start = () => {
    const worker = cluster.fork();
    worker.on('message', (message: ListeningMessage) => {
      if (message?.quire !== 'listening') return;
      listening.add(worker);
      // One at a time: a process that cannot start says why once, and the others are not started.
      if (cluster.workers && Object.keys(cluster.workers).length < config.processes && !stopping) start();
      if (!announced && listening.size === config.processes) {
        announced = true;
        process.stdout.write(
          `Quire is running at ${message.url} (${message.dialect}, ${config.processes} processes)\n`,
        );
      }
    });
    worker.on('exit', (code, signal) => {
      const started = listening.delete(worker);
      if (stopping) return;
      if (!started) {
        say(`a server process could not start (exit ${code ?? signal}); stopping`);
        return stopAll(1);
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - 60_000) crashes.shift();
      if (crashes.length >= 5) {
        say('server processes keep dying (5 in a minute); stopping');
        return stopAll(1);
      }
      say(`a server process exited (${code ?? signal}); starting another`);
      setTimeout(() => {
        if (!stopping) start();
      }, 1000);
    });
  };

  start();

  const onSignal = (signal: string) => {
    if (stopping) return;
    say(`${signal} received, stopping ${config.processes} server processes…`);
    stopAll(0);
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  await new Promise<void>((resolve) => {
    cluster.on('exit', () => {
      if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolve();
    });
  });
}
