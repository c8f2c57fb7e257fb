/**
 * The workplace's HTML templates (templates/workplace/*.hbs, Handlebars: every value is HTML-escaped, so text
 * from a mail is shown as text and never runs). Read and parsed at start-up, so a missing or broken template
 * stops start-up with TEMPLATE_INVALID rather than failing the first page; each page compiles on first use.
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
  const checked = (file: string): string => {
    const source = read(file);
    try {
      // Parsing finds every syntax error at start-up; compiling (the dearer part, about half a second for all
      // pages) waits for the page's first request.
      hb.parse(source);
    } catch (cause) {
      throw new AppError('TEMPLATE_INVALID', `workplace: template ${file}: ${(cause as Error).message.split('\n')[0] ?? ''}`, { cause });
    }
    return source;
  };
  hb.registerPartial('layout', checked('layout.hbs'));
  const sources = new Map<PageName, string>();
  for (const name of PAGE_NAMES) {
    if (!files.includes(`${name}.hbs`)) throw new AppError('TEMPLATE_INVALID', `workplace: template ${name}.hbs is missing in ${dir}`);
    sources.set(name, checked(`${name}.hbs`));
  }
  const pages = new Map<PageName, HandlebarsTemplateDelegate>();
  const page = (name: PageName): HandlebarsTemplateDelegate => {
    let template = pages.get(name);
    if (template === undefined) {
      template = hb.compile(sources.get(name) as string, { strict: false, noEscape: false });
      pages.set(name, template);
    }
    return template;
  };
  return {
    render: (name, model) => page(name)(model),
    stylesheet: read('arbeitsplatz.css'),
    script: read('live.js'),
  };
}
