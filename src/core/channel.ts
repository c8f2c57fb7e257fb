/**
 * The doors an enquiry can come through. One zod enum, the TypeScript type inferred from it (STYLE G9), so
 * the ticket rows that store a channel and the core types that carry one cannot drift apart.
 */
import { z } from 'zod';

/** Where an enquiry came from and where its reply goes (the CLI answers on the terminal). */
export const ChannelSchema = z.enum(['email', 'teams', 'cli']);

/** A door: `email`, `teams` or `cli`. */
export type Channel = z.infer<typeof ChannelSchema>;

/** The doors a message reaches the service through from outside (the CLI only tries enquiries out). */
export const ServiceChannelSchema = ChannelSchema.exclude(['cli']);

/** `teams` or `email`. */
export type ServiceChannel = z.infer<typeof ServiceChannelSchema>;

/** Where an outbox row goes: a door, or `staff` (an addressee the outbox worker fans out to their channels). */
export const OutboxChannelSchema = z.enum([...ChannelSchema.options, 'staff']);

/** A door or `staff`. */
export type OutboxChannel = z.infer<typeof OutboxChannelSchema>;
