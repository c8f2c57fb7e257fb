/**
 * The workplace's templates: a broken or missing template stops start-up (TEMPLATE_INVALID), though pages
 * compile only on first use; values from mail are escaped.
 */
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkplaceViews } from '../../../src/channels/workplace/views.fs.js';

describe('workplace views', () => {
  let dir: string;
  const made: string[] = [];
  const copy = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-views-'));
    made.push(dir);
    cpSync('templates/workplace', join(dir, 'workplace'), { recursive: true });
    return dir;
  };
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a template with a syntax error at load, naming the file', () => {
    copy();
    writeFileSync(join(dir, 'workplace', 'vorgang.hbs'), '{{#if ticket}}<p>{{ticket.number}}</p>');
    expect(() => loadWorkplaceViews(dir)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('vorgang.hbs') }));
  });

  it('refuses a broken layout partial and a missing page at load', () => {
    copy();
    writeFileSync(join(dir, 'workplace', 'layout.hbs'), '{{#each items}}');
    expect(() => loadWorkplaceViews(dir)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('layout.hbs') }));
    copy();
    unlinkSync(join(dir, 'workplace', 'uebersicht.hbs'));
    expect(() => loadWorkplaceViews(dir)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('uebersicht.hbs') }));
  });

  it('renders a page on first use with every value escaped', () => {
    copy();
    const html = loadWorkplaceViews(dir).render('fehler', { title: '<script>alert(1)</script>', message: 'a & b' });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });
});
