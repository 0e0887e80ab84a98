import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../lib/errors.ts';

/**
 * The browser's scripts: the entries in src/web/client/, bundled by esbuild once per process,
 * lazily (on the first request for one), and kept in memory. Each output is served at
 * /assets/js/<name>.<contenthash>.js and cached for ever; pages link them with clientScriptUrl().
 * Code the entries load with import() is split into its own hashed files beside them.
 */
const CLIENT_DIR = fileURLToPath(new URL('./client/', import.meta.url));
const ENTRIES = ['posting-form'] as const;
export type ClientEntry = (typeof ENTRIES)[number];

const PREFIX = '/assets/js/';
const JS = 'text/javascript; charset=utf-8';

export interface ClientBundle {
  /** Output file name (`posting-form.ABCD1234.js`) → its code. */
  files: Map<string, Buffer>;
  /** Entry name → its output file name. */
  entries: Map<string, string>;
}

let building: Promise<ClientBundle> | undefined;
let built: ClientBundle | undefined;

/** The bundle, built on the first call; a failed build is tried again on the next call. */
export function clientBundle(): Promise<ClientBundle> {
  building ??= buildBundle().then(
    (bundle) => (built = bundle),
    (error: unknown) => {
      building = undefined;
      throw error;
    },
  );
  return building;
}

async function buildBundle(): Promise<ClientBundle> {
  const esbuild = await import('esbuild');
  const outdir = path.join(CLIENT_DIR, 'out');
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, path.join(CLIENT_DIR, `${name}.ts`)])),
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    target: 'es2020',
    platform: 'browser',
    outdir,
    entryNames: '[name].[hash]',
    chunkNames: '[name].[hash]',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files = new Map<string, Buffer>();
  for (const file of result.outputFiles) files.set(path.basename(file.path), Buffer.from(file.contents));
  const entries = new Map<string, string>();
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const entry = meta.entryPoint && path.basename(meta.entryPoint, '.ts');
    if (entry && (ENTRIES as readonly string[]).includes(entry)) entries.set(entry, path.basename(output));
  }
  return { files, entries };
}

/** The URL of an entry's script: hashed once built; until then a short-cached alias. */
export function clientScriptUrl(name: ClientEntry): string {
  const file = built?.entries.get(name);
  return `${PREFIX}${file ?? `${name}.js`}`;
}

export function clientAssetRoutes(app: FastifyInstance) {
  app.get<{ Params: { file: string } }>(`${PREFIX}:file`, async (request, reply) => {
    const { file } = request.params;
    if (!/^[\w.-]+\.js$/.test(file)) throw notFound('Script');
    const bundle = await clientBundle();
    const hashed = bundle.files.get(file);
    if (hashed) {
      return reply.type(JS).header('cache-control', 'public, max-age=31536000, immutable').send(hashed);
    }
    // `posting-form.js`: a page rendered before the first build links the entry by its name.
    const target = bundle.entries.get(file.slice(0, -'.js'.length));
    const code = target && bundle.files.get(target);
    if (!code) throw notFound('Script');
    const etag = `"${target}"`;
    reply.type(JS).header('cache-control', 'no-cache').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(code);
  });
}
