/**
 * Templates of the FAQ proposal pages (templates/workplace/proposal-*.hbs, inside the workplace layout),
 * compiled and rendered once with an empty model at start-up like the other workplace pages (a broken
 * template stops start-up). A template set that passed this check before (same texts, same handlebars;
 * DerivedCache) is compiled on its first render instead, and handlebars loads then.
 */
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { noDerivedCache, type DerivedCache } from '../../core/ports.js';
import { handlebars, templatesKey, type HandlebarsModule } from '../handlebars.js';
import { readWorkplaceFile } from './views.fs.js';

export const PROPOSAL_PAGES = ['proposal-liste', 'proposal-neu', 'proposal-pruefen'] as const;
export type ProposalPage = (typeof PROPOSAL_PAGES)[number];
const PARTIALS = ['proposal-felder', 'proposal-probleme'] as const;

/** DerivedCache entry of the start-up check; bump the check's version when the check changes. */
const CACHE_NAME = 'templates-proposals';
const CHECK = 'proposal-render-empty-1';

export type ProposalViews = (page: ProposalPage, model: object) => string;

/** The environment with the layout and the proposal partials registered. */
function environment(source: (file: string) => string): HandlebarsModule {
  const hb = handlebars().create();
  hb.registerPartial('layout', source('layout.hbs'));
  for (const partial of PARTIALS) hb.registerPartial(partial, source(`${partial}.hbs`));
  return hb;
}

/** Compiles every page and renders it with an empty model; throws TEMPLATE_INVALID naming the first bad page. */
function compileChecked(source: (file: string) => string): Map<ProposalPage, HandlebarsTemplateDelegate> {
  const hb = environment(source);
  const pages = new Map<ProposalPage, HandlebarsTemplateDelegate>();
  for (const page of PROPOSAL_PAGES) {
    try {
      const template = hb.compile(source(`${page}.hbs`), { strict: false });
      template({});
      pages.set(page, template);
    } catch (cause) {
      if (cause instanceof AppError) throw cause;
      throw new AppError('TEMPLATE_INVALID', `workplace: template ${page}.hbs: ${(cause as Error).message.split('\n')[0] ?? ''}`, { cause });
    }
  }
  return pages;
}

/**
 * Loads and checks the proposal templates; `cache` remembers a template set that passed.
 *
 * @example const render = loadProposalViews('./templates'); render('proposal-liste', model)
 */
export function loadProposalViews(templatesDir: string, cache: DerivedCache = noDerivedCache): ProposalViews {
  const dir = join(templatesDir, 'workplace');
  const read = (name: string): string => readWorkplaceFile(dir, name);
  const files = ['layout.hbs', ...PARTIALS.map((p) => `${p}.hbs`), ...PROPOSAL_PAGES.map((p) => `${p}.hbs`)];
  let sources: Map<string, string>;
  try {
    sources = new Map(files.map((file) => [file, read(file)]));
  } catch (error) {
    compileChecked(read); // throws the problem a start without cache reports first
    throw error;
  }
  const source = (file: string): string => sources.get(file) as string;
  const key = templatesKey(CHECK, sources);
  let pages: Map<ProposalPage, HandlebarsTemplateDelegate> | undefined;
  if (cache.get(CACHE_NAME, key) !== true) {
    pages = compileChecked(source);
    cache.put(CACHE_NAME, key, true);
  }
  return (page, model) => {
    pages ??= new Map();
    let template = pages.get(page);
    if (template === undefined) {
      const hb = environment(source);
      for (const name of PROPOSAL_PAGES) pages.set(name, hb.compile(source(`${name}.hbs`), { strict: false }));
      template = pages.get(page) as HandlebarsTemplateDelegate;
    }
    return template(model);
  };
}
