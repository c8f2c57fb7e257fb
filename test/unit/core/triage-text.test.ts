import { describe, expect, it } from 'vitest';
import { cleanSubject, foldPlain, foldText, forwardedMessage, isForwardSubject, joinFoldedLines, newMessagePart, originalSlice } from '../../../src/core/triage/index.js';

describe(foldText.name, () => {
  it.each([
    ['Änderungsantrag', 'aenderungsantrag'],
    ['Größe', 'groesse'],
    ['ÜBERWEISUNG', 'ueberweisung'],
    ['Straße', 'strasse'],
    ['Café „Bescheid“ – ok', 'cafe "bescheid" - ok'],
    ['a\u0308nderung', 'aenderung'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldText(input).folded).toBe(folded);
  });

  it('maps folded ranges back to the original wording', () => {
    const text = foldText('Bitte verlängern Sie die Frist.');
    const start = text.folded.indexOf('verlaengern sie');
    expect(originalSlice(text, start, start + 'verlaengern sie'.length)).toBe('verlängern Sie');
  });
});

describe(cleanSubject.name, () => {
  it.each([
    ['Re: Frage Sachbericht', 'Frage Sachbericht', true],
    ['AW: WG: Mittelabruf', 'Mittelabruf', true],
    ['Fwd: RE[2]: Antrag', 'Antrag', true],
    ['[EXTERN] Stand unseres Antrags', 'Stand unseres Antrags', false],
    ['Rückforderung', 'Rückforderung', false],
    [undefined, '', false],
  ])('cleans %s', (subject, expected, isReply) => {
    expect(cleanSubject(subject)).toEqual({ subject: expected, isReply });
  });
});

describe(newMessagePart.name, () => {
  it('cuts the sign-off and what follows', () => {
    expect(newMessagePart('Guten Tag, wie lang darf er sein? Viele Grüße, Gemeinde Aidlingen')).toBe('Guten Tag, wie lang darf er sein?');
  });

  it('cuts quoted history', () => {
    expect(newMessagePart('Danke!\nAm 02.04.2025 um 10:12 schrieb RP Stuttgart:\n> Text')).toBe('Danke!');
    expect(newMessagePart('Danke!\n\nOn Mon, 2 Apr 2025 John wrote:\n> Text')).toBe('Danke!');
    expect(newMessagePart('Danke!\n-----Original Message-----\nFrom: x')).toBe('Danke!');
  });

  it('keeps a message that is nothing but a sign-off', () => {
    expect(newMessagePart('Viele Grüße')).toBe('Viele Grüße');
  });

  it('takes the forwarded mail when the message is only a forward', () => {
    const forward = '-----Ursprüngliche Nachricht-----\nVon: Integrationsbüro\nGesendet: Montag, 30. November 2026 09:12\nAn: Hauptamt\nBetreff: Frage\n\nWie lange darf beraten werden?\n\nDanke\nIntegrationsbüro';
    expect(newMessagePart(forward)).toBe('Wie lange darf beraten werden?\n\nDanke\nIntegrationsbüro');
    expect(newMessagePart('---------- Forwarded message ---------\nFrom: a@b.de\nSubject: x\n\nIst das förderfähig?')).toBe('Ist das förderfähig?');
  });

  it('takes a quote the writer introduces as what they pass on when their own text asks nothing', () => {
    const passedOn = 'Guten Morgen,\n\nunsere Kämmerei bittet, folgende Frage weiterzuleiten:\n\n> Bis wann muss der Sachbericht vorliegen?\n\nVielen Dank.\nMit freundlichen Grüßen\nStadt X';
    expect(newMessagePart(passedOn)).toBe('Guten Morgen,\n\nunsere Kämmerei bittet, folgende Frage weiterzuleiten:\n\nBis wann muss der Sachbericht vorliegen?\n\nVielen Dank.');
    // Not below an attribution, not a quote that asks nothing, not when the writer asks a question of their own.
    expect(newMessagePart('Danke!\nAm 02.04.2025 schrieb RP Stuttgart:\n> Gilt das?')).toBe('Danke!');
    expect(newMessagePart('Danke, hier Ihre Antwort:\n> Die Frist ist der 31. März.')).toBe('Danke, hier Ihre Antwort:');
    expect(newMessagePart('Gilt das auch für uns? Zur Frage:\n> Wie lange?')).toBe('Gilt das auch für uns? Zur Frage:');
  });

  it('takes a quoted mail the writer says they pass on, with a bare request to answer it, without its header lines', () => {
    const forwarded =
      'Guten Tag,\n\nich leite Ihnen eine Anfrage aus dem Gemeinderat weiter.\n\n> Von: Fraktion\n> Betreff: Historie\n>\n> Wurde 2019 verlängert?\n\nKönnen Sie uns dazu eine kurze Auskunft geben?\n\nMit freundlichen Grüßen\nGemeinde X';
    const part = newMessagePart(forwarded);
    expect(part).toContain('Wurde 2019 verlängert?');
    expect(part).not.toContain('Von: Fraktion');
    // A question of the writer's own beside the quote keeps the quote history.
    const own = 'ich leite Ihnen eine Anfrage weiter.\n\n> Wurde 2019 verlängert?\n\nGilt das auch für Teilzeitstellen?';
    expect(newMessagePart(own)).not.toContain('Wurde 2019 verlängert?');
  });
});

