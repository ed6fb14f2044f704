import type { Problem } from '@meridian/http';
import { escapeHtml } from './html.ts';
import type { PageMessageKey } from './catalogues/index.ts';
import type { PageLocalizer } from './page-localizer.ts';
import { pageLanguageTag } from './render-page.ts';

/** What the reader is told, by the kind of refusal: a link that leads nowhere, a malformed one, or us. */
const headlineOf = (status: number): { title: PageMessageKey; text: PageMessageKey } => {
  if (status === 404) return { title: 'error.not-found.title', text: 'error.not-found.text' };
  if (status < 500 && status !== 429) return { title: 'error.invalid.title', text: 'error.invalid.text' };
  return { title: 'error.unavailable.title', text: 'error.unavailable.text' };
};

/**
 * The page a browser gets when the agenda page cannot be shown (no such meeting, a malformed
 * `?lang=`): what happened and what to do, in the reader's language, styled as the agenda, rather
 * than the JSON an API client gets. The problem's own title and detail follow as details, in
 * English as in every problem document: they name the value at fault, for the reader or whoever
 * they ask for help.
 */
export const renderErrorPage = (problem: Problem, stylesheet: string, l: PageLocalizer): string => {
  const headline = headlineOf(problem.status);
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(pageLanguageTag(l))}" dir="${l.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${l.t(headline.title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${l.t(headline.title)}</h1>`,
    `<p>${l.t(headline.text)}</p>`,
    `<h2>${l.t('error.details')}</h2>`,
    `<p lang="en" dir="ltr">${escapeHtml(problem.title)}: ${escapeHtml(problem.detail)}</p>`,
    `<p dir="ltr"><small>${problem.status} · <code>${escapeHtml(problem.code)}</code></small></p>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
};
