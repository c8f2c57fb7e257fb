/**
 * End to end over Dovecot and smtp-server: a mail APPENDed to the inbox is answered once, threaded, marked
 * and moved; history before the first start is never answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mail, OWN, startEmailHarness, type EmailHarness } from './harness.js';

describe('email channel end to end', () => {
  let h: EmailHarness;

  beforeAll(async () => {
    h = await startEmailHarness({ noStart: true });
    // History: present before the first start, must never be answered.
    await h.append(mail('historic-1@altdorf.example', 'Anna <a@altdorf.example>', 'Alte Frage', 'Wie hoch ist der Fördersatz?'));
    await h.channel.start();
    h.worker.start();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers a new question once, threaded, and moves it to the processed folder', async () => {
    await h.append(
      mail('q1@altdorf.example', 'Anna Beispiel <a.beispiel@altdorf.example>', 'Frage zum Verwendungsnachweis', 'Guten Tag,\r\n\r\nbis wann muss der Verwendungsnachweis vorgelegt werden?\r\n\r\nMit freundlichen Grüßen\r\nGemeinde Altdorf'),
    );
    const [reply] = await h.sink.waitFor(1);
    expect(reply).toBeDefined();
    expect(reply!.envelopeTo).toEqual(['a.beispiel@altdorf.example']);
    expect(reply!.parsed.subject).toMatch(/^AW: /);
    expect(reply!.parsed.subject).not.toMatch(/AW: AW:/);
    expect(reply!.parsed.inReplyTo).toBe('<q1@altdorf.example>');
    expect(reply!.headers['references']).toContain('<q1@altdorf.example>');
    expect(reply!.headers['auto-submitted']).toBe('auto-replied');
    expect(reply!.headers['x-loop']).toBe(OWN);
    expect(reply!.parsed.messageId).toMatch(/^<pakt\.[0-9a-f]{32}@rps\.bwl\.de>$/);
    expect(reply!.parsed.text).toContain('Guten Tag');
    await h.waitForFolder('Bearbeitet', 1);
    expect(await h.uids('INBOX')).toHaveLength(1); // only the historic mail stays
    expect(h.channel.status()).toEqual({ connected: true });
  });
});