describe(joinFoldedLines.name, () => {
  it('equals folding the two texts joined by a line break, map included', () => {
    const [a, b] = ['Rückfrage zum Bescheid', 'Die Straße „Am Hang“ – ẞ und \u0301Café'];
    const joined = joinFoldedLines(foldText(a), foldText(b));
    const direct = foldText(`${a}\n${b}`);
    expect(joined.folded).toBe(direct.folded);
    expect(joined.original).toBe(direct.original);
    expect([...joined.map]).toEqual([...direct.map]);
  });

  it('maps folded ranges late in a long text back to the original', () => {
    const text = foldText(`${'Grüße aus Süd. '.repeat(50_000)}Bitte verlängern Sie die Frist.`);
    const start = text.folded.lastIndexOf('verlaengern sie');
    expect(originalSlice(text, start, start + 'verlaengern sie'.length)).toBe('verlängern Sie');
  });
});

describe(`${foldText.name}: no upper case left`, () => {
  it('folds every UTF-16 code unit to text without A–Z (the rule tables match without the i flag)', () => {
    const upper: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (/[A-Z]/.test(foldText(String.fromCharCode(code)).folded)) upper.push(code.toString(16));
    }
    expect(upper).toEqual([]);
  });
});

describe(foldPlain.name, () => {
  it.each(['Stand unseres Anträgs', 'GRÜSSE AUS SÜẞEN – „Zitat“ café', 'ＡＢＣ ǅ İstanbul 🙂 e\u0301', '', 'plain ascii only'])('folds %j exactly as foldText does', (text) => {
    expect(foldPlain(text)).toBe(foldText(text).folded);
  });

  it('folds every UTF-16 code unit exactly as foldText does', () => {
    const differing: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      if (foldPlain(`a${unit}B`) !== foldText(`a${unit}B`).folded) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });
});

describe(forwardedMessage.name, () => {
  it('reads the mail forwarded below a note, without its marker and header block', () => {
    const body = 'Guten Tag,\nich leite Ihnen eine Frage weiter.\nGrüße\nKämmerei\n\n-----Weitergeleitete Nachricht-----\nVon: Amtsleitung\nAn: Sachgebiet\nBetreff: Volumen\n\nWie viel hat das Land 2017 bereitgestellt?\n\nViele Grüße\nAmtsleitung';
    expect(forwardedMessage(body)).toBe('Wie viel hat das Land 2017 bereitgestellt?');
    expect(forwardedMessage('Wie viel hat das Land 2017 bereitgestellt?')).toBeNull();
  });

  it('takes Outlook\'s "Ursprüngliche Nachricht" for a forward only under a forward\'s subject', () => {
    const body = 'ich leite Ihnen die Frage weiter.\n\n-----Ursprüngliche Nachricht-----\nVon: Abteilung\nBetreff: Sachbericht\n\nReicht ein Sachbericht für zwei Träger?';
    expect(forwardedMessage(body, true)).toBe('Reicht ein Sachbericht für zwei Träger?');
    expect(forwardedMessage(body)).toBeNull();
    expect(isForwardSubject('WG: Sachbericht')).toBe(true);
    expect(isForwardSubject('AW: Sachbericht')).toBe(false);
  });
});
