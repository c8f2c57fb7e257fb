/**
 * Loads the German mail templates (`templates/mail/<kind>.text.hbs` and `.html.hbs`, partials under
 * `partials/`) with Handlebars in strict mode and proves each one at load by rendering sample view models:
 * a template that names a variable the view model does not have fails here, at start-up, never at send.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { AppError } from '../../core/errors.js';
import { MAIL_KINDS, type MailKind, type OutboundKind } from '../../core/outcome.js';
import { sampleViews } from './views.js';

/** Rendered bodies of one mail. */
export interface RenderedBodies {
  text: string;
  html: string;
}

/** Compiled mail templates. */
export interface MailTemplates {
  render(kind: OutboundKind, view: Record<string, unknown>): RenderedBodies;
}

type Format = 'text' | 'html';
type Compiled = Record<Format, HandlebarsTemplateDelegate>;

function partialName(file: string, format: Format): string | null {
  const suffix = `.${format}.hbs`;
  if (!file.endsWith(suffix)) return null;
  return file.slice(0, -suffix.length).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function environment(dir: string, format: Format): typeof Handlebars {
  const env = Handlebars.create();
  const partials = join(dir, 'partials');
  if (existsSync(partials)) {
    for (const file of readdirSync(partials)) {
      const name = partialName(file, format);
      if (name !== null) env.registerPartial(name, readFileSync(join(partials, file), 'utf8'));
    }
  }
  return env;
}

function compileChecked(env: typeof Handlebars, file: string, format: Format, kind: MailKind): HandlebarsTemplateDelegate {
  if (!existsSync(file)) {
    throw new AppError('TEMPLATE_INVALID', `email templates: ${file} is missing`, { details: { kind, format } });
  }
  try {
    const template = env.compile(readFileSync(file, 'utf8'), { strict: true, noEscape: format === 'text' });
    const samples = sampleViews(kind);
    template(samples.full);
    template(samples.empty);
    return template;
  } catch (error) {
    throw new AppError('TEMPLATE_INVALID', `email templates: ${file} does not render: ${(error as Error).message}`, {
      cause: error,
      details: { kind, format },
    });
  }
}

/**
 * Loads and checks every template under `<templatesDir>/mail`.
 *
 * @example
 * const templates = loadMailTemplates('./templates');
 * templates.render('auto_answer', view); // → { text, html }
 */
export function loadMailTemplates(templatesDir: string): MailTemplates {
  const dir = join(templatesDir, 'mail');
  const envs: Record<Format, typeof Handlebars> = { text: environment(dir, 'text'), html: environment(dir, 'html') };
  const compiled = new Map<OutboundKind, Compiled>();
  for (const kind of MAIL_KINDS) {
    compiled.set(kind, {
      text: compileChecked(envs.text, join(dir, `${kind}.text.hbs`), 'text', kind),
      html: compileChecked(envs.html, join(dir, `${kind}.html.hbs`), 'html', kind),
    });
  }
  return {
    render(kind, view) {
      const templates = compiled.get(kind);
      if (templates === undefined) throw new AppError('TEMPLATE_INVALID', `email templates: no template for ${kind}`);
      return { text: templates.text(view).replace(/\n{3,}/g, '\n\n').trim() + '\n', html: templates.html(view) };
    },
  };
}
