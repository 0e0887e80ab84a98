import cluster from 'node:cluster';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';

function onShutdown(stop: () => Promise<void>) {
  let signalled = false;
  const handler = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = true;
    process.stderr.write(`quire: ${signal} received, finishing in-flight work…\n`);
    stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`quire: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => handler('SIGTERM'));
  process.once('SIGINT', () => handler('SIGINT'));
}

export function registerServeCommands(program: Command) {
  program
    .command('serve')
    .description(
      'Run the web server (and the job worker unless QUIRE_WORKER=off; QUIRE_PROCESSES=N|auto for several processes); migrates the database first',
    )
    .action(async () => {
      const config = loadConfig();
      if (config.processes > 1 && cluster.isPrimary) {
        const { runCluster } = await import('./serve-cluster.ts');
        return runCluster(config);
      }
      // Loaded here, not at the top: other commands should not pay for the web stack.
      const { startServer } = await import('../server.ts');
      const { reportListening } = await import('./serve-cluster.ts');
      const server = await startServer({ config });
      if (cluster.isWorker) reportListening(server.url, server.runtime.ctx.dialect);
      else process.stdout.write(`Quire is running at ${server.url} (${server.runtime.ctx.dialect})\n`);
      onShutdown(() => server.stop());
    });

  program
    .command('worker')
    .description('Run only the job worker (e-mail and other background jobs), for a separate process')
    .action(async () => {
      const { openRuntime } = await import('../runtime.ts');
      const runtime = await openRuntime({ config: loadConfig(), listen: true });
      runtime.worker.start();
      process.stdout.write(`Quire worker ${runtime.worker.id} started (${runtime.ctx.dialect})\n`);
      onShutdown(() => runtime.close());
    });
}
