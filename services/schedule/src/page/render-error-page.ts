import type { Problem } from '@meridian/http';
import { escapeHtml } from './html.ts';

/**
 * The page a browser gets when the agenda page cannot be shown (no such meeting, a malformed
 * `?lang=`): the problem's title and detail as a page, styled as the agenda, rather than the JSON
 * an API client gets. The texts are the problem's own, in English, as in every problem document.
 */
export const renderErrorPage = (problem: Problem, stylesheet: string): string =>
  [
    '<!doctype html>',
    '<html lang="en" dir="ltr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(problem.title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(problem.title)}</h1>`,
    `<p>${escapeHtml(problem.detail)}</p>`,
    `<p><small>${problem.status} · <code>${escapeHtml(problem.code)}</code></small></p>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
