import { displayHtml, escapeHtml, htmlDocument } from '../_lib/html.ts';
import { htmlLangOf } from '../language.ts';
import { localizerFor } from '../localizer.ts';
import type { Recipient } from '../notice-types.ts';

/**
 * The pages a subscriber sees: `requested` after the agenda page's form asked for a subscription;
 * then those of the e-mail's links: `confirm` and `unsubscribe` ask with one button (a mail
 * scanner that prefetches the link changes nothing), `confirmed` and `unsubscribed` say it is done.
 */
export type SubscriberPageKind = 'requested' | 'confirm' | 'confirmed' | 'unsubscribe' | 'unsubscribed';

export interface SubscriberPageInput {
  readonly kind: SubscriberPageKind;
  readonly meetingTitle: string;
  /** the subscriber, whose language and zone the page speaks */
  readonly recipient: Recipient;
}

/**
 * A subscriber's page in their language (right to left in Arabic), as a complete HTML document
 * whose button, if any, posts back to the page's own address.
 *
 * @example
 * subscriberPage({ kind: 'confirmed', meetingTitle: 'Meeting on local government and human rights',
 *   recipient: { timeZone: 'Europe/Paris', locale: 'fr-FR' } }).includes('<title>Abonnement confirmé</title>') //=> true
 */
export const subscriberPage = ({ kind, meetingTitle, recipient }: SubscriberPageInput): string => {
  const l = localizerFor(recipient.locale);
  const values = { title: meetingTitle, zone: recipient.timeZone };
  const { title, text, button } = {
    requested: () => ({ title: l.t('page.requested.title'), text: l.t('page.requested.text', values), button: null }),
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
 * The page a subscriber sees when what they asked for cannot be done (a forged link, an ended
 * subscription, a mistyped address): the problem's title and detail, in English as problem
 * documents are.
 *
 * @example
 * refusalPage('Invalid link', 'this link is not valid for this subscription').includes('<h1>Invalid link</h1>') //=> true
 */
export const refusalPage = (title: string, detail: string): string =>
  htmlDocument({ lang: 'en', dir: 'ltr', title, body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(detail)}</p>` });
