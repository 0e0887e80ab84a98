import type { Compilable, CompiledQuery } from 'kysely';
import type { DB } from './connect.ts';

/**
 * A query built and compiled once per database, then run with new parameters: Kysely builds an
 * immutable tree and compiles it to SQL on every call, which on a page that runs fifteen small
 * queries costs as much as SQLite answering them. For the hot, fixed-shape queries of page views.
 *
 *   const workRow = prepared((db, p: Slots<{ id: number }>) =>
 *     db.selectFrom('works').selectAll().where('id', '=', p.id));
 *   const rows = await workRow(db, { id: 7 });
 *
 * `build` receives placeholders instead of values and must give the query the same shape whatever
 * the values (no branching on them, no `in` lists: build one prepared query per shape). Each
 * placeholder must reach the SQL as a parameter; one that is dropped or used in a way the compiler
 * does not pass through (e.g. inside `sql.raw`) is an error on first use, not a silent constant.
 */
export type Slots<P> = { readonly [K in keyof P]: P[K] };

class Slot {
  constructor(readonly name: string) {}
}

interface Plan {
  compiled: CompiledQuery;
  /** For each SQL parameter: the caller's parameter name, or a constant of the query itself. */
  sources: ({ name: string } | { value: unknown })[];
}

export function prepared<P extends Record<string, unknown>, R>(
  build: (db: DB, p: Slots<P>) => Compilable<R>,
): (db: DB, params: P) => Promise<R[]> {
  const plans = new WeakMap<DB, Plan>();
  const plan = (db: DB): Plan => {
    const slots = new Proxy({} as Record<string, Slot>, {
      get: (cache, name) => (typeof name === 'string' ? (cache[name] ??= new Slot(name)) : undefined),
    });
    const compiled = build(db, slots as unknown as Slots<P>).compile();
    const sources = compiled.parameters.map((value) =>
      value instanceof Slot ? { name: value.name } : { value },
    );
    for (const name of Object.keys(slots)) {
      if (!sources.some((source) => 'name' in source && source.name === name))
        throw new Error(`prepared query: parameter "${name}" did not reach the SQL as a parameter`);
    }
    return { compiled, sources };
  };
  return async (db, params) => {
    let found = plans.get(db);
    if (!found) {
      found = plan(db);
      plans.set(db, found);
    }
    const parameters = found.sources.map((source) => ('name' in source ? params[source.name] : source.value));
    const { rows } = await db.executeQuery<R>({ ...found.compiled, parameters } as CompiledQuery<R>);
    return rows;
  };
}
