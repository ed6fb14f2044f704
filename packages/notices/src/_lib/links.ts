import { asIs, type Localizer } from '../localizer.ts';
import type { NoticeLinks } from '../notice-types.ts';
import type { DigestLink } from '../digest/digest.ts';
import { displayHtml, linkHtml } from './html.ts';

type Rel = DigestLink['rel'];

/**
 * A plain-text line `label: url`. The URL is left bare, never isolated: mail clients find links by
 * what precedes them, and one after an isolate mark (U+2068) is no link to them (linkify-it, for
 * one). Alone at the end of its line, a URL reads left to right in a right-to-left paragraph too.
 */
export const linkLine = (l: Localizer, label: string, url: string): string => l.t('link.line', { label: asIs(label), url: asIs(url) });

/** The links a notice shows, labelled in the reader's language, in the order given; absent ones dropped. */
export const labelledLinks = (l: Localizer, links: Partial<NoticeLinks>, rels: readonly Rel[]): DigestLink[] =>
  rels.flatMap((rel) => {
    const url = links[rel];
    if (url === undefined) return [];
    const label = l.t(`link.${rel}`);
    return [{ rel, label, url, text: linkLine(l, label, url) }];
  });

/** The links paragraph and the footer (with the unsubscribe link) of an HTML notice. */
export const linksAndFooterHtml = (links: readonly DigestLink[], footer: string): string => {
  const main = links.filter((link) => link.rel !== 'unsubscribe');
  const unsubscribe = links.filter((link) => link.rel === 'unsubscribe');
  return [
    main.length === 0 ? '' : `<p>${main.map((link) => linkHtml(link.url, link.label)).join(' · ')}</p>`,
    `<p style="font-size: 0.875em; color: #555555">${displayHtml(footer)}${unsubscribe
      .map((link) => `<br>${linkHtml(link.url, link.label)}`)
      .join('')}</p>`,
  ]
    .filter((part) => part !== '')
    .join('\n');
};
