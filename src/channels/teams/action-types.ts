/**
 * The shape of a card action handler (STYLE G4): a verb, who may use it, a zod schema for the submitted
 * data (STYLE G9) and the handler. Handlers are thin: they call the core or the ticket service and render.
 */
import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { TeamsContext } from './context.js';

/** A sender recognised as staff, with the id the ticket service records as actor. */
export interface StaffActor {
  /** StaffDirectory id when known, else `teams:<aad object id>`. */
  id: string;
  /** Role name shown on cards (never logged). */
  displayName: string;
}

/** What a handler receives besides its parsed data. */
export interface ActionCall {
  turn: TurnContext;
  ctx: TeamsContext;
  /** The staff actor for staff-only verbs (null for requester verbs used by requesters). */
  actor: StaffActor | null;
  /** Idempotency key of this action (derived from card, verb and data). */
  key: string;
}

/** One entry of the verb table. */
export interface ActionHandler<S extends z.ZodType = z.ZodType> {
  verb: string;
  /** True for the case-worker actions on staff cards. */
  staffOnly: boolean;
  schema: S;
  run(call: ActionCall, data: z.output<S>): Promise<void>;
}

/** Declares a handler with its data type inferred from the schema. */
export function defineAction<S extends z.ZodType>(handler: ActionHandler<S>): ActionHandler {
  return handler as unknown as ActionHandler;
}
