/**
 * Templates of the FAQ proposal pages (templates/workplace/proposal-*.hbs, inside the workplace layout),
 * compiled once at start-up like the other workplace pages (a broken template stops start-up).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { AppError } from '../../core/errors.js';

export const PROPOSAL_PAGES = ['proposal-liste', 'proposal-neu', 'proposal-pruefen'] as const;
export type ProposalPage = (typeof PROPOSAL_PAGES)[number];
const PARTIALS = ['proposal-felder', 'proposal-probleme'] as const;

export type ProposalViews = (page: ProposalPage, model: object) => string;

/** @example const render = loadProposalViews('./templates'); render('proposal-liste', model) */
export function loadProposalViews(templatesDir: string): ProposalViews {
  const dir = join(templatesDir, 'workplace');
  const hb = Handlebars.create();
  const read = (name: string): string => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (cause) {
      throw new AppError('TEMPLATE_INVALID', `workplace: cannot read template ${join(dir, name)}`, { cause });
    }
  };
  hb.registerPartial('layout', read('layout.hbs'));
  for (const partial of PARTIALS) hb.registerPartial(partial, read(`${partial}.hbs`));
  const pages = new Map<ProposalPage, HandlebarsTemplateDelegate>();
  for (const page of PROPOSAL_PAGES) {
    try {
      const template = hb.compile(read(`${page}.hbs`), { strict: false });
      template({});
      pages.set(page, template);
    } catch (cause) {
      if (cause instanceof AppError) throw cause;
      throw new AppError('TEMPLATE_INVALID', `workplace: template ${page}.hbs: ${(cause as Error).message.split('\n')[0] ?? ''}`, { cause });
    }
  }
  return (page, model) => pages.get(page)!(model);
}
