import { describe, expect, it } from 'vitest';
import { splitMailBody } from '../../../src/channels/email/quote-split.js';

describe(splitMailBody.name, () => {
  it('cuts a German "Am … schrieb …" reply chain and keeps the signature apart', () => {
    const body = [
      'Sehr geehrte Damen und Herren,',
      '',
      'bis wann muss der Verwendungsnachweis eingereicht werden?',
      '',
      'Mit freundlichen Grüßen',
      'Anna Beispiel',
      'Gemeindeverwaltung Altdorf',
      '',
      'Am 03.03.2026 um 10:12 schrieb Integrationsmanagement <integrationsmanagement@rps.bwl.de>:',
      '> Vielen Dank für Ihre Nachricht.',
    ].join('\n');
    const split = splitMailBody(body);
    expect(split.text).toBe('Sehr geehrte Damen und Herren,\n\nbis wann muss der Verwendungsnachweis eingereicht werden?');
    expect(split.signature).toContain('Gemeindeverwaltung Altdorf');
    expect(split.quoted).toContain('Vielen Dank');
    expect(split.forwarded).toBe(false);
  });

  it('handles a "schrieb" line wrapped over two lines (Thunderbird)', () => {
    const body = 'Danke, noch eine Frage: gilt das auch 2027?\n\nAm 03.03.2026 um 10:12 schrieb Max Muster\n<max@example.org>:\n> alt';
    expect(splitMailBody(body).text).toBe('Danke, noch eine Frage: gilt das auch 2027?');
  });

  it('cuts Outlook "-----Ursprüngliche Nachricht-----"', () => {
    const body = 'Wie hoch ist die Förderung?\n\n-----Ursprüngliche Nachricht-----\nVon: X\nGesendet: Montag\nAn: Y\nBetreff: Z\n\nalt';
    expect(splitMailBody(body).text).toBe('Wie hoch ist die Förderung?');
  });

  it('cuts an Outlook header block "Von: … Gesendet: …" after an underscore line', () => {
    const body = [
      'Gibt es eine Vorlage für den Sachbericht?',
      '',
      '________________________________',
      'Von: Integrationsmanagement <integrationsmanagement@rps.bwl.de>',
      'Gesendet: Dienstag, 3. März 2026 10:12',
      'An: Beispiel, Anna',
      'Betreff: AW: [IM-2026-000123] Sachbericht',
      '',
      'Sehr geehrte Frau Beispiel,',
    ].join('\n');
    const split = splitMailBody(body);
    expect(split.text).toBe('Gibt es eine Vorlage für den Sachbericht?');
    expect(split.quoted).toContain('Sehr geehrte Frau Beispiel');
  });

  it('cuts English "On … wrote:" and "From: … Sent:" blocks', () => {
    expect(splitMailBody('Thanks!\n\nOn Tue, 3 Mar 2026 at 10:12, IM <im@rps.bwl.de> wrote:\n> old').text).toBe('Thanks!');
    expect(splitMailBody('Question?\n\nFrom: IM <im@rps.bwl.de>\nSent: Tuesday\nTo: me\nSubject: x\n\nold').text).toBe('Question?');
  });

  it('drops ">" quote lines interleaved without a header', () => {
    expect(splitMailBody('> Ihre Frage\nMeine Antwort\n> mehr').text).toBe('Meine Antwort');
  });

  it('takes the forwarded mail as the question when nothing was written above it', () => {
    const body = [
      '---------- Forwarded message ---------',
      'From: Bürger <b@example.org>',
      'Date: Mon, 2 Mar 2026',
      'Subject: Frage',
      'To: gemeinde@altdorf.de',
      '',
      'Wer ist für Integrationsmanagement in Altdorf zuständig?',
    ].join('\n');
    const split = splitMailBody(body);
    expect(split.text).toBe('Wer ist für Integrationsmanagement in Altdorf zuständig?');
    expect(split.forwarded).toBe(true);
  });

  it('keeps the note above a forward as the question', () => {
    const body = 'Bitte um Klärung der unten stehenden Frage.\n\n---------- Weitergeleitete Nachricht ----------\nVon: X\nDatum: Y\n\nalt';
    const split = splitMailBody(body);
    expect(split.text).toBe('Bitte um Klärung der unten stehenden Frage.');
    expect(split.forwarded).toBe(false);
  });

  it('splits at "-- " and drops mobile footers', () => {
    const split = splitMailBody('Frage?\n\nGesendet von meinem iPhone\n-- \nAnna Beispiel\nStadt Tübingen');
    expect(split.text).toBe('Frage?');
    expect(split.signature).toBe('Anna Beispiel\nStadt Tübingen');
  });

  it('does not treat a greeting on the first line as a signature', () => {
    expect(splitMailBody('Viele Grüße').text).toBe('Viele Grüße');
  });

  it('returns empty text for an empty body', () => {
    expect(splitMailBody('')).toEqual({ text: '', signature: '', quoted: '', forwarded: false });
  });
});
