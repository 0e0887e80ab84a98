// Bundles the `quire` command's TypeScript into plain JavaScript with esbuild, cached by the sources'
// fingerprint, so a running server carries no TypeScript loader (tsx's loader thread and per-module
// transpiling cost ~90 MB of memory; docs/decisions.md, "The quire command runs a bundle").
//
//   const entry = await bundledCli();   // a file: URL to import
//
// The bundle lives in node_modules/.cache/quire/<fingerprint>/ (else the system's temporary
// directory), next to node_modules so the packages it leaves external resolve as from the sources.
// Each source file keeps its own import.meta.url, so paths relative to a source file still work.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'bench'];
const INPUTS = ['tsconfig.json', 'package.json', 'bin/bundle.mjs'];
const ENTRY = 'quire.js';
/** Bundles of other fingerprints are removed once they are this old. */
const KEEP_MS = 24 * 3600 * 1000;

/** Every input file's path, size and modification time, hashed: a change to any source changes it. */
function fingerprint() {
  const hash = createHash('sha256');
  const visit = (dir) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.(ts|tsx|js|mjs|json)$/.test(entry.name)) {
        const stat = fs.statSync(file);
        hash.update(`${path.relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of SOURCES) visit(path.join(ROOT, dir));
  for (const file of INPUTS) {
    const stat = fs.statSync(path.join(ROOT, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  hash.update(process.version);
  return hash.digest('hex').slice(0, 20);
}

function cacheDir() {
  const inProject = path.join(ROOT, 'node_modules', '.cache', 'quire');
  try {
    fs.mkdirSync(inProject, { recursive: true });
    fs.accessSync(inProject, fs.constants.W_OK);
    return inProject;
  } catch {
    const elsewhere = path.join(os.tmpdir(), 'quire-bundles');
    fs.mkdirSync(elsewhere, { recursive: true });
    return elsewhere;
  }
}

/** esbuild plugin: `import.meta.url` in a source file becomes that file's own URL. */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

async function build(dir) {
  const { build: esbuild } = await import('esbuild');
  // Built where it will live (same depth), so the source maps' relative paths hold after the rename.
  const staging = `${dir}.tmp-${process.pid}`;
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: { quire: 'src/cli/index.ts' },
    outdir: staging,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    sourcemap: 'linked',
    plugins: [sourceUrls],
    logLevel: 'silent',
  });
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "type": "module" }\n');
  try {
    fs.renameSync(staging, dir);
  } catch (error) {
    // Another process built the same sources first: theirs is as good.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, ENTRY))) throw error;
  }
}

function prune(base, keep) {
  for (const name of fs.readdirSync(base)) {
    if (name === keep) continue;
    const dir = path.join(base, name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > KEEP_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another process.
    }
  }
}

/** The bundled command's entry, built if the sources changed since the last build. */
export async function bundledCli() {
  const base = cacheDir();
  const key = fingerprint();
  const dir = path.join(base, key);
  if (!fs.existsSync(path.join(dir, ENTRY))) {
    await build(dir);
    prune(base, key);
  }
  return pathToFileURL(path.join(dir, ENTRY)).href;
}
