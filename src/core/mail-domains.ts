/**
 * Mail providers anyone can register an address at: their domain says nothing about the sender's place
 * (routing, src/routing/mail-domain-evidence.ts) nor about the sender's organisation (ticket membership,
 * ticket-membership.ts). Lower case, without subdomains.
 */
export const GENERIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'web.de', 't-online.de', 'outlook.com', 'outlook.de', 'hotmail.com',
  'hotmail.de', 'live.com', 'live.de', 'msn.com', 'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.de', 'icloud.com',
  'me.com', 'mac.com', 'aol.com', 'aol.de', 'freenet.de', 'posteo.de', 'posteo.net', 'mailbox.org', 'arcor.de', 'online.de',
  'email.de', 'mail.de', 'protonmail.com', 'proton.me', 'tutanota.com', 'tutanota.de', 'tuta.io', 'vodafone.de',
  'kabelbw.de', '1und1.de', 'ionos.de', 'magenta.de', 'onlinehome.de', 'yandex.com', 'yandex.ru', 'mail.ru', 'gmx.org',
]);

/**
 * The organisation an address belongs to: its mail domain in lower case, or null for an address without one or
 * at a provider anyone can register at (two gmail.com addresses share no organisation).
 *
 * @example organisationDomain('Erika@Stadt-Ulm.de') // 'stadt-ulm.de'
 * @example organisationDomain('x@gmail.com')        // null
 */
export function organisationDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  const domain = at < 0 ? '' : address.slice(at + 1).trim().replace(/>$/, '').toLowerCase();
  return domain === '' || GENERIC_MAIL_DOMAINS.has(domain) ? null : domain;
}
