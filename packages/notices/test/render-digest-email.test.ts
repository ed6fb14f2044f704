import t from 'tap';
import { releaseDigest, renderDigestEmail } from '../src/index.ts';
import {
  FIRST_RELEASE_AT,
  noticeOf,
  released,
  rescheduled,
  secondRelease,
  SECOND_RELEASE_AT,
  sessionAdded,
  meetingCreated,
  TITLE,
} from './given.ts';

const FSI = '\u2068';
const PDI = '\u2069';
const RLM = '\u200f';

const emailFor = (timeZone: string, locale: string) => renderDigestEmail(releaseDigest(noticeOf(secondRelease(), { timeZone, locale })));

t.test('the plain text reads top to bottom: meeting, what changed, each session, links, why', async (t) => {
  const email = emailFor('Asia/Tokyo', 'en-GB');
  t.equal(email.subject, `Agenda updated (Rev.2): ${TITLE}`);
  t.equal(email.urgent, false);
  t.equal(
    email.text,
    [
      TITLE,
      '',
      'A new version of the agenda has been released (Rev.2, 20 November 2025).',
      '1 session has changed.',
      'Note from the organisers: Session 2 starts half an hour later.',
      '',
      'Times are given in the meeting’s time zone (Europe/Zurich) and in yours (Asia/Tokyo).',
      '',
      'Sessions',
      '',
      'Moved: Session 2: Local action for human rights',
      'Wednesday, 26 November 2025, 15:30–17:00 CET · 23:30–01:00 (+1 day) your time (GMT+9)',
      'Previously: Wednesday, 26 November 2025, 15:00–16:30 CET · 23:00–00:30 (+1 day) your time (GMT+9)',
      '',
      'View the agenda: https://meridian.example.org/meetings/m-1/agenda',
      'Calendar feed: webcal://meridian.example.org/meetings/m-1/calendar.ics',
      'Unsubscribe: https://meridian.example.org/unsubscribe?token=abc&s=1',
      '',
      `You receive this message because you subscribed to notices about ${TITLE}.`,
      '',
    ].join('\n'),
  );
});

t.test('the HTML is a small self-contained document with lang and dir', async (t) => {
  const { html } = emailFor('America/New_York', 'en-US');
  t.match(html, /^<!doctype html>\n<html lang="en" dir="ltr">\n/);
  t.match(html, '<meta charset="utf-8">');
  t.match(html, `<title>Agenda updated (Rev.2): ${TITLE}</title>`);
  t.match(html, '<strong>Moved: Session 2: Local action for human rights</strong><br>Wednesday, November 26, 2025, 3:30 PM–5:00 PM GMT+1 · 9:30 AM–11:00 AM your time (EST)');
  t.match(html, '<a href="https://meridian.example.org/unsubscribe?token=abc&amp;s=1">Unsubscribe</a>');
  t.notMatch(html, /<(img|link|script|iframe|object)\b|\bsrc=|url\(/i, 'no external assets');
  t.notMatch(html, /[\u2068\u2069]/, 'no isolation marks left in left-to-right HTML');
});

t.test('Arabic HTML is right to left, with the Latin title, times and zones in <bdi>', async (t) => {
  const { html, text, subject } = emailFor('Asia/Tokyo', 'ar');
  t.match(html, '<html lang="ar" dir="rtl">');
  t.match(html, '<strong>تغيير الموعد: <bdi>Session 2: Local action for human rights</bdi></strong>');
  t.match(html, '<bdi>3:30 م</bdi>–<bdi>5:00 م</bdi> <bdi>غرينتش+1</bdi>');
  t.match(html, `<h1 style="font-size: 1.4em"><bdi>${TITLE}</bdi></h1>`);
  t.match(html, '(<bdi>Europe/Zurich</bdi>)');
  const body = html.slice(html.indexOf('<body'));
  t.notMatch(body, /[\u2068\u2069\u200f]/, 'in the body, marks became elements');
  t.match(html, `<title>تحديث جدول الأعمال (${FSI}Rev.2${PDI}): ${FSI}${TITLE}${PDI}</title>`, '<title> holds no markup: marks stay');
  t.equal(subject, `تحديث جدول الأعمال (${FSI}Rev.2${PDI}): ${FSI}${TITLE}${PDI}`);
  t.match(text, `${RLM}تغيير الموعد: ${FSI}Session 2: Local action for human rights${PDI}\n`);
  const lines = text.split('\n').filter((line) => line !== '');
  t.same(lines.filter((line) => !line.startsWith(RLM)), [], 'every plain-text line starts right to left');
});

t.test('titles, notes and links are HTML-escaped everywhere, and stray bidi controls removed', async (t) => {
  const title = '<script>alert("x")</script> & Partners';
  const history = released(
    [
      meetingCreated(title),
      sessionAdded('s1', 'Q&A <b>open</b>', '2025-11-26T09:20', '2025-11-26T11:00'),
      sessionAdded('s2', 'Evil \u202eeman\u202c title', '2025-11-26T15:00', '2025-11-26T16:30'),
    ],
    FIRST_RELEASE_AT,
    { note: 'Bring <your> "questions" & ideas' },
  );
  const moved = released([...history, rescheduled('s1', '2025-11-26T09:30', '2025-11-26T11:00')], SECOND_RELEASE_AT, {
    note: 'Bring <your> "questions" & ideas',
  });
  for (const locale of ['en-GB', 'ar']) {
    const { html, text, subject } = renderDigestEmail(releaseDigest(noticeOf(moved, { timeZone: 'Asia/Tokyo', locale })));
    t.notMatch(html, '<script>', `${locale}: no script element`);
    t.notMatch(html, '<b>', `${locale}: no injected element`);
    t.match(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Partners', `${locale}: title escaped`);
    t.match(html, 'Q&amp;A &lt;b&gt;open&lt;/b&gt;', `${locale}: session title escaped`);
    t.match(html, 'Bring &lt;your&gt; &quot;questions&quot; &amp; ideas', `${locale}: note escaped`);
    t.match(subject, title, `${locale}: the subject is plain text, not HTML`);
    t.match(text, 'Q&A <b>open</b>', `${locale}: the plain text is not escaped`);
  }
  const first = renderDigestEmail(releaseDigest(noticeOf(history, { timeZone: 'Asia/Tokyo', locale: 'en-GB' })));
  t.match(first.text, 'New: Evil eman title', 'an override character from outside cannot reverse the text');
});
