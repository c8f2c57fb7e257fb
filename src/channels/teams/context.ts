/**
 * What the Teams channel's handlers share: the collaborators passed to `createTeamsChannel` plus the
 * channel's own store and card renderer. Built once per channel instance (no module-level state, A1).
 */
import type { TurnContext } from 'botbuilder';
import type { EnquiryRequest } from '../../core/enquiry-request.js';
import type { Outcome } from '../../core/outcome.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { Router, StaffDirectory } from '../../core/routing.js';
import type { Passage } from '../../knowledge/types.js';
import type { TicketService } from '../../tickets/ticket-service.js';
import type { CardRenderer } from './cards/render.js';
import type { TeamsStore } from './store.js';

/** The Bot Framework settings (env names as in Microsoft's samples, CONTRACTS §1). */
export interface TeamsAuthConfig {
  MicrosoftAppId?: string | undefined;
  MicrosoftAppPassword?: string | undefined;
  MicrosoftAppType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
  MicrosoftAppTenantId?: string | undefined;
  /**
   * Where the Bot Framework's signing keys are published (botbuilder's setting of this name; default the
   * public cloud's). Sovereign clouds and offline tests point it elsewhere.
   */
  ToBotFromChannelOpenIdMetadataUrl?: string | undefined;
}

/** Looks up a Teams sender's mail address (requester/member-email.teams.ts), or null. */
export interface MemberEmailLookup {
  of(turn: TurnContext): Promise<string | null>;
}

/** The settings the channel reads (a subset of the server's Config; names as in CONTRACTS §1). */
export interface TeamsChannelConfig extends TeamsAuthConfig {
  /** Entra (AAD) object ids allowed to act as staff. */
  TEAMS_STAFF_IDS: readonly string[];
  /** Teams team id whose channels count as staff-only (members act as staff there). */
  TEAMS_STAFF_TEAM_ID?: string | undefined;
}

/** The staff operations the cards drive (implemented by src/tickets/ticket-service.ts). */
export type TeamsTicketOps = Pick<
  TicketService,
  'claim' | 'handover' | 'answer' | 'note' | 'close' | 'reopen' | 'show' | 'list'
>;

/** Optional metrics (structural, so the channel does not depend on the server's prom-client setup). */
export interface TeamsMetrics {
  enquiries: { inc(labels: { channel: string; outcome: string }): void };
  answerLatency: { observe(labels: { channel: string }, seconds: number): void };
}

/** Shared by the bot, the text commands, the card actions and the deliverer. */
export interface TeamsContext {
  config: TeamsChannelConfig;
  store: TeamsStore;
  cards: CardRenderer;
  /** The composed `handleEnquiry`; Teams asks with `reply: 'inline'` and answers in the same turn. */
  handle(request: EnquiryRequest): Promise<Outcome>;
  tickets: TeamsTicketOps;
  staff: StaffDirectory;
  /** The router passed to the channel (the core reads municipality answers; kept for the channel's deps). */
  router: Router | null;
  /** Passages by id, for the "Meinten Sie …" buttons; when absent the passage title is asked as a question. */
  passages: ((id: string) => Passage | null) | null;
  logger: Logger;
  clock: Clock;
  metrics: TeamsMetrics | null;
  /** The sender's mail address for the e-mail fallback, looked up once per person. */
  emails: MemberEmailLookup;
  /** A staff channel was registered (teamId null: for all teams): queue the cards of its open tickets once. */
  announceStaffChannel(teamId: string | null, conversationId: string): Promise<void>;
}

/** Longest question text handed to the core; longer messages are truncated with a note. */
export const MAX_QUESTION_CHARS = 8000;
