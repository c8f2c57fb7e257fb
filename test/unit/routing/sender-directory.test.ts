/** The learned sender directory: in-memory port behaviour and its place in the order of evidence. */
import { describe, expect, it } from 'vitest';
import { InMemorySenderDirectory, senderKey } from '../../../src/routing/sender-directory.js';
import { realRouter } from './helpers.js';

describe(InMemorySenderDirectory.name, () => {
  it('remembers by bare, lower-cased address', () => {
    const dir = new InMemorySenderDirectory();
    dir.remember('Maria <M.Beispiel@Example.org>', '08115001', 'teams:rueckfrage', new Date('2026-03-02T09:00:00Z'));
    expect(dir.lookup(' m.beispiel@example.org ')).toEqual({ gemeindeAgs: '08115001', provenance: 'teams:rueckfrage', confirmedAt: '2026-03-02T09:00:00.000Z' });
    expect(dir.lookup('other@example.org')).toBeNull();
    expect(senderKey('"X, Y" <A@B.de>')).toBe('a@b.de');
  });
});

describe('router with the sender directory', () => {
  const dir = new InMemorySenderDirectory();
  dir.remember('im@gmx.de', '08116005', 'mail:antwort', new Date('2026-02-01T08:00:00Z'));
  dir.remember('stale@gmx.de', '08999999', 'mail:antwort', new Date('2026-02-01T08:00:00Z'));
  const router = realRouter(dir);

  it('asks nobody twice: a confirmed sender resolves with provenance', () => {
    const result = router.route({ text: 'Hallo, noch eine Frage.', from: 'IM@gmx.de' });
    expect(result.status).toBe('resolved');
    expect(result.gemeinde?.ags).toBe('08116005');
    expect(result.evidence[0]).toContain('mail:antwort');
    expect(result.evidence[0]).toContain('2026-02-01');
  });

  it('the signature outweighs the directory', () => {
    const result = router.route({ text: 'Viele Grüße\nGemeinde Aidlingen', from: 'im@gmx.de' });
    expect(result.gemeinde?.name).toBe('Aidlingen');
  });

  it('the directory outweighs the sender domain and prose', () => {
    const result = router.route({ text: 'Ich arbeite in Schömberg.', from: 'im@gmx.de' });
    expect(result.kreis?.ags).toBe('08116');
  });

  it('ignores a remembered municipality that no longer exists', () => {
    const result = router.route({ text: 'Hallo', from: 'stale@gmx.de' });
    expect(result.status).toBe('unknown');
    expect(result.evidence.join(' ')).toContain('08999999');
  });
});
