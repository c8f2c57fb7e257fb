/**
 * The workplace's templates: a broken or missing template stops start-up (TEMPLATE_INVALID), though pages
 * compile only on first use; values from mail are escaped.
 */
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProposalViews } from '../../../src/channels/workplace/proposal-views.js';
import { loadWorkplaceViews } from '../../../src/channels/workplace/views.fs.js';
import { createMemoryDerivedCache } from '../../fakes/derived-cache.js';

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

  it('remembers a template set that parsed and checks it again once a template changes', () => {
    copy();
    const cache = createMemoryDerivedCache();
    loadWorkplaceViews(dir, cache);
    expect(cache.puts).toEqual(['templates-workplace']);
    expect(loadWorkplaceViews(dir, cache).render('fehler', { title: 'a & b' })).toContain('a &amp; b');
    expect(cache.puts).toEqual(['templates-workplace']); // remembered: not parsed and stored again
    writeFileSync(join(dir, 'workplace', 'vorgang.hbs'), '{{#if ticket}}<p>{{ticket.number}}</p>');
    expect(() => loadWorkplaceViews(dir, cache)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('vorgang.hbs') }));
  });

  it('reports the same first problem with a cache as without one', () => {
    copy();
    const cache = createMemoryDerivedCache();
    loadWorkplaceViews(dir, cache);
    writeFileSync(join(dir, 'workplace', 'layout.hbs'), '{{#each items}}');
    unlinkSync(join(dir, 'workplace', 'uebersicht.hbs'));
    expect(() => loadWorkplaceViews(dir, cache)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('layout.hbs') }));
  });
});

describe('proposal views', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers a template set that rendered and checks it again once a template changes', () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-views-'));
    cpSync('templates/workplace', join(dir, 'workplace'), { recursive: true });
    const cache = createMemoryDerivedCache();
    const first = loadProposalViews(dir, cache)('proposal-liste', {});
    expect(cache.puts).toEqual(['templates-proposals']);
    expect(loadProposalViews(dir, cache)('proposal-liste', {})).toBe(first);
    expect(cache.puts).toEqual(['templates-proposals']);
    writeFileSync(join(dir, 'workplace', 'proposal-neu.hbs'), '{{> fehlt}}');
    expect(() => loadProposalViews(dir, cache)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('proposal-neu.hbs') }));
  });

  it('does not trust a check stored under another key (another handlebars version or check)', () => {
    dir = mkdtempSync(join(tmpdir(), 'pakt-views-'));
    cpSync('templates/workplace', join(dir, 'workplace'), { recursive: true });
    writeFileSync(join(dir, 'workplace', 'proposal-neu.hbs'), '{{#if x}}');
    const cache = createMemoryDerivedCache();
    cache.entries.set('templates-proposals', { key: 'from-another-version', value: true });
    expect(() => loadProposalViews(dir, cache)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID' }));
    expect(cache.puts).toEqual([]);
  });
});

