/**
 * Reads `.env` (if present) and the process environment. The only reader of process.env (STYLE G2).
 */
import { config as loadDotenv } from 'dotenv';
import { parseConfig, type Config } from './config.js';

/** Loads `.env` without overriding variables already set, then parses the environment. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
