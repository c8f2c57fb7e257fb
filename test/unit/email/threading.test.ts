import { describe, expect, it } from 'vitest';
import {
  isOurMessageId,
  outboundMessageId,
  parseMessageIds,
  replyReferences,
  replySubject,
  stripReplyPrefixes,
  ticketNumberInSubject,
} from '../../../src/channels/email/threading.js';

describe(ticketNumberInSubject.name, () => {
  it.each([
    ['[IM-2026-000123] Frage', 'IM-2026-000123'],
    ['AW: AW: [IM-2026-000123] Frage', 'IM-2026-000123'],
    ['RE: Frage (Ticket im-2026-000042)', 'IM-2026-000042'],
    ['Frage zur Förderung 2026', null],
    ['IM-26-123 is not a number', null],
  ])('%s', (subject, expected) => {
    expect(ticketNumberInSubject(subject)).toBe(expected);
  });
});

describe(replySubject.name, () => {
  it.each([
    ['Frage zur Frist', null, 'AW: Frage zur Frist'],
    ['AW: Frage zur Frist', null, 'AW: Frage zur Frist'],
    ['AW: AW: Re: WG: Frage', null, 'AW: Frage'],
    ['RE[2]: Frage', null, 'AW: Frage'],
    ['Frage zur Frist', 'IM-2026-000124', 'AW: [IM-2026-000124] Frage zur Frist'],
    ['AW: [IM-2026-000124] Frage zur Frist', 'IM-2026-000124', 'AW: [IM-2026-000124] Frage zur Frist'],
    ['Re: Frage IM-2026-000124', 'IM-2026-000124', 'AW: [IM-2026-000124] Frage'],
    ['', null, 'AW: (ohne Betreff)'],
  ])('%s → %s', (subject, ticket, expected) => {
    expect(replySubject(subject, ticket)).toBe(expected);
  });
  it('strips Outlook and Thunderbird prefixes', () => {
    expect(stripReplyPrefixes('Fwd: WG: Antwort: x')).toBe('x');
  });
});

describe(replyReferences.name, () => {
  it('appends the enquiry Message-ID to its chain', () => {
    expect(replyReferences(['<a@x>'], '<b@x>')).toEqual(['<a@x>', '<b@x>']);
  });
  it('keeps the root when trimming a long chain', () => {
    const chain = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const refs = replyReferences(chain, '<new@x>');
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<m0@x>');
    expect(refs.at(-1)).toBe('<new@x>');
  });
  it('parses ids from header values', () => {
    expect(parseMessageIds('<a@x> <b@y>\r\n <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(parseMessageIds(undefined)).toEqual([]);
  });
});

describe(outboundMessageId.name, () => {
  it('is stable per key and recognisable', () => {
    const a = outboundMessageId('k1', 'im@rps.bwl.de');
    expect(a).toBe(outboundMessageId('k1', 'im@rps.bwl.de'));
    expect(a).not.toBe(outboundMessageId('k2', 'im@rps.bwl.de'));
    expect(a).toMatch(/@rps\.bwl\.de>$/);
    expect(isOurMessageId(a)).toBe(true);
    expect(isOurMessageId('<abc@outlook.com>')).toBe(false);
  });
});
