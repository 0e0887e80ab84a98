import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { DB } from '../../src/db/connect.ts';

/**
 * A real full disk under one PostgreSQL table: a small tmpfs mounted as a tablespace, the table (its
 * TOAST, its indexes) moved there, the rest of the filesystem filled. Writes that need a new page of
 * the table then fail as on a full disk (`could not extend file`, SQLSTATE 53100). Needs root (mount)
 * and a superuser connection; `available()` says why not when they are missing.
 */
export class PgFullDisk {
  private dir = '';
  private readonly tablespace = `quire_full_${process.pid}`;
  private mounted = false;

  constructor(
    private readonly db: DB,
    private readonly table: string,
  ) {}

  /** Null when the simulation can run here, else the reason it cannot. */
  available(): string | null {
    if (process.getuid?.() !== 0) return 'mounting a small filesystem needs root';
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', this.dir], { stdio: 'pipe' });
      this.mounted = true;
    } catch (error) {
      fs.rmSync(this.dir, { recursive: true, force: true });
      return `cannot mount a tmpfs (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
    }
    // The server runs as the postgres system user (scripts/pg-cluster.mjs): the tablespace is its.
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    fs.chownSync(this.dir, uid, gid);
    return null;
  }

  /** Moves the table there and fills the disk. */
  async fill(): Promise<void> {
    await sql.raw(`create tablespace ${this.tablespace} location '${this.dir}'`).execute(this.db);
    // Out of line and uncompressed: a long text needs new TOAST pages instead of fitting, compressed,
    // in a page that has room.
    await sql.raw(`alter table ${this.table} alter column body set storage external`).execute(this.db);
    await sql.raw(`alter table ${this.table} set tablespace ${this.tablespace}`).execute(this.db);
    const indexes = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = ${this.table}`.execute(this.db);
    for (const { indexname } of indexes.rows)
      await sql.raw(`alter index "${indexname}" set tablespace ${this.tablespace}`).execute(this.db);
    const filler = fs.openSync(path.join(this.dir, 'filler'), 'w');
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) fs.writeSync(filler, block);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      fs.closeSync(filler);
    }
  }

  /** Space returns. */
  free(): void {
    fs.rmSync(path.join(this.dir, 'filler'), { force: true });
  }

  /** The table back where it was; the tablespace and the mount gone. */
  async remove(): Promise<void> {
    if (!this.mounted) return;
    this.free();
    await sql.raw(`alter table ${this.table} set tablespace pg_default`).execute(this.db);
    const indexes = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = ${this.table}`.execute(this.db);
    for (const { indexname } of indexes.rows)
      await sql.raw(`alter index "${indexname}" set tablespace pg_default`).execute(this.db);
    await sql.raw(`alter table ${this.table} alter column body set storage extended`).execute(this.db);
    await sql.raw(`drop tablespace if exists ${this.tablespace}`).execute(this.db);
    execFileSync('umount', [this.dir]);
    this.mounted = false;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
