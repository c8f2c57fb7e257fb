/**
 * The workplace's HTML templates (templates/workplace/*.hbs, Handlebars: every value is HTML-escaped, so text
 * from a mail is shown as text and never runs). Loaded once at start-up; a missing or broken template stops
 * start-up with TEMPLATE_INVALID rather than failing the first page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { AppError } from '../../core/errors.js';

export const PAGE_NAMES = ['anmelden', 'eingang', 'vorgang', 'uebersicht', 'wissensluecken', 'fehler'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

/** Rendered pages plus the stylesheet. */
export interface WorkplaceViews {
  render(page: PageName, model: object): string;
  stylesheet: string;
  /** The live-update script (served from the workplace's own origin, so the CSP allows it). */
  script: string;
}

/**
 * Loads the templates from `<templatesDir>/workplace`.
 *
 * @example const views = loadWorkplaceViews('./templates'); views.render('fehler', { title: 'Nicht gefunden', … })
 */
export function loadWorkplaceViews(templatesDir: string): WorkplaceViews {
  const dir = join(templatesDir, 'workplace');
  const hb = Handlebars.create();
  const read = (file: string): string => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch (cause) {
      throw new AppError('TEMPLATE_INVALID', `workplace: cannot read template ${join(dir, file)}`, { cause });
    }
  };
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (cause) {
    throw new AppError('TEMPLATE_INVALID', `workplace: template folder ${dir} is missing`, { cause });
  }
  hb.registerPartial('layout', read('layout.hbs'));
  const pages = new Map<PageName, HandlebarsTemplateDelegate>();
  for (const name of PAGE_NAMES) {
    if (!files.includes(`${name}.hbs`)) throw new AppError('TEMPLATE_INVALID', `workplace: template ${name}.hbs is missing in ${dir}`);
    try {
      const template = hb.compile(read(`${name}.hbs`), { strict: false, noEscape: false });
      template({}); // compile now: a syntax error is a start-up error
      pages.set(name, template);
    } catch (cause) {
      if (cause instanceof AppError) throw cause;
      throw new AppError('TEMPLATE_INVALID', `workplace: template ${name}.hbs: ${(cause as Error).message.split('\n')[0] ?? ''}`, { cause });
    }
  }
  return {
    render: (page, model) => (pages.get(page) as HandlebarsTemplateDelegate)(model),
    stylesheet: read('arbeitsplatz.css'),
    script: read('live.js'),
  };
}
