import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createTestEnv, type TestEnv } from '../harness.ts';

/**
 * Every input has a maximum: each string a route accepts has a length limit (or is one of a list,
 * or matches a pattern of bounded length) and each list has a count limit, so no field can make the
 * server store or process more than its form promises (the request body limit bounds the rest).
 * Walked: every zod schema (`…Schema`) the feature folders export from their `*.schema.ts` and
 * `*.service.ts` files (the forms' and the API's shared schemas), and every request body and query parameter of the API, from its
 * OpenAPI document (generated from the very zod schemas the API validates with).
 */

/** Where a missing maximum is deliberate, and why. Keep this short. */
const EXCEPTIONS: Record<string, string> = {};

type JsonSchema = Record<string, unknown>;

/** A pattern without open-ended repetition (`*`, `+`, `{n,}`) matches strings of bounded length. */
const boundedPattern = (pattern: unknown) =>
  typeof pattern === 'string' &&
  pattern.startsWith('^') &&
  pattern.endsWith('$') &&
  !/[*+]|\{\d+,\}/.test(pattern.replace(/\\./g, ''));

/** The fields without a maximum in one JSON Schema, by path. */
export function unbounded(node: unknown, at = '', out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  const schema = node as JsonSchema;
  const types = [schema.type].flat();
  if (
    types.includes('string') &&
    schema.maxLength === undefined &&
    schema.enum === undefined &&
    schema.const === undefined &&
    schema.format !== 'date' &&
    !boundedPattern(schema.pattern)
  )
    out.push(`${at || '(root)'}: string without maxLength`);
  if (types.includes('array') && schema.maxItems === undefined && schema.prefixItems === undefined)
    out.push(`${at || '(root)'}: array without maxItems`);
  if (
    schema.type === 'object' &&
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  )
    out.push(`${at || '(root)'}: a record (keys without a count limit)`);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties')
      for (const [name, field] of Object.entries(value as JsonSchema)) unbounded(field, `${at}.${name}`, out);
    else if (Array.isArray(value)) value.forEach((item, i) => unbounded(item, `${at}/${key}[${i}]`, out));
    else if (value && typeof value === 'object') unbounded(value, `${at}/${key}`, out);
  }
  return out;
}

const ROOT = fileURLToPath(new URL('../../src/features/', import.meta.url));
const schemaFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return schemaFiles(file);
    return /\.(schema|service)\.ts$/.test(entry.name) ? [file] : [];
  });

function report(problems: string[]) {
  const real = problems.filter((p) => !Object.keys(EXCEPTIONS).some((e) => p.startsWith(e)));
  assert.deepEqual(real, [], `fields without a maximum:\n${real.join('\n')}`);
}

describe('every input has a maximum', () => {
  it('finds missing maxima (the walker itself)', () => {
    const loose = z.object({ a: z.string(), b: z.array(z.string().max(3)), c: z.string().regex(/^x+$/) });
    const tight = z.object({ a: z.string().max(9), b: z.array(z.enum(['x'])).max(2), c: z.iso.date() });
    assert.deepEqual(unbounded(z.toJSONSchema(loose, { io: 'input' })), [
      '.a: string without maxLength',
      '.b: array without maxItems',
      '.c: string without maxLength',
    ]);
    assert.deepEqual(unbounded(z.toJSONSchema(tight, { io: 'input' })), []);
  });

  it('in every zod schema the features export from *.schema.ts and *.service.ts', async () => {
    const problems: string[] = [];
    let schemas = 0;
    for (const file of schemaFiles(ROOT)) {
      const module = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        // Services export the schemas of the forms they take (`…Schema`); other exports are outputs.
        if (!(value instanceof z.ZodType) || !/Schema$/.test(name)) continue;
        schemas += 1;
        const json = z.toJSONSchema(value, { io: 'input', unrepresentable: 'any' });
        for (const problem of unbounded(json))
          problems.push(`${path.relative(ROOT, file)} ${name}${problem}`);
      }
    }
    assert.ok(schemas >= 30, `walked ${schemas} schemas`);
    report(problems);
  });

  describe('in every API request (body and query), from the OpenAPI document', () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv('sqlite');
    });
    after(() => env.close());

    it('bounds each field', async () => {
      const document = (await env.app.inject({ url: '/api/v1/openapi.json' })).json() as {
        paths: Record<string, Record<string, JsonSchema>>;
      };
      const problems: string[] = [];
      let bodies = 0;
      for (const [url, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const where = `${method.toUpperCase()} ${url}`;
          const body = (
            operation.requestBody as { content?: Record<string, { schema: unknown }> } | undefined
          )?.content?.['application/json']?.schema;
          if (body) {
            bodies += 1;
            for (const problem of unbounded(body)) problems.push(`${where} body${problem}`);
          }
          for (const parameter of (operation.parameters as { name: string; in: string; schema: unknown }[]) ??
            []) {
            if (parameter.in !== 'query') continue; // path parameters are bounded by the router and the id parsers
            for (const problem of unbounded(parameter.schema))
              problems.push(`${where} ?${parameter.name}${problem}`);
          }
        }
      }
      assert.ok(bodies >= 20, `walked ${bodies} request bodies`);
      report(problems);
    });
  });
});
