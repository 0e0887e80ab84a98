#!/usr/bin/env node
// The `quire` command. Quire runs its TypeScript sources through tsx (docs/decisions.md).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/index.ts');
await main(process.argv);
