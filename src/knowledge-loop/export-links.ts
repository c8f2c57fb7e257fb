/**
 * Where a passage lives on the published FAQ site (export-html.ts writes `<document>.html` with one anchor
 * per section): the link the bot's citations use when `PUBLIC_FAQ_URL` is set. Pure.
 */

/** The file name of a document's page: its id reduced to safe characters, plus `.html`. */
export function documentFile(documentId: string): string {
  return `${documentId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'dokument'}.html`;
}

/** The anchor of a section on its page (the section as written: `stellenteilung`, `5.2`). */
export function sectionAnchor(section: string): string {
  return section.replace(/\s+/g, '-');
}

/**
 * The public address of a passage, or null without a base URL or a well-formed passage id.
 *
 * @example faqLink('https://rp.example/faq/', 'faq#stellenteilung') // 'https://rp.example/faq/faq.html#stellenteilung'
 */
export function faqLink(baseUrl: string | undefined | null, passageId: string): string | null {
  if (baseUrl === undefined || baseUrl === null || baseUrl === '') return null;
  const hash = passageId.indexOf('#');
  if (hash <= 0 || hash === passageId.length - 1) return null;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}${documentFile(passageId.slice(0, hash))}#${encodeURIComponent(sectionAnchor(passageId.slice(hash + 1)))}`;
}
