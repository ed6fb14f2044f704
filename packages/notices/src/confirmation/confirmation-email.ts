import { displayHtml, htmlDocument, linkHtml } from '../_lib/html.ts';
import { labelledLinks, linkLine, linksAndFooterHtml } from '../_lib/links.ts';
import { plainText } from '../_lib/plain-text.ts';
import { htmlLangOf } from '../language.ts';
import { localizerFor } from '../localizer.ts';
import type { Recipient, RenderedEmail } from '../notice-types.ts';

export interface ConfirmationInput {
  readonly meetingTitle: string;
  /** the double opt-in link: nothing is sent before it is opened */
  readonly confirmUrl: string;
  readonly unsubscribeUrl: string;
  readonly recipient: Recipient;
}

/**
 * The double opt-in e-mail: what the subscriber asked for, the link that confirms it, and what
 * happens if they did not ask.
 *
 * @example
 * confirmationEmail({ meetingTitle: 'Meeting on local government and human rights', confirmUrl, unsubscribeUrl,
 *   recipient: { timeZone: 'Europe/Paris', locale: 'fr-FR' } }).subject
 * //=> 'Veuillez confirmer votre abonnement : Meeting on local government and human rights'
 */
export const confirmationEmail = ({ meetingTitle, confirmUrl, unsubscribeUrl, recipient }: ConfirmationInput): RenderedEmail => {
  const l = localizerFor(recipient.locale);
  const subject = l.t('confirm.subject', { title: meetingTitle });
  const intro = l.t('confirm.intro', { title: meetingTitle, zone: recipient.timeZone });
  const action = l.t('confirm.action');
  const ignore = l.t('confirm.ignore');
  const links = labelledLinks(l, { unsubscribe: unsubscribeUrl }, ['unsubscribe']);
  return {
    subject,
    text: plainText([intro, linkLine(l, action, confirmUrl), ignore, links.map((link) => link.text)], l.dir),
    html: htmlDocument({
      lang: htmlLangOf(l.language),
      dir: l.dir,
      title: subject,
      body: [
        `<p>${displayHtml(intro)}</p>`,
        `<p style="font-size: 1.15em"><strong>${linkHtml(confirmUrl, action)}</strong></p>`,
        linksAndFooterHtml(links, ignore),
      ].join('\n'),
    }),
  };
};
