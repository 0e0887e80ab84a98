import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** `column LIKE '%text%'` with the text's own % and _ taken literally (both dialects accept ESCAPE). */
export function likeContains(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

export function likePrefix(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${`${escapeLike(text)}%`} escape '\\'`;
}
