import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type Config, ConfigError } from './config.ts';
import { warmListings } from './features/browse/tag-suggestions.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  stop(): Promise<void>;
}

/** Opens the runtime, migrates, listens and starts the worker; `stop()` shuts down gracefully. */
export async function startServer(options: { config?: Config } = {}): Promise<RunningServer> {
  const runtime = await openRuntime({ config: options.config, listen: true });
  const { ctx } = runtime;
  const app = await buildApp(ctx);
  // Requests whose handler is still running: a client that hung up ends its connection (and lets
  // app.close() return) while its handler may still be writing; the database waits for them.
  let inFlight = 0;
  let drained: (() => void) | undefined;
  app.addHook('onRequest', async () => {
    inFlight++;
  });
  app.addHook('onSend', async (_request, _reply, payload) => {
    if (--inFlight === 0) drained?.();
    return payload;
  });
  const handlersDone = (ms: number) =>
    inFlight <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
  try {
    await app.listen({ port: ctx.config.port, host: ctx.config.host });
  } catch (error) {
    await app.close();
    await runtime.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new ConfigError(
        'PORT',
        `port ${ctx.config.port} on ${ctx.config.host} is already in use; set PORT to a free port`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new ConfigError('HOST', `cannot listen on ${ctx.config.host} (${code})`);
    }
    if (code === 'EACCES')
      throw new ConfigError('PORT', `no permission to listen on port ${ctx.config.port}`);
    throw error;
  }
  if (ctx.config.runWorker) runtime.worker.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.config.port;
  const url = `http://${ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host}:${port}`;
  ctx.log.info({ url, dialect: ctx.dialect, dataDir: ctx.config.dataDir }, 'Quire is listening');
  const unset = memorySettingsMissing();
  if (unset.length > 0)
    ctx.log.info(
      `${unset.join(' ')} not set: a large archive holds ~50-100 MB more memory (docs/operations.md; npm start sets them)`,
    );
  // Listings and tag suggestions read an in-memory index: load it now rather than on a reader's request.
  const warming = Date.now();
  warmListings(ctx).then(
    (works) => ctx.log.info({ works, ms: Date.now() - warming }, 'listings ready'),
    (error: unknown) => ctx.log.warn({ err: error }, 'listings will load on first use'),
  );
  let stopping: Promise<void> | undefined;
  return {
    app,
    runtime,
    url,
    stop() {
      // Stop accepting, let in-flight requests (even abandoned ones, up to 10 s) and the running job
      // finish, close the database.
      stopping ??= (async () => {
        await app.close();
        await handlersDone(10_000);
        await runtime.close();
      })();
      return stopping;
    },
  };
}

/**
 * The memory settings `npm start` gives the server (docs/operations.md), those this process runs
 * without: glibc's (environment, read before Node starts) and V8's heap sizing (Node's flags).
 */
function memorySettingsMissing(): string[] {
  const missing: string[] = [];
  if (process.platform === 'linux' && !process.env.MALLOC_MMAP_THRESHOLD_)
    missing.push('MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072');
  for (const flag of ['--max-semi-space-size=4', '--heap-growing-percent=30']) {
    const name = flag.split('=')[0]!;
    if (!process.execArgv.some((arg) => arg.startsWith(name))) missing.push(flag);
  }
  return missing;
}
