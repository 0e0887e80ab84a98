#!/usr/bin/env node
// The `quire` command. It runs a plain-JavaScript bundle of the TypeScript sources (bin/bundle.mjs,
// rebuilt in about a second when a source changes); under `node --watch`, or with QUIRE_TSX=1, it
// loads the sources through tsx instead (docs/decisions.md).
import { fileURLToPath } from 'node:url';

const viaTsx = process.env.QUIRE_TSX === '1' || process.execArgv.some((arg) => arg.startsWith('--watch'));
let entry;
if (viaTsx) {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  entry = '../src/cli/index.ts';
} else {
  process.setSourceMapsEnabled(true);
  const { bundledCli } = await import('./bundle.mjs');
  try {
    entry = await bundledCli();
  } catch (error) {
    const detail = error?.errors?.[0];
    const where = detail?.location ? ` (${detail.location.file}:${detail.location.line})` : '';
    console.error(`quire: could not build the sources: ${detail?.text ?? error?.message ?? error}${where}`);
    process.exit(1);
  }
}
const { main } = await import(entry);
await main(process.argv);
