import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { activityKey, conversationType, messageText, toEnquiry } from '../../../src/channels/teams/requester/inbound.js';
import { findCommand } from '../../../src/channels/teams/requester/commands.js';
import { MAX_QUESTION_CHARS } from '../../../src/channels/teams/context.js';

const base: Partial<Activity> = {
  id: '1700000000000',
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'https://smba.example/',
  from: { id: '29:u', name: 'Frau Test', aadObjectId: 'aad-1' },
  recipient: { id: '28:bot', name: 'Pakt-Assistent' },
  conversation: { id: '19:chat', isGroup: true, conversationType: 'groupChat', name: '' },
};

describe(messageText.name, () => {
  it('strips the bot mention and Teams markup', () => {
    const activity = {
      ...base,
      text: '<at>Pakt-Assistent</at> Wie lang darf der <b>Sachbericht</b> sein?<br/>',
      entities: [{ type: 'mention', text: '<at>Pakt-Assistent</at>', mentioned: { id: '28:bot', name: 'Pakt-Assistent' } }],
    };
    expect(messageText(activity)).toBe('Wie lang darf der Sachbericht sein?');
  });

  it('keeps the name of another person mentioned, and drops a leading bot mention sent without entity', () => {
    expect(messageText({ ...base, text: 'Frage von <at>Max</at>: Frist?' })).toBe('Frage von Max: Frist?');
    expect(messageText({ ...base, text: '<at>Pakt-Assistent</at> hilfe' })).toBe('hilfe');
  });
});

describe(activityKey.name, () => {
  it('is stable for a retried activity and differs between conversations with the same activity id', () => {
    const a = activityKey(base);
    expect(activityKey({ ...base })).toBe(a);
    expect(activityKey({ ...base, conversation: { ...base.conversation!, id: '19:other' } })).not.toBe(a);
    expect(a).toMatch(/^teams:1700000000000:[0-9a-f]{12}$/);
  });
});

describe(toEnquiry.name, () => {
  it('builds a Teams enquiry with the conversation reference and a ticket number named in the text', () => {
    const { enquiry, truncatedTo } = toEnquiry(base, 'Rückfrage zu IM-2026-000123: wann kommt der Bescheid?', new Date('2026-06-03T08:00:00Z'));
    expect(enquiry).toMatchObject({ channel: 'teams', from: 'aad-1', fromName: 'Frau Test', ticketNumber: 'IM-2026-000123' });
    expect(enquiry.replyHandle).toMatchObject({ channel: 'teams', conversationReference: { conversation: { id: '19:chat' } } });
    expect(truncatedTo).toBeNull();
  });

  it('truncates very long messages and says how much was kept', () => {
    const { enquiry, truncatedTo } = toEnquiry(base, 'x'.repeat(100_000), new Date());
    expect(enquiry.text).toHaveLength(MAX_QUESTION_CHARS);
    expect(truncatedTo).toBe(MAX_QUESTION_CHARS);
  });
});

describe(conversationType.name, () => {
  it.each([
    ['personal', 'personal'],
    ['groupChat', 'groupChat'],
    ['channel', 'channel'],
    [undefined, 'personal'],
  ])('%s → %s', (type, expected) => {
    expect(conversationType({ conversation: { id: 'c', isGroup: false, name: '', conversationType: type as string } })).toBe(expected);
  });
});

describe(findCommand.name, () => {
  it.each([
    ['hilfe', true],
    ['Hilfe', true],
    ['/hilfe', true],
    ['registrieren team-nord', true],
    ['Hilfe bei der Antragstellung, was muss ich tun?', false],
    ['Wie lang darf der Sachbericht sein?', false],
  ])('%s → command: %s', (text, isCommand) => {
    expect(findCommand(text) !== null).toBe(isCommand);
  });
});
