/**
 * Writes an approved entry into `knowledge/` (issue 14 item 2): the new document text goes to a temporary file
 * beside it and is renamed over the old one (readers and the hot reload see the old or the new file, never half
 * of one). Then the change is recorded: a git commit with the approver as author when the directory is inside a
 * git work tree, else a line in `CHANGELOG-faq.jsonl` next to the files (not a knowledge source: the watcher and
 * the index ignore it). When recording fails, the old text is put back the same way, so the knowledge base is
 * unchanged. Writes are serialised.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { errorCode } from '../core/error-code.js';

const run = promisify(execFile);

/** The file operations used (replaceable in tests, to fail half-way). */
export interface FileOps {
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  appendFile(path: string, text: string): Promise<void>;
}

const nodeOps: FileOps = {
  readFile: (p) => fsp.readFile(p, 'utf8'),
  async writeFile(p, text) {
    const handle = await fsp.open(p, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  appendFile: (p, text) => fsp.appendFile(p, text, 'utf8'),
};

/**
 * A refused or failed write; `message` is German and shown to the approver. The knowledge base is unchanged.
 * `conflict`: the file changed since the change was computed (someone else saved first), not a failure.
 */
export class KnowledgeWriteError extends Error {
  readonly conflict: boolean;

  constructor(message: string, options?: ErrorOptions & { conflict?: boolean }) {
    super(message, options);
    this.conflict = options?.conflict === true;
  }
}

/** The approver as commit author (role name and role mailbox). */
export interface CommitAuthor {
  name: string;
  email: string;
}

export interface KnowledgeChange {
  /** Relative to the knowledge directory. */
  file: string;
  /** The document text this change was computed from (null: the file is new); a different file is refused. */
  expected: string | null;
  text: string;
  /** One line: the commit subject. */
  message: string;
  author: CommitAuthor;
  /** What the change log line holds (no personal data: role ids, ticket number, passage id). */
  record: Record<string, unknown>;
}

export interface KnowledgeWriter {
  /** The file of document `id` (the file named after it, else the first Markdown file whose front matter says so) and its text. */
  findDocument(id: string): Promise<{ file: string; text: string | null }>;
  write(change: KnowledgeChange): Promise<{ recordedIn: 'git' | 'changelog'; commit: string | null }>;
}

export const CHANGELOG_FILE = 'CHANGELOG-faq.jsonl';

const FRONT_ID = /^---\r?\n(?:[\s\S]*?\n)?id:\s*["']?([a-z0-9][a-z0-9-]*)["']?\s*\r?\n[\s\S]*?\n---/;

/**
 * @example const writer = createKnowledgeWriter({ dir: './knowledge' }); await writer.write(change)
 */
export function createKnowledgeWriter(options: { dir: string; ops?: FileOps; git?: 'auto' | 'off' }): KnowledgeWriter {
  const ops = options.ops ?? nodeOps;
  const dir = options.dir;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const next = queue.then(f, f);
    queue = next.catch(() => undefined);
    return next;
  };
  const current = async (file: string): Promise<string | null> => ops.readFile(join(dir, file)).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));

  const replace = async (file: string, text: string): Promise<void> => {
    const target = join(dir, file);
    const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await ops.writeFile(temp, text);
      await ops.rename(temp, target);
    } catch (error) {
      await ops.unlink(temp).catch(() => undefined);
      throw error;
    }
  };

  const inGit = async (): Promise<boolean> => {
    if (options.git === 'off') return false;
    try {
      const { stdout } = await run('git', ['-C', dir, 'rev-parse', '--is-inside-work-tree']);
      return stdout.trim() === 'true';
    } catch {
      return false;
    }
  };

  const commit = async (change: KnowledgeChange): Promise<string> => {
    // The service is the committer; the approver is the author (role name and role mailbox).
    const identity = ['-c', 'user.name=Pakt-Assistent', '-c', 'user.email=pakt-assistent@localhost'];
    const author = `${change.author.name.replace(/[<>\n]/g, '')} <${change.author.email.replace(/[<>\s]/g, '')}>`;
    await run('git', ['-C', dir, 'add', '--', change.file]);
    try {
      await run('git', ['-C', dir, ...identity, 'commit', '--quiet', `--author=${author}`, '-m', change.message, '--', change.file]);
    } catch (error) {
      await run('git', ['-C', dir, 'reset', '--quiet', '--', change.file]).catch(() => run('git', ['-C', dir, 'rm', '--cached', '--quiet', '--ignore-unmatch', '--', change.file]).catch(() => undefined));
      throw error;
    }
    return (await run('git', ['-C', dir, 'rev-parse', 'HEAD'])).stdout.trim();
  };

  return {
    async findDocument(id) {
      const named = `${id}.md`;
      const own = await current(named);
      if (own !== null && FRONT_ID.exec(own)?.[1] === id) return { file: named, text: own };
      const files = (await fsp.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md' && !f.startsWith('.')).sort();
      for (const file of files) {
        const text = await current(file);
        if (text !== null && FRONT_ID.exec(text)?.[1] === id) return { file, text };
      }
      return { file: named, text: own };
    },

    write: (change) =>
      serial(async () => {
        const before = await current(change.file);
        if (before !== change.expected) {
          throw new KnowledgeWriteError(`Die Datei ${change.file} wurde inzwischen geändert. Bitte prüfen Sie den Vorschlag erneut; es wurde nichts gespeichert.`, { conflict: true });
        }
        try {
          await replace(change.file, change.text);
        } catch (error) {
          throw new KnowledgeWriteError(`Die Datei ${change.file} konnte nicht geschrieben werden (${errorCode(error) ?? 'Fehler'}). Die Wissensbasis ist unverändert.`, { cause: error });
        }
        try {
          if (await inGit()) return { recordedIn: 'git' as const, commit: await commit(change) };
          await ops.appendFile(join(dir, CHANGELOG_FILE), `${JSON.stringify(change.record)}\n`);
          return { recordedIn: 'changelog' as const, commit: null };
        } catch (error) {
          // Put the old text back: an unrecorded change must not stay.
          if (before === null) await ops.unlink(join(dir, change.file)).catch(() => undefined);
          else await replace(change.file, before);
          throw new KnowledgeWriteError(`Die Änderung konnte nicht festgehalten werden (Versionsverwaltung oder Änderungsprotokoll); sie wurde zurückgenommen. Die Wissensbasis ist unverändert.`, { cause: error });
        }
      }),
  };
}
