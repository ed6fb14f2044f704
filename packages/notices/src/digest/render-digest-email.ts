import { displayHtml, htmlDocument } from '../_lib/html.ts';
import { linksAndFooterHtml } from '../_lib/links.ts';
import { plainText } from '../_lib/plain-text.ts';
import type { RenderedEmail } from '../notice-types.ts';
import type { Digest, DigestItem } from './digest.ts';

/** A digest e-mail; `urgent` asks the mail channel to send it at once (a meeting cancellation). */
export interface DigestEmail extends RenderedEmail {
  readonly urgent: boolean;
}

/**
 * Renders a digest as an e-mail: plain text, and a small accessible HTML document (`lang` and
 * `dir` set, values isolated with `<bdi>`, everything escaped, no external assets). A cancellation
 * leads as its own alert.
 *
 * @example
 * renderDigestEmail(releaseDigest(input)).html.includes('<html lang="ar" dir="rtl">') //=> true for an Arabic reader
 */
export const renderDigestEmail = (digest: Digest): DigestEmail => ({
  subject: digest.subject,
  urgent: digest.urgent,
  text: plainText(
    [
      digest.heading,
      digest.cancellation === null ? null : [digest.cancellation.heading, digest.cancellation.text, digest.cancellation.reason],
      [digest.lead, digest.summary, digest.note],
      digest.zones,
      digest.meetingChanges === null ? null : [digest.meetingChanges.heading, ...digest.meetingChanges.items.map((item) => `- ${item.text}`)],
      digest.sessions === null ? null : digest.sessions.heading,
      ...(digest.sessions?.items ?? []).map(itemText),
      digest.links.map((link) => link.text),
      digest.footer,
    ],
    digest.dir,
  ),
  html: htmlDocument({ lang: digest.lang, dir: digest.dir, title: digest.subject, body: bodyHtml(digest) }),
});

const itemText = (item: DigestItem): string[] =>
  [item.heading, item.time, item.previousTime, item.changedFields].filter((line): line is string => line !== null);

const paragraph = (text: string | null, style = ''): string =>
  text === null ? '' : `<p${style === '' ? '' : ` style="${style}"`}>${displayHtml(text)}</p>`;

const MUTED = 'color: #555555';

const bodyHtml = (digest: Digest): string => {
  const { cancellation, meetingChanges, sessions } = digest;
  return [
    `<h1 style="font-size: 1.4em">${displayHtml(digest.heading)}</h1>`,
    cancellation === null
      ? ''
      : [
          '<div role="alert" style="border: 3px solid #b00020; padding: 0 1em; margin: 1em 0">',
          `<p style="font-size: 1.3em; color: #b00020"><strong>${displayHtml(cancellation.heading)}</strong></p>`,
          paragraph(cancellation.text),
          paragraph(cancellation.reason),
          '</div>',
        ].join('\n'),
    paragraph(digest.lead),
    paragraph(digest.summary),
    paragraph(digest.note, 'font-style: italic'),
    paragraph(digest.zones, MUTED),
    meetingChanges === null
      ? ''
      : `<h2 style="font-size: 1.15em">${displayHtml(meetingChanges.heading)}</h2>\n<ul>\n${meetingChanges.items
          .map((item) => `<li>${displayHtml(item.text)}</li>`)
          .join('\n')}\n</ul>`,
    sessions === null
      ? ''
      : `<h2 style="font-size: 1.15em">${displayHtml(sessions.heading)}</h2>\n<ul style="list-style: none; padding: 0">\n${sessions.items
          .map(itemHtml)
          .join('\n')}\n</ul>`,
    linksAndFooterHtml(digest.links, digest.footer),
  ]
    .filter((part) => part !== '')
    .join('\n');
};

const itemHtml = (item: DigestItem): string =>
  [
    `<li style="margin: 0 0 1em">`,
    `<strong>${displayHtml(item.heading)}</strong><br>`,
    displayHtml(item.time),
    item.previousTime === null ? '' : `<br><span style="${MUTED}">${displayHtml(item.previousTime)}</span>`,
    item.changedFields === null ? '' : `<br>${displayHtml(item.changedFields)}`,
    '</li>',
  ].join('');
