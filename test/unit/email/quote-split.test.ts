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

  it('takes a quote the writer introduces as what they pass on ("folgende Frage weiterzuleiten:") when their own text asks nothing', () => {
    const body = 'Guten Morgen,\n\nunsere Kämmerei bittet, folgende Frage weiterzuleiten:\n\n> Bis wann muss der Sachbericht vorliegen?\n\nMit freundlichen Grüßen\nStadt X';
    expect(splitMailBody(body).text).toContain('Bis wann muss der Sachbericht vorliegen?');
    expect(splitMailBody('Danke!\n\nAm 02.04.2025 schrieb RP Stuttgart:\n> Gilt das?').text).toBe('Danke!');
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

  it('joins the forwarded mail to a note above it that asks nothing ("Bitte um Klärung der unten stehenden Frage.")', () => {
    const body = 'Bitte um Klärung der unten stehenden Frage.\n\n---------- Weitergeleitete Nachricht ----------\nVon: X\nDatum: Y\n\nBis wann ist der Sachbericht fällig?';
    const split = splitMailBody(body);
    expect(split.text).toBe('Bitte um Klärung der unten stehenden Frage.\n\nBis wann ist der Sachbericht fällig?');
    expect(split.forwarded).toBe(true);
  });

  it('keeps a note that asks its own question above a forward, and the original below a reply, apart', () => {
    const forward = 'Was gilt hier für uns?\n\n---------- Weitergeleitete Nachricht ----------\nVon: X\nDatum: Y\n\nalt';
    expect(splitMailBody(forward).text).toBe('Was gilt hier für uns?');
    const reply = 'Vielen Dank für die Auskunft.\n\n-----Ursprüngliche Nachricht-----\nVon: X\nGesendet: Y\n\nBis wann ist der Sachbericht fällig?';
    expect(splitMailBody(reply).text).toBe('Vielen Dank für die Auskunft.');
  });

  it('reads Outlook\'s "Ursprüngliche Nachricht" as a forward under a forward\'s subject ("WG: …")', () => {
    const body = 'ich leite Ihnen die Frage einer Kollegin weiter, wir sind uns intern nicht einig.\n\n-----Ursprüngliche Nachricht-----\nVon: Abteilung Integration\nGesendet: Dienstag\nBetreff: Sachbericht\n\nReicht ein Sachbericht für zwei Träger?';
    const forward = splitMailBody(body, { forwardSubject: true });
    expect(forward.text).toBe('ich leite Ihnen die Frage einer Kollegin weiter, wir sind uns intern nicht einig.\n\nReicht ein Sachbericht für zwei Träger?');
    expect(forward.forwarded).toBe(true);
    // The same body under a reply's subject keeps the original apart.
    expect(splitMailBody(body).text).toBe('ich leite Ihnen die Frage einer Kollegin weiter, wir sind uns intern nicht einig.');
  });

  it('splits at "-- " and drops mobile footers', () => {
    const split = splitMailBody('Frage?\n\nGesendet von meinem iPhone\n-- \nAnna Beispiel\nStadt Tübingen');
    expect(split.text).toBe('Frage?');
    expect(split.signature).toBe('Anna Beispiel\nStadt Tübingen');
  });

  it('moves a legal footer without sign-off out of the question, but keeps a question about confidential data', () => {
    const body = 'Wie hoch ist der Fördersatz?\n\nDiese E-Mail enthält vertrauliche Informationen und ist nur für den Adressaten bestimmt.';
    expect(splitMailBody(body).text).toBe('Wie hoch ist der Fördersatz?');
    expect(splitMailBody(body).signature).toMatch(/^Diese E-Mail enthält vertrauliche/);
    const question = 'Guten Tag,\n\nDürfen wir vertrauliche Informationen über Klienten an das Jobcenter weitergeben?';
    expect(splitMailBody(question).text).toBe(question);
  });

  it('does not treat a greeting on the first line as a signature', () => {
    expect(splitMailBody('Viele Grüße').text).toBe('Viele Grüße');
  });

  it('returns empty text for an empty body', () => {
    expect(splitMailBody('')).toEqual({ text: '', signature: '', quoted: '', forwarded: false });
  });

  it('takes the new text below a quote (bottom-posted reply)', () => {
    const body = 'Am 04.03.2026 um 15:02 schrieb Integrationsmanagement:\n> Bitte reichen Sie den Bericht ein.\n> Gruß\n\nGenügt ein PDF?\n\nViele Grüße\nTom';
    const split = splitMailBody(body);
    expect(split.text).toBe('Genügt ein PDF?');
    expect(split.signature).toBe('Viele Grüße\nTom');
    expect(split.quoted).toContain('Bitte reichen Sie den Bericht ein.');
    expect(split.forwarded).toBe(false);
  });

  it('takes every answer written between quoted lines (interleaved reply)', () => {
    const body = '> 1. Seit wann?\nSeit Februar.\n> 2. Wie viel?\n\nMit 80 Prozent.\n> Befristet?\nJa, bis 2027.';
    expect(splitMailBody(body).text).toBe('Seit Februar.\n\nMit 80 Prozent.\nJa, bis 2027.');
  });

  it('keeps a lower-case line that a mail client wrapped out of a long quoted line in the quote', () => {
    const body = 'Danke!\n\nOn 04.03.2026 Max wrote:\n> Die Förderung setzt voraus, dass die Stelle mindestens zur Hälfte besetzt\nist und der Bericht vorliegt.\n> Gruß';
    expect(splitMailBody(body).text).toBe('Danke!');
  });

  it('keeps a lower-case answer below a quoted sentence that ended', () => {
    const body = '> Bitte teilen Sie uns mit, ob die Stelle befristet ist und wann sie besetzt wurde.\nja, befristet bis 2027.';
    expect(splitMailBody(body).text).toBe('ja, befristet bis 2027.');
  });

  it('recognises an attribution in any language by its place above a quote (address or date, colon)', () => {
    const body = 'Hallo\n\n02.04.2012 14:20 пользователь "bob@example.org" <\nbob@example.org> написал:\n> Hi';
    expect(splitMailBody(body).text).toBe('Hallo');
  });

  it('cuts a German Gmail attribution wrapped over two lines', () => {
    const body = 'Dürfen Dolmetscherkosten abgerechnet werden?\n\nIM <im@rps.bwl.de> schrieb am Di., 16. Aug. 2016\num 12:52 Uhr:\n\nSprachmittlung ist möglich.';
    const split = splitMailBody(body);
    expect(split.text).toBe('Dürfen Dolmetscherkosten abgerechnet werden?');
    expect(split.quoted).toContain('Sprachmittlung ist möglich.');
  });

  it('cuts a Lotus header block written without a space after the colon', () => {
    const body = 'Können wir erhöhen?\n\n\nVon:"Integrationsmanagement" <im@rps.bwl.de>\nAn:"Martin Huber" <m@x.example>\nDatum:03.03.2026 16:12\nBetreff:Stellenanteil\n\nalt';
    expect(splitMailBody(body).text).toBe('Können wir erhöhen?');
  });

  it('cuts "Von:/Gesendet:" with and without a space, and flattened onto one line', () => {
    expect(splitMailBody('Frage?\n\nVon:IM <im@rps.bwl.de>\nGesendet:Montag\nAn:ich\nBetreff:x\n\nalt').text).toBe('Frage?');
    expect(splitMailBody('Frage?\nVon: IM <im@rps.bwl.de> Gesendet: Montag, 2. März 2026 An: ich Betreff: x\nalt').text).toBe('Frage?');
  });

  it('cuts "-------- Original-Nachricht --------" (GMX, web.de)', () => {
    expect(splitMailBody('Frage?\n\n-------- Original-Nachricht --------\nBetreff: x\nVon: y\n\nalt').text).toBe('Frage?');
  });

  it('cuts attributions in other languages, also where the verb ends in a non-ASCII letter', () => {
    expect(splitMailBody('¿Cuándo?\n\nEl 2 mar 2026, a las 10:00, IM <im@rps.bwl.de> escribió:\n\nalt').text).toBe('¿Cuándo?');
    expect(splitMailBody('Wanneer?\n\nOp 2 mrt. 2026 om 10:00 schreef IM <im@rps.bwl.de>:\n\nalt').text).toBe('Wanneer?');
  });

  it('cuts Horde "Zitat von …:" and "… hat am … geschrieben:" headers', () => {
    expect(splitMailBody('Frage?\n\nZitat von IM <im@rps.bwl.de>:\n\nalt').text).toBe('Frage?');
    expect(splitMailBody('Frage?\n\nIM <im@rps.bwl.de> hat am 02.03.2026 10:00 geschrieben:\n\nalt').text).toBe('Frage?');
  });

  it('takes an Apple Mail forward without dashes as the question', () => {
    const split = splitMailBody('Anfang der weitergeleiteten Nachricht:\n\nVon: Bürger <b@example.org>\nBetreff: Frage\nDatum: 2. März 2026\nAn: g@altdorf.de\n\nWer ist zuständig?');
    expect(split.text).toBe('Wer ist zuständig?');
    expect(split.forwarded).toBe(true);
  });

  it('does not take a sentence that mentions what someone wrote for a quote header', () => {
    const body = 'Wie Sie schrieben, brauchen wir folgende Unterlagen:\n- Stellenplan\n- Sachbericht\nReicht eine Kopie?';
    expect(splitMailBody(body).text).toBe(body);
  });

  it('keeps prose ending in "schrieben:" that is no quote header', () => {
    const body = 'Guten Tag,\nwie Sie schrieben:\ndie Frist endet im Juni. Gilt das auch für uns?';
    expect(splitMailBody(body).text).toBe(body);
  });

  it('keeps a sentence that starts "Am Montag schrieb mir …"', () => {
    const body = 'Sehr geehrte Damen und Herren,\n\nAm Montag schrieb mir der Kreis, dass die Frist verlängert wird. Stimmt das?';
    expect(splitMailBody(body).text).toBe(body);
  });

  it('takes a bare quote as the question when nothing else was written', () => {
    expect(splitMailBody('Am 1.3.2026 schrieb X:\n> Wann ist die Frist?').text).toBe('Wann ist die Frist?');
  });
});

