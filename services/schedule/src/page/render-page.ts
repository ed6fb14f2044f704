import { LANGUAGES, htmlLangOf, type Language } from '@meridian/notices';
import { Temporal } from '@meridian/domain';
import { clientStrings } from './client-strings.ts';
import { attributes, escapeHtml, isolatedHtml, isolatedText, markup, scriptJson } from './html.ts';
import { pageContext, type AgendaPageInput, type PageContext } from './page-context.ts';
import { formatDateRange, formatInstant } from './page-formats.ts';
import type { PageLocalizer } from './page-localizer.ts';
import { renderHistory } from './render-history.ts';
import { renderProgramme } from './render-programme.ts';
import { renderSubscribe } from './render-subscribe.ts';
import { renderZoneSection } from './render-zone.ts';

/** Each language by its own name, for the language switch. */
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/**
 * The agenda page as one HTML document: complete without JavaScript (the times in the chosen
 * zone, a zone picker, every link), enhanced by one small ES module. No inline script or style:
 * the Content-Security-Policy allows only the service's own assets.
 *
 * @example
 * renderAgendaPage(input).startsWith('<!doctype html>') //=> true
 */
export const renderAgendaPage = (input: AgendaPageInput): string => {
  const page = pageContext(input);
  const { l, release } = page;
  const details = release.details;
  const alternates = LANGUAGES.map(
    (language) => `<link rel="alternate" hreflang="${htmlLangOf(language)}" href="${escapeHtml(`${page.links.page}?lang=${language}`)}">`,
  ).join('');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(pageLanguageTag(page.l))}" dir="${l.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // no favicon request: one round trip less per first visit
    '<link rel="icon" href="data:,">',
    // a function, not a string: `$&` or `$$` in a title are no replacement patterns
    `<title>${escapeHtml(l.raw('doc.title').replace('{title}', () => isolatedText(details.title)))}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(input.assets.css)}">`,
    `<script type="module" src="${escapeHtml(input.assets.js)}"></script>`,
    `<link rel="alternate" type="text/calendar" href="${escapeHtml(page.links.feed)}">`,
    alternates,
    '</head>',
    '<body>',
    `<a class="skip" href="#programme">${l.t('skip')}</a>`,
    renderHeader(page),
    `<main id="main"${attributes(mainData(page))}>`,
    release.cancelled ? `<p class="alert" role="alert">${l.t('meeting.cancelled')}</p>` : '',
    renderZoneSection(page),
    renderProgramme(page),
    renderSubscribe(page),
    renderAbout(page),
    renderHistory(page),
    '</main>',
    renderFooter(page),
    `<script type="application/json" id="page-strings">${scriptJson(clientStrings(page))}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index === lines.length - 1)
    .join('\n');
};

/** The `lang` attribute: the page's language, with the region the dates follow. */
/** The language the page is written in, as `<html lang>` and `Content-Language` name it. */
export const pageLanguageTag = (l: PageLocalizer): string => (l.language === 'zh' ? htmlLangOf('zh') : l.locale);

/** What the page's script reads: the meeting, both zones, the locale and "today". */
const mainData = (page: PageContext) => ({
  'data-meeting': page.input.meeting.id,
  'data-mz': page.zones.meetingZone,
  'data-vz': page.zones.viewerZone,
  'data-tz-chosen': page.input.zoneChosen,
  'data-lang': page.l.language,
  'data-lang-chosen': page.input.language.explicit,
  'data-locale': page.l.locale,
  'data-today': page.today.toString(),
  'data-end': page.end?.toString() ?? null,
  class: page.sameZone ? 'same' : null,
});

const renderHeader = (page: PageContext): string => {
  const { l, release, zones } = page;
  const details = release.details;
  const sessions = page.agenda.sessions;
  const released = Temporal.Instant.from(release.releasedAt);
  const when =
    sessions.length === 0
      ? ''
      : escapeHtml(
          formatDateRange(Temporal.Instant.from(sessions[0]!.start.instant), page.end ?? Temporal.Instant.from(sessions[0]!.end.instant), zones.meetingZone, l.locale),
        );
  const location = details.location;
  const languages = LANGUAGES.map((language) => {
    const current = language === l.language;
    return `<li><a${attributes({ href: page.href({ lang: language }), hreflang: htmlLangOf(language), lang: htmlLangOf(language), 'aria-current': current ? 'true' : null })}>${LANGUAGE_NAMES[language]}</a></li>`;
  }).join('');
  return [
    '<header class="top">',
    `<nav aria-label="${escapeHtml(l.raw('nav.language'))}"><ul class="langs">${languages}</ul></nav>`,
    `<p class="kicker">${l.t('header.kicker')} · ${l.t('header.version', {
      label: release.label,
      date: markup(`<time datetime="${released.toString()}" data-f="date" data-z="v">${escapeHtml(formatInstant(released, 'date', zones.viewerZone, l.locale))}</time>`),
    })}</p>`,
    `<h1 dir="auto">${escapeHtml(details.title)}</h1>`,
    '<p class="when">',
    when === '' ? '' : `<span>${when}</span>`,
    location === null ? '' : ` <span>${l.t('header.location', { location: location.name })}</span>`,
    // a cancelled meeting has nothing to join (its feed leaves the link out too)
    location?.url && !release.cancelled ? ` <a href="${escapeHtml(location.url)}">${l.t('header.join')}</a>` : '',
    '</p>',
    '</header>',
  ].join('');
};

/** The meeting's description and background documents, when it has them. */
const renderAbout = (page: PageContext): string => {
  const { l } = page;
  const details = page.release.details;
  if (details.description === null && details.documents.length === 0) return '';
  const documents =
    details.documents.length === 0
      ? ''
      : `<h3>${l.t('about.documents')}</h3><ul class="documents">${details.documents
          .map((document) => `<li><a href="${escapeHtml(document.url)}" dir="auto">${escapeHtml(document.title)}</a></li>`)
          .join('')}</ul>`;
  return [
    '<section class="about" aria-labelledby="about-h">',
    `<h2 id="about-h">${l.t('about.heading')}</h2>`,
    details.description === null ? '' : `<p class="description" dir="auto">${escapeHtml(details.description)}</p>`,
    documents,
    '</section>',
  ].join('');
};

const renderFooter = (page: PageContext): string => {
  const { l, links, zones } = page;
  return [
    '<footer class="bottom">',
    `<p>${l.t('footer.rules', { zone: markup(isolatedHtml(zones.meetingZone)) })}</p>`,
    `<p><a href="${escapeHtml(links.agenda)}" type="application/json">${l.t('footer.json')}</a> · <a href="${escapeHtml(links.feed)}" type="text/calendar">${l.t('footer.feed')}</a></p>`,
    '</footer>',
  ].join('');
};
