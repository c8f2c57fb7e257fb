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
  ['a foreign X-Loop (another system guards its loops)', { headers: { 'x-loop': 'helpdesk@example.org' } }, 'x_loop'],
  ['a helpdesk\'s own loop header', { headers: { 'x-rt-loop-prevention': '[rt.example.org #4711]' } }, 'x_loop'],
  ['Exchange inbox-rule marker alone', { headers: { 'x-ms-exchange-inbox-rules-loop': 'k.weber@altdorf.de' } }, null],
  ['Resent-Sender of a list (SmartList)', { headers: { 'resent-sender': 'debian-user-request@lists.example.org' } }, 'mailing_list'],
  ['X-Loop only in a second value', { headerLists: { 'x-loop': ['', 'liste@example.org'] } }, 'x_loop'],
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
  // Address rules hold for the reply target too (Reply-To): the mailbox must not become a relay.
  ['Reply-To: our own address', { replyTo: 'integrationsmanagement@rps.bwl.de' }, 'own_address'],
  ['Reply-To: a mail daemon', { replyTo: 'mailer-daemon@mx.example.org' }, 'mailer_daemon'],
  ['Reply-To: a no-reply box', { replyTo: 'noreply@portal.example.org' }, 'no_reply_sender'],
  ['Reply-To: a colleague of our domain', { replyTo: 'team-nord@rps.bwl.de' }, 'staff_sender'],
  ['Reply-To: a colleague in the same town hall', { replyTo: 'kaemmerei@altdorf.de' }, null],
  ['Reply-To naming our address while the reply goes to From', { replyTo: 'buergermeisteramt@altdorf.de', replyToHeader: ['integrationsmanagement@rps.bwl.de'] }, 'own_address'],
  ['Reply-To equal to From', { replyTo: 'buergermeisteramt@altdorf.de' }, null],
  // Daemons however written
  ['post_master', { from: 'post_master@vtext.example' }, 'mailer_daemon'],
  ['MAILER-DAEMON without a domain', { from: 'mailer-daemon' }, 'mailer_daemon'],
  ['MAILER-DAEMON only in the raw From header', { from: '', headers: { from: 'MAILER-DAEMON (Mail Delivery Subsystem)' } }, 'mailer_daemon'],
  ['"Mail Delivery System" display name', { fromName: 'Mail Delivery System', from: 'bounce-handler@mx.example.org' }, 'mailer_daemon'],
  ['Return-Path <MAILER-DAEMON>', { returnPath: '<MAILER-DAEMON>' }, 'mailer_daemon'],
  // Reports
  ['DSN nested in multipart/mixed', { contentType: 'multipart/mixed', partTypes: ['message/delivery-status', 'message/rfc822'] }, 'delivery_report'],
  ['returned headers only (text/rfc822-headers)', { contentType: 'multipart/mixed', partTypes: ['text/rfc822-headers'] }, 'delivery_report'],
  ['a forwarded mail as attachment is no report', { contentType: 'multipart/mixed', partTypes: ['message/rfc822'] }, null],
  ['inline Postfix report text', { text: 'This is the mail system at host mx.example.org.\n\nI am sorry to have to inform you' }, 'delivery_report'],
  ['inline DSN fields', { text: 'Final-Recipient: rfc822; x@example.org\nAction: failed' }, 'delivery_report'],
  ['ARF multipart/report', { contentType: 'multipart/report', headers: { 'content-type': 'multipart/report; report-type=feedback-report; boundary=x' } }, 'complaint_report'],
  ['ARF nested in multipart/mixed', { contentType: 'multipart/mixed', partTypes: ['message/feedback-report'] }, 'complaint_report'],
  ['complaint not as multipart/report (subject)', { contentType: 'multipart/mixed', subject: 'complaint about message from 192.0.2.222' }, 'complaint_report'],
  ['complaint fields in plain text', { text: 'This is an abuse report\n\nFeedback-Type: abuse\nUser-Agent: SomeGenerator/1.0\nVersion: 1' }, 'complaint_report'],
  // Autoresponders
  ['X-Autoreply', { headers: { 'x-autoreply': 'yes' } }, 'auto_reply_header'],
  ['X-Autorespond', { headers: { 'x-autorespond': 'Urlaub' } }, 'auto_reply_header'],
  ['X-Autoreply: no', { headers: { 'x-autoreply': 'no' } }, null],
  ['Delivered-To: autoresponder', { headerLists: { 'delivered-to': ['a@altdorf.de', 'Autoresponder'] } }, 'auto_reply_header'],
  ['Auto-Submitted in a second value', { headerLists: { 'auto-submitted': ['no', 'auto-replied'] } }, 'auto_submitted'],
  ['Lotus Notes "AUTO: … is out of the office"', { subject: 'AUTO: Max Muster is out of the office (returning 01.09.2026)' }, 'auto_reply_subject'],
  ['Lotus Notes German', { subject: 'AUTO: Max Muster ist außer Haus (Rückkehr am 01.09.2026)' }, 'auto_reply_subject'],
  ['Abwesenheitsnotiz', { subject: 'Abwesenheitsnotiz: Ihre Anfrage' }, 'auto_reply_subject'],
  ['a person asking about a colleague\'s absence', { subject: 'Abwesenheit der Integrationsmanagerin – wer vertritt?' }, null],
  ['a person missing our automatic answer', { subject: 'Automatische Antwort fehlt – ist meine Mail angekommen?' }, null],
  ['Abwesenheitsnotiz without the original subject', { subject: 'Abwesenheitsnotiz' }, 'auto_reply_subject'],
  ['a person writing about a car ("Auto:")', { subject: 'Auto: Sind Fahrtkosten förderfähig?' }, null],
  ['a person replying to an out-of-office notice', { subject: 'AW: Automatische Antwort: Frage' }, null],
  // Bounces by subject
  ['sendmail "Returned mail"', { subject: 'Returned mail: see transcript for details' }, 'bounce_subject'],
  ['Postfix "Undelivered Mail Returned to Sender"', { subject: 'Undelivered Mail Returned to Sender' }, 'bounce_subject'],
  ['"Delivery Status Notification (Failure)"', { subject: 'Delivery Status Notification (Failure)' }, 'bounce_subject'],
  ['Exchange "Unzustellbar:"', { subject: 'Unzustellbar: Frage zum Sachbericht' }, 'bounce_subject'],
  ['a person forwarding a bounce', { subject: 'WG: Unzustellbar: Frage zum Sachbericht' }, null],
  ['a person asking about the service of a notice', { subject: 'Zustellung nicht möglich – was tun mit dem Bescheid?' }, null],
  ['"Nicht zustellbar:" as servers write it', { subject: 'Nicht zustellbar: Ihre Anfrage' }, 'bounce_subject'],
  // Lists
  ['List-Subscribe', { headers: { 'list-subscribe': '<mailto:liste-join@example.org>' } }, 'mailing_list'],
  ['Mailing-List (ezmlm)', { headers: { 'mailing-list': 'contact liste-help@example.org; run by ezmlm' } }, 'mailing_list'],
  ['X-MLServer (fml)', { headers: { 'x-mlserver': 'fml [fml 4.0.3 release]' } }, 'mailing_list'],
  ['Delivered-To: mailing list in a second value', { headerLists: { 'delivered-to': ['me@altdorf.de', 'mailing list liste@example.org'] } }, 'mailing_list'],
  ['Sender: owner-… (Majordomo)', { headers: { sender: 'owner-liste@example.org' } }, 'mailing_list'],
  ['Return-Path: …-request@', { headerLists: { 'return-path': ['<liste-request@example.org>'] } }, 'mailing_list'],
  ['Return-Path: VERP …-bounces+…@', { headerLists: { 'return-path': ['<liste-bounces+me=altdorf.de@example.org>'] } }, 'mailing_list'],
  ['Return-Path: owner-…', { headerLists: { 'return-path': ['<owner-liste@example.org>'] } }, 'mailing_list'],
  ['a person\'s plain Return-Path', { headerLists: { 'return-path': ['<k.weber@altdorf.de>'] } }, null],
  ['Precedence: list in X-Precedence', { headers: { 'x-precedence': 'list' } }, 'precedence'],
  // Challenge/response filters
  ['challenge subject', { subject: 'Please confirm your message' }, 'challenge_response'],
  ['German challenge subject', { subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse' }, 'challenge_response'],
  ['TMDA header', { headers: { 'x-delivery-agent': 'TMDA/1.1.12 (Macallan)' } }, 'challenge_response'],
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
