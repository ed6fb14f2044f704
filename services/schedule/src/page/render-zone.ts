import type { ClockChange } from './clock-changes.ts';
import { attributes, escapeHtml, isolatedHtml, markup } from './html.ts';
import type { PageContext } from './page-context.ts';
import { formatInstant, listHtml, zoneNameAt } from './page-formats.ts';
import { zoneOptionsHtml } from './zone-options.ts';

/**
 * The time-zone section: what the times are in, the clock changes ahead, and the picker (a plain
 * GET form: it works without JavaScript). The page's script rewrites the notes for the browser's
 * zone with the same messages (`client.*` keys).
 */
export const renderZoneSection = (page: PageContext): string => {
  const { l, zones, input } = page;
  const error = input.zoneError;
  const notes = [
    page.sameZone
      ? l.t('client.zone.same', { zone: markup(isolatedHtml(zones.meetingZone)) })
      : l.t('client.zone.differs', { meetingZone: markup(isolatedHtml(zones.meetingZone)), viewerZone: markup(isolatedHtml(zones.viewerZone)) }),
    ...page.clockChanges.map((change) => clockChangeNote(page, change)),
  ];
  const errorHtml =
    error === null
      ? ''
      : `<p class="error" id="tz-error">${l.t('zone.unknown', { value: markup(isolatedHtml(error.value)) })}${
          error.suggestions.length === 0 ? '' : ` ${l.t('zone.suggestions', { zones: markup(suggestionLinks(page, error.suggestions)) })}`
        }</p>`;
  return [
    '<section class="zone" aria-labelledby="zone-h">',
    `<h2 id="zone-h">${l.t('zone.heading')}</h2>`,
    `<ul class="notes" id="notes">${notes.map((note, index) => `<li${index > 0 ? ' class="dst"' : ''}>${note}</li>`).join('')}</ul>`,
    errorHtml,
    `<form class="picker" method="get" action="${escapeHtml(page.href({ lang: null, tz: null }))}">`,
    input.language.explicit ? `<input type="hidden" name="lang" value="${escapeHtml(input.language.locale)}">` : '',
    `<label for="tz">${l.t('zone.label')}</label> `,
    `<select id="tz" name="tz" dir="ltr"${attributes({ 'aria-describedby': error === null ? null : 'tz-error', 'aria-invalid': error === null ? null : 'true' })}>${zoneOptionsHtml(zones.viewerZone)}</select> `,
    `<button type="submit">${l.t('zone.submit')}</button>`,
    '</form>',
    '</section>',
  ].join('');
};

/** "Clocks in America/New_York change on Sunday 2 November 2025 (EDT → EST), …" */
const clockChangeNote = (page: PageContext, change: ClockChange): string => {
  const { l } = page;
  const before = change.instant.subtract({ seconds: 1 });
  return l.t('client.dst', {
    zone: markup(isolatedHtml(change.zone)),
    date: markup(`<time datetime="${escapeHtml(change.instant.toString())}">${escapeHtml(formatInstant(change.instant, 'day', change.zone, l.locale))}</time>`),
    from: markup(isolatedHtml(zoneNameAt(before, change.zone, l.locale))),
    to: markup(isolatedHtml(zoneNameAt(change.instant, change.zone, l.locale))),
  });
};

const suggestionLinks = (page: PageContext, suggestions: readonly string[]): string =>
  listHtml(
    page.l.locale,
    suggestions.map((zone) => `<a href="${escapeHtml(page.href({ tz: zone }))}">${isolatedHtml(zone)}</a>`),
    'disjunction',
  );
