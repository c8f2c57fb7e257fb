import { describe, expect, it } from 'vitest';
import { learnSender, type SenderConfirmations } from '../../../src/core/sender-learning.js';
import { createRecordingLogger } from '../../fakes/logger.js';

const at = new Date('2026-06-03T08:00:00.000Z');

function directory(fail = false): SenderConfirmations & { learned: string[] } {
  const learned: string[] = [];
  return {
    learned,
    confirm(address, gemeindeAgs, provenance) {
      if (fail) throw new Error('unknown AGS');
      learned.push(`${address} → ${gemeindeAgs} (${provenance})`);
    },
  };
}

describe(learnSender.name, () => {
  it('remembers the sender with the Gemeinde the requester settled, naming the ticket', () => {
    const senders = directory();
    expect(learnSender(senders, { address: 'a@gemeinde.example', gemeindeAgs: '08115045', ticketNumber: 'IM-2026-000001', at }, createRecordingLogger())).toBe(true);
    expect(senders.learned).toEqual(['a@gemeinde.example → 08115045 (Bestätigt in Vorgang IM-2026-000001)']);
  });

  it('learns nothing from a Kreis-only answer, an empty address or without a directory', () => {
    const senders = directory();
    const log = createRecordingLogger();
    expect(learnSender(senders, { address: 'a@gemeinde.example', gemeindeAgs: '08115', ticketNumber: 'IM-2026-000001', at }, log)).toBe(false);
    expect(learnSender(senders, { address: 'a@gemeinde.example', gemeindeAgs: null, ticketNumber: 'IM-2026-000001', at }, log)).toBe(false);
    expect(learnSender(senders, { address: ' ', gemeindeAgs: '08115045', ticketNumber: 'IM-2026-000001', at }, log)).toBe(false);
    expect(learnSender(undefined, { address: 'a@gemeinde.example', gemeindeAgs: '08115045', ticketNumber: 'IM-2026-000001', at }, log)).toBe(false);
    expect(senders.learned).toEqual([]);
  });

  it('logs a failure without the address and never throws (it costs only a later ask-back)', () => {
    const log = createRecordingLogger();
    expect(learnSender(directory(true), { address: 'a@gemeinde.example', gemeindeAgs: '08115045', ticketNumber: 'IM-2026-000001', at }, log)).toBe(false);
    expect(log.lines.map((l) => l.level)).toEqual(['warn']);
    expect(log.text()).not.toContain('a@gemeinde.example');
  });
});
