// The agenda page (schedule) and the "notify me" form's target (notify) are two origins: the
// page's script posts across them, so the browser asks notify first (CORS preflight). Only a real
// browser against both real services shows whether it lets the request through.
import t from 'tap';
import { launchChromium } from '../../services/schedule/test/browser/chromium.ts';
import { createReferenceMeeting } from '../../services/notify/test/support/system.ts';
import { waitUntil } from '../../services/notify/test/support/receivers.ts';
import { startLiveServices } from '../support/live-services.ts';

t.test('"notify me" on the agenda page, with its script, subscribes through the notify service on another origin', async (t) => {
  const browser = await launchChromium(t);
  if (browser === undefined) return;
  const { system, scheduleUrl } = await startLiveServices(t);
  const meetingId = await createReferenceMeeting(system);
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Tokyo' });
  t.teardown(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${scheduleUrl}/m/${meetingId}`);
  await page.waitForSelector('main[data-ready]');
  await page.fill('#notify-email', 'participant@example.org');
  await page.click('#notify button');
  // "Sending…" first, then the outcome: sent (naming the address), refused, or unreachable
  await page.locator('#notify-status').filter({ hasNotText: 'Sending' }).filter({ hasText: /\S/ }).waitFor();
  t.match(await page.textContent('#notify-status'), 'participant@example.org', 'the page says where the confirmation went');
  t.same(problems, [], 'no CORS refusal, no script error');
  const [confirmation] = await system.smtp.waitFor(1);
  t.match(confirmation!.text, /confirm/i, 'the confirmation mail sent');
  const subscribed = await waitUntil(
    () => system.notify.notify.db.prepare("SELECT time_zone, locale FROM subscriptions WHERE meeting_id = ? AND status = 'pending'").get(meetingId) as { time_zone: string; locale: string } | undefined,
    5_000,
    'the subscription',
  );
  t.same(subscribed, { time_zone: 'Asia/Tokyo', locale: 'en-GB' }, 'in the reader\'s zone and language');
});
