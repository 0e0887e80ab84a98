import { loadConfig } from '../config.ts';
import { openRuntime, type Runtime } from '../runtime.ts';

/** Opens the runtime for one command (quiet logs unless LOG_LEVEL says otherwise) and closes it after. */
export async function withRuntime<T>(
  fn: (runtime: Runtime) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig(process.env, process.env.LOG_LEVEL ? {} : { logLevel: 'warn' });
  const runtime = await openRuntime({ config, migrate: options.migrate });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
