import { describe, expect, it } from 'vitest';
import { guardMail, loopHeaders, type GuardInput, type SuppressReason } from '../../../src/channels/email/loop-guard.js';

const OWN = ['integrationsmanagement@rps.bwl.de', 'im-postfach@rps.bwl.de'];

function input(overrides: Partial<GuardInput> = {}): GuardInput {
  return {
    headers: {},
    from: 'buergermeisteramt@altdorf.de',
    contentType: 'text/plain',
    ownAddresses: OWN,
    repliesToSenderToday: 0,
    maxRepliesPerDay: 5,
    ...overrides,
  };
}

const cases: [string, Partial<GuardInput>, SuppressReason | null][] = [
  ['a plain question', {}, null],
  ['Auto-Submitted: no', { headers: { 'auto-submitted': 'no' } }, null],
  ['Auto-Submitted: auto-replied', { headers: { 'auto-submitted': 'auto-replied' } }, 'auto_submitted'],
  ['Auto-Submitted: auto-generated', { headers: { 'auto-submitted': 'auto-generated' } }, 'auto_submitted'],
  ['Precedence: bulk', { headers: { precedence: 'bulk' } }, 'precedence'],
  ['Precedence: list', { headers: { precedence: 'list' } }, 'precedence'],
  ['Precedence: junk', { headers: { precedence: 'junk' } }, 'precedence'],
  ['Precedence: first-class', { headers: { precedence: 'first-class' } }, null],
  ['X-Auto-Response-Suppress: All', { headers: { 'x-auto-response-suppress': 'All' } }, 'auto_response_suppress'],
  ['X-Auto-Response-Suppress: OOF, DR', { headers: { 'x-auto-response-suppress': 'DR, OOF' } }, 'auto_response_suppress'],
  ['X-Auto-Response-Suppress: RN only (read receipts)', { headers: { 'x-auto-response-suppress': 'RN, NRN' } }, null],
  ['our X-Loop', { headers: { 'x-loop': 'Integrationsmanagement@rps.bwl.de' } }, 'x_loop'],
  ['a foreign X-Loop', { headers: { 'x-loop': 'helpdesk@example.org' } }, null],
  ['List-Id', { headers: { 'list-id': '<news.example.org>' } }, 'mailing_list'],
  ['List-Unsubscribe', { headers: { 'list-unsubscribe': '<mailto:u@example.org>' } }, 'mailing_list'],
  ['multipart/report', { contentType: 'multipart/report; report-type=delivery-status' }, 'delivery_report'],
  ['MAILER-DAEMON', { from: 'mailer-daemon@mx.example.org' }, 'mailer_daemon'],
  ['postmaster', { from: 'postmaster@example.org' }, 'mailer_daemon'],
  ['no-reply sender', { from: 'no-reply@portal.example.org' }, 'no_reply_sender'],
  ['noreply sender', { from: 'noreply@example.org' }, 'no_reply_sender'],
  ['donotreply sender', { from: 'do-not-reply@example.org' }, 'no_reply_sender'],
  ['our own MAIL_FROM', { from: 'integrationsmanagement@rps.bwl.de' }, 'own_address'],
  ['another own address', { from: 'im-postfach@rps.bwl.de' }, 'own_address'],
  ['a colleague from our domain', { from: 'team-nord@rps.bwl.de' }, 'staff_sender'],
  ['empty Return-Path', { returnPath: '<>' }, 'no_sender'],
  ['no From', { from: '' }, 'no_sender'],
  ['German out-of-office subject', { subject: 'Automatische Antwort: Frage' }, 'auto_reply_subject'],
  ['English out-of-office subject', { subject: 'Out of Office: Ihre Anfrage' }, 'auto_reply_subject'],
  ['5th reply today is the limit', { repliesToSenderToday: 5 }, 'rate_limit'],
  ['4 replies today is fine', { repliesToSenderToday: 4 }, null],
  ['limit 0 means no automatic replies', { maxRepliesPerDay: 0 }, 'rate_limit'],
];

describe(guardMail.name, () => {
  it.each(cases)('%s', (_name, overrides, expected) => {
    const verdict = guardMail(input(overrides));
    if (expected === null) expect(verdict).toEqual({ suppress: false });
    else expect(verdict).toEqual({ suppress: true, reason: expected });
  });
});

describe(loopHeaders.name, () => {
  it('marks automatic mails as auto-replied with our loop header', () => {
    expect(loopHeaders('IM@rps.bwl.de', true)).toEqual({
      'X-Loop': 'im@rps.bwl.de',
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
    });
  });
  it('marks staff answers with the loop header only', () => {
    expect(loopHeaders('im@rps.bwl.de', false)).toEqual({ 'X-Loop': 'im@rps.bwl.de' });
  });
});
