/**
 * The SQLite side of `pakt db copy`: the tables of an SQLite store with their columns, primary key and the
 * tables they reference, and their rows in primary-key order, all read inside one read transaction (in WAL
 * mode a consistent snapshot, so a running service may keep writing; what it writes after the snapshot is
 * not copied).
 */
import type Database from 'better-sqlite3';

/** One table to copy. */
export interface SourceTable {
  name: string;
  /** Column names in declaration order. */
  columns: string[];
  /** Primary-key columns in key order (all columns when the table has none). */
  primaryKey: string[];
  /** Tables this one references by foreign key. */
  references: string[];
}

/** Read access to a store for copying. */
export interface RowSource {
  /** The data tables (without `schema_migrations` and SQLite's own), parents before children. */
  tables(): SourceTable[];
  /** Ids recorded in `schema_migrations`. */
  migrations(): string[];
  /** Rows of one table as value arrays in `columns` order, ordered by primary key (byte order for text). */
  rows(table: SourceTable): IterableIterator<unknown[]>;
  /** Begins the read snapshot; {@link RowSource.end} ends it. */
  begin(): void;
  end(): void;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Double-quotes an identifier after checking it is a plain name (no quoting games with schema names). */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`unexpected identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Parents before children (foreign keys), else alphabetical; a cycle keeps the alphabetical rest. */
export function orderByReferences(tables: SourceTable[]): SourceTable[] {
  const pending = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  const done = new Set<string>();
  const ordered: SourceTable[] = [];
  while (pending.length > 0) {
    const index = pending.findIndex((t) => t.references.every((r) => r === t.name || done.has(r) || !tables.some((x) => x.name === r)));
    const [next] = pending.splice(index < 0 ? 0 : index, 1);
    if (next === undefined) break;
    ordered.push(next);
    done.add(next.name);
  }
  return ordered;
}

/**
 * Reads an open SQLite store (open it read-only with the expected migrations: `openDatabase(path, migrations,
 * logger, { readonly: true })`).
 *
 * @example
 * const source = sqliteRowSource(db);
 */
export function sqliteRowSource(db: Database.Database): RowSource {
  return {
    tables() {
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      return orderByReferences(
        names.map((name) => {
          const info = db.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all() as { name: string; pk: number }[];
          const keys = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
          const refs = db.prepare(`PRAGMA foreign_key_list(${quoteIdent(name)})`).all() as { table: string }[];
          return { name, columns: info.map((c) => c.name), primaryKey: keys.length > 0 ? keys : info.map((c) => c.name), references: [...new Set(refs.map((r) => r.table))] };
        }),
      );
    },
    migrations() {
      return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    },
    rows(table) {
      const columns = table.columns.map(quoteIdent).join(', ');
      const order = table.primaryKey.map((c) => `${quoteIdent(c)} COLLATE BINARY`).join(', ');
      return db.prepare(`SELECT ${columns} FROM ${quoteIdent(table.name)} ORDER BY ${order}`).raw(true).iterate() as IterableIterator<unknown[]>;
    },
    begin() {
      db.exec('BEGIN');
      db.prepare('SELECT COUNT(*) FROM schema_migrations').get(); // the first read fixes the snapshot
    },
    end() {
      if (db.inTransaction) db.exec('COMMIT');
    },
  };
}
