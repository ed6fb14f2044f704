import type { Temporal } from './temporal.ts';

const NANOSECONDS_PER_MILLISECOND = 1_000_000n;
// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: years written with four digits.
const FIRST_FOUR_DIGIT_MILLISECOND = -62_167_219_200_000;
const LAST_FOUR_DIGIT_MILLISECOND = 253_402_300_799_999;

/**
 * ISO text of an instant, exactly as `instant.toString()` writes it: seconds always, a fraction
 * only when there is one, without trailing zeros (`2025-11-26T08:20:00Z`, `…:18.32Z`).
 *
 * The polyfill's `toString` divides BigInt nanoseconds into date fields on every call (about
 * 15 µs, measured), and every command writes when it happened. An instant of whole milliseconds —
 * every one the system clock gives — is written here by the engine's own ISO formatter instead:
 * formatting only, no date arithmetic. Finer instants and years outside 0000–9999 are left to
 * `toString`.
 *
 * @example
 * instantText(Temporal.Instant.from('2025-11-26T08:20:00.320Z')) //=> '2025-11-26T08:20:00.32Z'
 */
export const instantText = (instant: Temporal.Instant): string => {
  const milliseconds = instant.epochMilliseconds;
  if (
    milliseconds < FIRST_FOUR_DIGIT_MILLISECOND ||
    milliseconds > LAST_FOUR_DIGIT_MILLISECOND ||
    instant.epochNanoseconds !== BigInt(milliseconds) * NANOSECONDS_PER_MILLISECOND
  ) {
    return instant.toString();
  }
  const iso = new Date(milliseconds).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  if (iso.endsWith('.000Z')) return `${iso.slice(0, 19)}Z`;
  if (iso.endsWith('00Z')) return `${iso.slice(0, 21)}Z`;
  if (iso.endsWith('0Z')) return `${iso.slice(0, 22)}Z`;
  return iso;
};
