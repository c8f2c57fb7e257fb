/**
 * The workplace's HTML templates (templates/workplace/*.hbs, Handlebars: every value is HTML-escaped, so text
 * from a mail is shown as text and never runs). Read and parsed at start-up, so a missing or broken template
 * stops start-up with TEMPLATE_INVALID rather than failing the first page; each page compiles on first use.
 * A template set that parsed before (same texts, same handlebars; DerivedCache) is not parsed again, and
 * handlebars itself loads with the first page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { noDerivedCache, type DerivedCache } from '../../core/ports.js';
import { handlebars, templatesKey, type HandlebarsModule } from '../handlebars.js';

/** DerivedCache entry of the parse check; bump the check's version when the check changes. */
const CACHE_NAME = 'templates-workplace';
const CHECK = 'workplace-parse-1';

export const PAGE_NAMES = ['anmelden', 'eingang', 'vorgang', 'uebersicht', 'wissensluecken', 'fehler'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

/** Rendered pages plus the stylesheet. */
export interface WorkplaceViews {
  render(page: PageName, model: object): string;
  stylesheet: string;
  /** The live-update script (served from the workplace's own origin, so the CSP allows it). */
  script: string;
}

/** One file of the workplace's template folder; a missing or unreadable one is TEMPLATE_INVALID, naming its path. */
export function readWorkplaceFile(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (cause) {
    throw new AppError('TEMPLATE_INVALID', `workplace: cannot read template ${join(dir, file)}`, { cause });
  }
}

/**
 * Loads the templates from `<templatesDir>/workplace`; `cache` remembers a template set that parsed.
 *
 * @example const views = loadWorkplaceViews('./templates'); views.render('fehler', { title: 'Nicht gefunden', … })
 */
export function loadWorkplaceViews(templatesDir: string, cache: DerivedCache = noDerivedCache): WorkplaceViews {
  const dir = join(templatesDir, 'workplace');
  const read = (file: string): string => readWorkplaceFile(dir, file);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (cause) {
    throw new AppError('TEMPLATE_INVALID', `workplace: template folder ${dir} is missing`, { cause });
  }
  const parsed = (file: string, source: string): string => {
    try {
      // Parsing finds every syntax error at start-up; compiling (the dearer part, about half a second for all
      // pages) waits for the page's first request.
      handlebars().parse(source);
    } catch (cause) {
      throw new AppError('TEMPLATE_INVALID', `workplace: template ${file}: ${(cause as Error).message.split('\n')[0] ?? ''}`, { cause });
    }
    return source;
  };
  // In file order (layout, then the pages), so the first problem reported is the same with or without a cache.
  const sources = new Map<string, string>();
  const take = (file: string, check: boolean): void => {
    const source = sources.get(file) ?? read(file);
    sources.set(file, check ? parsed(file, source) : source);
  };
  const readAll = (check: boolean): void => {
    take('layout.hbs', check);
    for (const name of PAGE_NAMES) {
      if (!files.includes(`${name}.hbs`)) throw new AppError('TEMPLATE_INVALID', `workplace: template ${name}.hbs is missing in ${dir}`);
      take(`${name}.hbs`, check);
    }
  };
  try {
    readAll(false);
  } catch (error) {
    sources.clear();
    readAll(true); // throws the problem a start without cache reports first
    throw error;
  }
  const key = templatesKey(CHECK, sources);
  if (cache.get(CACHE_NAME, key) !== true) {
    readAll(true);
    cache.put(CACHE_NAME, key, true);
  }
  let hb: HandlebarsModule | undefined;
  const pages = new Map<PageName, HandlebarsTemplateDelegate>();
  const page = (name: PageName): HandlebarsTemplateDelegate => {
    let template = pages.get(name);
    if (template === undefined) {
      if (hb === undefined) {
        hb = handlebars().create();
        hb.registerPartial('layout', sources.get('layout.hbs') as string);
      }
      template = hb.compile(sources.get(`${name}.hbs`) as string, { strict: false, noEscape: false });
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
