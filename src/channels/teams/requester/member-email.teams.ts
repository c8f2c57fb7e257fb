/**
 * The requester's mail address for the e-mail fallback (ReplyHandle.fallbackEmail): when the bot is later
 * removed from the conversation (connector 403/404), the tickets side can still answer by mail. Teams
 * activities carry no address, so it is looked up once per person with `TeamsInfo.getMember` and kept in
 * memory (bounded). A failed look-up is not an error: the enquiry simply has no fallback address.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../../../core/ports.js';
import type { MemberEmailLookup } from '../context.js';

const CACHE_SIZE = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Looks up and caches members' mail addresses. */
export class MemberEmails implements MemberEmailLookup {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly logger: Logger) {}

  /** The sender's address (email, else a mail-shaped UPN), or null; only asked of Teams. */
  async of(turn: TurnContext): Promise<string | null> {
    const from = turn.activity.from;
    if (turn.activity.channelId !== 'msteams' || !from?.id) return null;
    const key = from.aadObjectId ?? from.id;
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    let address: string | null = null;
    try {
      const member = await TeamsInfo.getMember(turn, from.id);
      const candidate = member.email ?? member.userPrincipalName ?? '';
      address = EMAIL.test(candidate) ? candidate : null;
    } catch (error) {
      this.logger.debug({ component: 'teams', err: (error as Error).message }, 'member look-up failed; no mail fallback');
    }
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, address);
    return address;
  }
}
