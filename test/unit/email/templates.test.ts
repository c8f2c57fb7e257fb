import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/core/errors.js';
import { MAIL_KINDS } from '../../../src/core/outcome.js';
import { loadMailTemplates } from '../../../src/channels/email/templates.fs.js';
import { germanDateTime, sampleViews } from '../../../src/channels/email/views.js';

const TEMPLATES = new URL('../../../templates', import.meta.url).pathname;
const dirs: string[] = [];

function copyTemplates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pakt-tpl-'));
  dirs.push(dir);
  cpSync(join(TEMPLATES, 'mail'), join(dir, 'mail'), { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe(loadMailTemplates.name, () => {
  it('loads every kind and renders German text and HTML', () => {
    const templates = loadMailTemplates(TEMPLATES);
    for (const kind of MAIL_KINDS) {
      const out = templates.render(kind, sampleViews(kind).full);
      expect(out.text.length).toBeGreaterThan(20);
      expect(out.html).toContain('<html lang="de">');
    }
    const answer = templates.render('auto_answer', sampleViews('auto_answer').full);
    expect(answer.text).toContain('Falls das Ihre Frage nicht beantwortet, antworten Sie einfach auf diese E-Mail.');
    expect(answer.text).toContain('Quelle: VwV Nr. 5.2');
  });

  it('asks for the municipality inside the ticket confirmation, and only when the route is open', () => {
    const templates = loadMailTemplates(TEMPLATES);
    const asking = templates.render('ticket_confirmation', sampleViews('ticket_confirmation').full);
    expect(asking.text).toContain('Vorgangsnummer IM-2026-000123');
    expect(asking.text).toContain('nennen Sie uns bitte Ihre Gemeinde');
    expect(asking.text).toContain('- Altdorf (Landkreis Böblingen)');
    expect(asking.html).toContain('<li>Altdorf (Landkreis Böblingen)</li>');
    const routed = templates.render('ticket_confirmation', sampleViews('ticket_confirmation').empty);
    expect(routed.text).toContain('Vorgangsnummer IM-2026-000123');
    expect(routed.text).not.toContain('Gemeinde');
    expect(routed.html).not.toContain('Gemeinde');
  });

  it('says in German and English that a person answers in German when the enquiry was not in German', () => {
    const templates = loadMailTemplates(TEMPLATES);
    const foreign = templates.render('ticket_confirmation', sampleViews('ticket_confirmation').full);
    expect(foreign.text).toContain('Your message is not written in German.');
    expect(foreign.html).toContain('<span lang="en">Your message is not written in German.');
    const german = templates.render('ticket_confirmation', sampleViews('ticket_confirmation').empty);
    expect(german.text).not.toContain('not written in German');
  });

  it('escapes HTML but not plain text', () => {
    const templates = loadMailTemplates(TEMPLATES);
    const view = { ...sampleViews('staff_answer').full, text: 'a < b & "c"' };
    const out = templates.render('staff_answer', view);
    expect(out.text).toContain('a < b & "c"');
    expect(out.html).toContain('a &lt; b &amp; &quot;c&quot;');
  });

  it('fails at load when a template names a variable the view model lacks', () => {
    const dir = copyTemplates();
    writeFileSync(join(dir, 'mail', 'declined.text.hbs'), 'Guten Tag {{anrede}},\n{{message}}');
    expect(() => loadMailTemplates(dir)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID' }));
  });

  it('checks variables inside conditional blocks too', () => {
    const dir = copyTemplates();
    writeFileSync(join(dir, 'mail', 'auto_answer.html.hbs'), '{{#if stand}}{{standDatum}}{{/if}}{{answerText}}');
    expect(() => loadMailTemplates(dir)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID' }));
  });

  it('fails at load when a kind has no template', () => {
    const dir = copyTemplates();
    rmSync(join(dir, 'mail', 'escalation.html.hbs'));
    let error: unknown;
    try {
      loadMailTemplates(dir);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'TEMPLATE_INVALID')).toBe(true);
  });
});

describe(germanDateTime.name, () => {
  it('formats in Berlin time, date only at midnight', () => {
    expect(germanDateTime('2026-03-03T09:00:00.000Z')).toBe('Dienstag, 3. März 2026, 10:00 Uhr');
    expect(germanDateTime('2026-12-01T23:00:00.000Z')).toBe('Mittwoch, 2. Dezember 2026');
  });
});
