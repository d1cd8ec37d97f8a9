/**
 * The postMessage API of an embedded Grokscope. Commands in from the host page, validated by
 * schema (anything else is ignored with a warning); progress out to the host.
 */
import { z } from 'zod';
import { RunConfigFields } from './config';
import type { PhaseName } from './phases';

export const EMBED_MESSAGE_TYPE = 'grokscope';
export const EMBED_PROGRESS_TYPE = 'grokscope-progress';
/** The embedded page's content height, sent to the host whenever it changes, so the frame can fit it. */
export const EMBED_SIZE_TYPE = 'grokscope-size';

export const EmbedCommandSchema = z.discriminatedUnion('command', [
  z.object({ type: z.literal(EMBED_MESSAGE_TYPE), command: z.literal('play') }),
  z.object({ type: z.literal(EMBED_MESSAGE_TYPE), command: z.literal('pause') }),
  z.object({ type: z.literal(EMBED_MESSAGE_TYPE), command: z.literal('reset') }),
  z.object({
    type: z.literal(EMBED_MESSAGE_TYPE),
    command: z.literal('set'),
    // Every field optional, each validated as in RunConfig; the merged config is validated again.
    config: RunConfigFields.partial().strict(),
  }),
]);

export type EmbedCommand = z.infer<typeof EmbedCommandSchema>;

export interface EmbedProgress {
  type: typeof EMBED_PROGRESS_TYPE;
  state: string;
  step: number;
  trainAcc: number | null;
  testAcc: number | null;
  phase: PhaseName | null;
  events: { fitStep: number | null; grokStep: number | null };
}

export type ParsedEmbedMessage = { ok: true; command: EmbedCommand } | { ok: false; reason: string };

export function parseEmbedMessage(data: unknown): ParsedEmbedMessage {
  const r = EmbedCommandSchema.safeParse(data);
  if (r.success) return { ok: true, command: r.data };
  return { ok: false, reason: r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
}
