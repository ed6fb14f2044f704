import { Temporal } from './temporal.ts';
import { UnknownTimeZoneError } from '../errors.ts';
import { BoundedMemo } from '../_lib/bounded-memo.ts';

/**
 * Validates an IANA time zone id and answers it as given (aliases such as `Asia/Calcutta` or the
 * CLDR id `Europe/Kiev` stay as written; only the letter case is normalised). Abbreviations
 * ("CET", "EST") and fixed offsets ("+01:00", "UTC+1", "Etc/GMT-1") are refused with suggestions
 * of real zones: a meeting "in CET" is in a place whose rules change, not at a fixed offset.
 *
 * @example
 * validateTimeZone('europe/zurich') //=> 'Europe/Zurich'
 * validateTimeZone('CET') // throws UnknownTimeZoneError (suggests Europe/Paris, Europe/Zurich, …)
 */
export const validateTimeZone = (value: string): string => {
  const known = validatedZones.get(value);
  if (known !== undefined) return known;
  const id = runtimeZoneId(value);
  if (id === undefined || !isZoneId(id)) throw new UnknownTimeZoneError(value, suggestZones(value));
  return validatedZones.set(value, id);
};

// Asking the runtime builds a ZonedDateTime, far more than a request should spend on its `?tz=`.
// Only zones that passed are kept (a refused value is rare and gets its suggestions afresh), so
// the keys are real zone ids in some letter case; the bound holds whatever the case variants.
const VALIDATED_ZONES_LIMIT = 1024;
const validatedZones = new BoundedMemo<string, string>(VALIDATED_ZONES_LIMIT);

// tz database ids that name a rule set, an abbreviation or UTC rather than a place. Other ids
// without a slash are links to places (`Japan`, `Singapore`, `GB`) and are zones like any other.
const NOT_PLACES = new Set(['CET', 'CST6CDT', 'EET', 'EST', 'EST5EDT', 'HST', 'MET', 'MST', 'MST7MDT', 'PST8PDT', 'WET', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich', 'UCT', 'Universal', 'Zulu']);

const isZoneId = (id: string): boolean =>
  id === 'UTC' || id === 'Etc/UTC' || (!NOT_PLACES.has(id) && !id.startsWith('Etc/') && !id.startsWith('SystemV/'));

/** Whether `value` is a zone `validateTimeZone` accepts. */
export const isValidTimeZone = (value: string): boolean => {
  try {
    validateTimeZone(value);
    return true;
  } catch {
    return false;
  }
};

const runtimeZoneId = (value: string): string | undefined => {
  // Temporal also takes offsets ("+01:00") as zone ids: those are not zones for us.
  if (!/^[A-Za-z]/.test(value)) return undefined;
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(value).timeZoneId;
  } catch {
    return undefined;
  }
};

const SUGGESTION_LIMIT = 5;
// Reference instants for matching an abbreviation or offset: one winter, one summer.
const PROBES = [Temporal.Instant.from('2026-01-15T12:00:00Z'), Temporal.Instant.from('2026-07-15T12:00:00Z')];
let zoneNamesByLabel: Map<string, string[]> | undefined;

/** Real zones that a wrong value probably meant: zones whose abbreviation or offset it names. */
export const suggestZones = (value: string): string[] => {
  const label = normaliseLabel(value);
  if (label === '') return [];
  zoneNamesByLabel ??= indexZonesByLabel();
  return (zoneNamesByLabel.get(label) ?? []).slice(0, SUGGESTION_LIMIT);
};

const indexZonesByLabel = (): Map<string, string[]> => {
  const index = new Map<string, string[]>();
  const add = (label: string, zone: string): void => {
    const zones = index.get(label) ?? [];
    if (!zones.includes(zone)) zones.push(zone);
    index.set(label, zones);
  };
  const formats = ['en-GB', 'en-US'].map(
    (locale) => (zone: string) => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }),
  );
  // Most populous first, so the suggestions for "CET" start with zones people know.
  for (const zone of preferredOrder(Intl.supportedValuesOf('timeZone'))) {
    if (!zone.includes('/') || zone.startsWith('Etc/')) continue;
    for (const probe of PROBES) {
      const zoned = probe.toZonedDateTimeISO(zone);
      add(normaliseLabel(zoned.offset), zone);
      for (const format of formats) {
        const name = format(zone)
          .formatToParts(probe.epochMilliseconds)
          .find((part) => part.type === 'timeZoneName')?.value;
        if (name !== undefined) add(normaliseLabel(name), zone);
      }
    }
  }
  return index;
};

const WELL_KNOWN = [
  'Europe/Paris', 'Europe/Zurich', 'Europe/Brussels', 'Europe/Berlin', 'Europe/London', 'America/New_York',
  'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Kolkata',
  'Australia/Sydney', 'Africa/Nairobi', 'Africa/Lagos', 'America/Sao_Paulo', 'Asia/Dubai',
];
const preferredOrder = (zones: readonly string[]): string[] => [
  ...WELL_KNOWN.filter((zone) => zones.includes(zone)),
  ...zones.filter((zone) => !WELL_KNOWN.includes(zone)),
];

/** "UTC+1", "GMT+01:00", "+1", "+0100" all become "+01:00"; abbreviations are upper-cased. */
const normaliseLabel = (value: string): string => {
  const trimmed = value.trim().toUpperCase();
  // POSIX-style Etc zones count the other way: Etc/GMT-1 is one hour ahead of UTC.
  const etc = /^ETC\/GMT([+-])(\d{1,2})$/.exec(trimmed);
  if (etc !== null) return `${etc[1] === '-' ? '+' : '-'}${etc[2]!.padStart(2, '0')}:00`;
  const offset = /^(?:UTC|GMT)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(trimmed);
  if (offset === null) return trimmed;
  const sign = offset[1] === '+' ? '+' : '-';
  return `${sign}${offset[2]!.padStart(2, '0')}:${offset[3] ?? '00'}`;
};
