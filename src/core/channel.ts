/**
 * The doors an enquiry can come through. One zod enum, the TypeScript type inferred from it (STYLE G9), so
 * the ticket rows that store a channel and the core types that carry one cannot drift apart.
 */
import { z } from 'zod';

/** Where an enquiry came from and where its reply goes (the CLI answers on the terminal). */
export const ChannelSchema = z.enum(['email', 'teams', 'cli']);

/** A door: `email`, `teams` or `cli`. */
export type Channel = z.infer<typeof ChannelSchema>;
