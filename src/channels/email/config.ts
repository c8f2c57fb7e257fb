/**
 * The mail fields of the service Config (src/server/config.ts). Declared here by name because channels may
 * not import from src/server; the composition root passes its frozen Config, which satisfies this type.
 */
export interface EmailConfig {
  IMAP_HOST?: string | undefined;
  IMAP_PORT: number;
  /** Implicit TLS (port 993). */
  IMAP_SECURE: boolean;
  /** Require STARTTLS on a plain connection (port 143). */
  IMAP_STARTTLS: boolean;
  IMAP_USER?: string | undefined;
  IMAP_PASSWORD?: string | undefined;
  /** OAuth2 access token for XOAUTH2 (Exchange Online). */
  IMAP_ACCESS_TOKEN?: string | undefined;
  /** Shell command printing a fresh OAuth2 access token on stdout; run before every connection. */
  IMAP_TOKEN_COMMAND?: string | undefined;
  IMAP_MAILBOX: string;
  IMAP_PROCESSED_FOLDER: string;
  IMAP_QUARANTINE_FOLDER: string;
  /** ISO-8601; only mail received at or after it is answered. Default: the time of the first start. */
  IMAP_START_DATE?: string | undefined;
  IMAP_POLL_SECONDS: number;
  SMTP_HOST?: string | undefined;
  SMTP_PORT: number;
  SMTP_SECURE: boolean;
  SMTP_USER?: string | undefined;
  SMTP_PASSWORD?: string | undefined;
  MAIL_FROM: string;
  MAIL_OWN_ADDRESSES: readonly string[];
  MAIL_MAX_BYTES: number;
  MAIL_AUTO_REPLIES_PER_DAY: number;
  /** Attachment bytes stored per mail (the rest is listed on the ticket with a note); default 20 MiB. */
  MAIL_ATTACHMENTS_MAX_BYTES?: number | undefined;
  /** Folder holding copies of sent replies; default the special-use \Sent folder, else "Sent". */
  IMAP_SENT_FOLDER?: string | undefined;
  /** Append every sent reply to the Sent folder (false when the server files submitted mail itself). Default true. */
  MAIL_SAVE_SENT?: boolean | undefined;
  /** Directory holding `mail/` templates (Config TEMPLATES_DIR). */
  TEMPLATES_DIR?: string | undefined;
}

/** Tuning knobs that are not operator configuration (tests and the benchmark shorten them). */
export interface EmailTuning {
  /** Restart IDLE this often (servers drop idle sessions after ~30 min). */
  maxIdleMs: number;
  /** First reconnect delay; doubles up to `reconnectMaxMs`. */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Messages fetched, processed and moved per round trip. */
  batchSize: number;
  /** Attempts (counted across crashes) before a message is quarantined. */
  maxAttempts: number;
  /** Longest one Sent-folder append or search may take before its session is dropped. */
  sentFolderOperationMs: number;
}

/** Defaults for {@link EmailTuning}. */
export const defaultEmailTuning: EmailTuning = {
  maxIdleMs: 5 * 60_000,
  reconnectMinMs: 1_000,
  reconnectMaxMs: 60_000,
  batchSize: 25,
  maxAttempts: 3,
  sentFolderOperationMs: 60_000,
};

/** All addresses that are ours (MAIL_FROM plus MAIL_OWN_ADDRESSES), lower-case. */
export function ownAddresses(config: Pick<EmailConfig, 'MAIL_FROM' | 'MAIL_OWN_ADDRESSES' | 'IMAP_USER'>): string[] {
  const all = [config.MAIL_FROM, ...config.MAIL_OWN_ADDRESSES];
  if (config.IMAP_USER?.includes('@')) all.push(config.IMAP_USER);
  return [...new Set(all.map((a) => a.trim().toLowerCase()).filter((a) => a !== ''))];
}
