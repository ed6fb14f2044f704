import { Temporal } from '@meridian/domain';
import { escapeHtml, isolatedHtml, markup } from './html.ts';
import type { PageContext } from './page-context.ts';

/**
 * Subscribing: the feed as `webcal:`, Google Calendar's and Outlook's subscribe links, the `.ics`
 * download and the feed address to copy; and, when a notify service runs, the "notify me" form.
 */
export const renderSubscribe = (page: PageContext): string => {
  const { l, links } = page;
  const title = page.release.details.title;
  const link = (href: string, label: string, extra = '') => `<li><a class="button" href="${escapeHtml(href)}"${extra}>${label}</a></li>`;
  return [
    '<section class="subscribe" aria-labelledby="subscribe-h">',
    `<h2 id="subscribe-h">${l.t('subscribe.heading')}</h2>`,
    `<p>${l.t('subscribe.intro')}</p>`,
    '<ul class="actions">',
    link(links.webcal, l.t('subscribe.webcal'), ' id="webcal"'),
    link(links.google, l.t('subscribe.google'), ' id="google" rel="noopener"'),
    link(links.outlook, l.t('subscribe.outlook'), ' id="outlook" rel="noopener"'),
    link(links.feed, l.t('subscribe.download'), ` id="download" download="${escapeHtml(fileName(title))}.ics" type="text/calendar"`),
    '</ul>',
    `<p class="feed"><label for="feed-url">${l.t('subscribe.feed')}</label> <input id="feed-url" type="url" readonly dir="ltr" value="${escapeHtml(links.feed)}"></p>`,
    '</section>',
    renderNotify(page),
  ].join('');
};

/** A file name from a title: letters, digits and dashes. */
const fileName = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'agenda';

/**
 * The "notify me" form: a plain HTML form posted to the notify service's `POST
 * /subscriptions/form`, which answers with a page; the page's script sends it as JSON to `POST
 * /subscriptions` instead and says the outcome in place. Left out when no notify service is
 * configured, for a cancelled meeting, which notify refuses subscriptions to, and once the
 * meeting is over: no reminder is left to send (notify refuses them a month on).
 */
const renderNotify = (page: PageContext): string => {
  const notifyUrl = page.input.config.notifyUrl;
  const over = page.end !== null && Temporal.Instant.compare(page.end, page.input.now) < 0;
  if (notifyUrl === null || page.release.cancelled || over) return '';
  const { l, zones } = page;
  return [
    '<section class="notify" aria-labelledby="notify-h">',
    `<h2 id="notify-h">${l.t('notify.heading')}</h2>`,
    `<form id="notify" method="post" action="${escapeHtml(`${notifyUrl}/subscriptions/form`)}" data-action="${escapeHtml(`${notifyUrl}/subscriptions`)}">`,
    `<p id="notify-intro">${l.t('client.notify.intro', { zone: markup(isolatedHtml(zones.viewerZone)) })}</p>`,
    `<input type="hidden" name="meetingId" value="${escapeHtml(page.input.meeting.id)}">`,
    `<input type="hidden" name="timeZone" value="${escapeHtml(zones.viewerZone)}">`,
    `<input type="hidden" name="locale" value="${escapeHtml(l.locale)}">`,
    `<label for="notify-email">${l.t('notify.email')}</label> `,
    '<input id="notify-email" name="address" type="email" autocomplete="email" required dir="ltr"> ',
    `<button type="submit">${l.t('notify.submit')}</button>`,
    '<p id="notify-status" role="status"></p>',
    '</form>',
    '</section>',
  ].join('');
};
