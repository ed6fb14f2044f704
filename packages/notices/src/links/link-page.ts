import { displayHtml, escapeHtml, htmlDocument } from '../_lib/html.ts';
import { htmlLangOf } from '../language.ts';
import { localizerFor } from '../localizer.ts';
import type { Recipient } from '../notice-types.ts';

/**
 * The pages an e-mail's links open: `confirm` and `unsubscribe` ask with one button (a mail
 * scanner that prefetches the link changes nothing), `confirmed` and `unsubscribed` say it is done.
 */
export type LinkPageKind = 'confirm' | 'confirmed' | 'unsubscribe' | 'unsubscribed';

export interface LinkPageInput {
  readonly kind: LinkPageKind;
  readonly meetingTitle: string;
  /** the subscriber, whose language and zone the page speaks */
  readonly recipient: Recipient;
}

/**
 * A link's page in the subscriber's language (right to left in Arabic), as a complete HTML
 * document whose button posts back to the page's own address.
 *
 * @example
 * linkPage({ kind: 'confirmed', meetingTitle: 'Meeting on local government and human rights',
 *   recipient: { timeZone: 'Europe/Paris', locale: 'fr-FR' } }).includes('<title>Abonnement confirmé</title>') //=> true
 */
export const linkPage = ({ kind, meetingTitle, recipient }: LinkPageInput): string => {
  const l = localizerFor(recipient.locale);
  const values = { title: meetingTitle, zone: recipient.timeZone };
  const { title, text, button } = {
    confirm: () => ({ title: l.t('confirm.action'), text: l.t('confirm.intro', values), button: l.t('page.confirm.button') }),
    confirmed: () => ({ title: l.t('page.confirmed.title'), text: l.t('page.confirmed.text', values), button: null }),
    unsubscribe: () => ({ title: l.t('link.unsubscribe'), text: l.t('page.unsubscribe.text', values), button: l.t('link.unsubscribe') }),
    unsubscribed: () => ({ title: l.t('page.unsubscribed.title'), text: l.t('page.unsubscribed.text', values), button: null }),
  }[kind]();
  return htmlDocument({
    lang: htmlLangOf(l.language),
    dir: l.dir,
    title,
    body: [
      `<h1>${displayHtml(title)}</h1>`,
      `<p>${displayHtml(text)}</p>`,
      ...(button === null ? [] : [`<form method="post"><button type="submit" style="font: inherit; padding: 0.5em 1.2em">${displayHtml(button)}</button></form>`]),
    ].join('\n'),
  });
};

/**
 * The page a link opens when it cannot do what it says (a forged token, an ended subscription):
 * the problem's title and detail, in English as problem documents are.
 *
 * @example
 * linkRefusalPage('Invalid link', 'this link is not valid for this subscription').includes('<h1>Invalid link</h1>') //=> true
 */
export const linkRefusalPage = (title: string, detail: string): string =>
  htmlDocument({ lang: 'en', dir: 'ltr', title, body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(detail)}</p>` });
