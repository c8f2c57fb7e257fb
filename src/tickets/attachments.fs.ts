/**
 * Attachment files: stored content-addressed under the configured directory (`<dir>/<sha[0..2]>/<sha>`),
 * with a size limit. The metadata (name, type, size, sha256) travels in the Enquiry and lands in the
 * database with the ticket; the same file sent twice is stored once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import type { AttachmentMeta } from '../core/enquiry.js';

/** Options of {@link createAttachmentFiles}. */
export interface AttachmentFilesOptions {
  /** Directory for the files (config ATTACHMENTS_DIR). */
  dir: string;
  /** Largest accepted file in bytes; default 25 MiB. */
  maxBytes?: number;
}

/** Stored attachment files. */
export interface AttachmentFiles {
  /** Stores the content and returns its metadata; INPUT_INVALID when larger than the limit. */
  save(content: Buffer, filename: string, contentType: string): AttachmentMeta;
  /** Reads a stored file by hash; NOT_FOUND when absent. */
  read(sha256: string): Buffer;
  /** Deletes a stored file (retention); missing files are ignored. */
  remove(sha256: string): void;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Creates the attachment file store.
 *
 * @example
 * const files = createAttachmentFiles({ dir: config.ATTACHMENTS_DIR, maxBytes: config.MAIL_MAX_BYTES });
 * const meta = files.save(buffer, 'Sachbericht.pdf', 'application/pdf'); // goes into Enquiry.attachments
 */
export function createAttachmentFiles(options: AttachmentFilesOptions): AttachmentFiles {
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const pathOf = (sha256: string): string => {
    if (!HASH.test(sha256)) throw new AppError('INPUT_INVALID', `attachments: "${sha256}" is not a sha256 hash`);
    return join(options.dir, sha256.slice(0, 2), sha256);
  };
  return {
    save(content, filename, contentType) {
      if (content.length > maxBytes) {
        throw new AppError('INPUT_INVALID', `attachments: file of ${content.length} bytes exceeds the limit of ${maxBytes}`, {
          details: { size: content.length, maxBytes },
        });
      }
      const sha256 = createHash('sha256').update(content).digest('hex');
      const path = pathOf(sha256);
      if (!existsSync(path)) {
        mkdirSync(join(options.dir, sha256.slice(0, 2)), { recursive: true });
        writeFileSync(path, content, { flag: 'w' });
      }
      return { filename, contentType, size: content.length, sha256 };
    },
    read(sha256) {
      try {
        return readFileSync(pathOf(sha256));
      } catch (cause) {
        throw new AppError('NOT_FOUND', `attachments: no stored file ${sha256}`, { cause });
      }
    },
    remove(sha256) {
      rmSync(pathOf(sha256), { force: true });
    },
  };
}
