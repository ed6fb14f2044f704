import { PAGE_CATALOGUES, type PageMessageKey } from './catalogues/index.ts';
import type { PageContext } from './page-context.ts';
import { dayShiftText } from './time-range.ts';

/** The day shifts a page can show: time zones lie at most 26 hours apart. */
const SHIFTS = [-2, -1, 1, 2];

/** The `client.*` messages, which the page's script fills with `{name}` values only. */
export const CLIENT_KEYS = Object.keys(PAGE_CATALOGUES.en).filter((key): key is PageMessageKey => key.startsWith('client.'));

/** What the page's script needs in the reader's language, sent in the page as JSON. */
export interface ClientStrings {
  /** raw `client.*` messages by key */
  readonly messages: Readonly<Record<string, string>>;
  /** "+1 day", "−1 day"… by day shift */
  readonly shifts: Readonly<Record<string, string>>;
}

/**
 * The words the page's script writes, already in the page's language.
 *
 * @example
 * clientStrings(page).shifts['1'] //=> '+1 day'
 */
export const clientStrings = (page: PageContext): ClientStrings => ({
  messages: Object.fromEntries(CLIENT_KEYS.map((key) => [key, page.l.raw(key)])),
  shifts: Object.fromEntries(SHIFTS.map((days) => [String(days), dayShiftText(page.l, days)])),
});
