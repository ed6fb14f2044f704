/**
 * The time rules against an independent oracle, over every zone of the tz database.
 *
 * The oracle (test/fixtures/tz-oracle.json) was generated once by scripts/generate-tz-oracle.py
 * with Python's zoneinfo reading the system's compiled tz database; the implementation
 * (temporal-polyfill) reads ICU's copy through Intl.DateTimeFormat. Two readers, two copies: an
 * agreement means something. The two copies may be different tz releases: tz-changes.json says
 * which zones each release changed, and which instants the change concerns; the test names every
 * such zone (did it differ or not?) instead of skipping it. A difference anywhere else fails: in
 * another zone, or in a changed zone at an instant its change does not concern.
 *
 * Regenerate the table: /usr/bin/python3 packages/domain/scripts/generate-tz-oracle.py
 */
import t from 'tap';
import { Temporal } from '../../src/time/temporal.ts';
import { instantOf, localTimeAt, resolveLocalTime, type Disambiguation } from '../../src/time/local-time.ts';
import { projectInstant } from '../../src/time/projection.ts';
import { isValidTimeZone, validateTimeZone } from '../../src/time/time-zone.ts';
import { AmbiguousLocalTimeError, NonexistentLocalTimeError } from '../../src/errors.ts';
import {
  apiWallTime,
  daysBetween,
  loadOracle,
  loadTzChanges,
  releasesBetween,
  withinRanges,
  type InstantRange,
  type OracleLocalCase,
  type OracleRow,
} from '../fixtures/tz-oracle.ts';

// ~6 s of work on an idle machine; tap's default of 30 s per file is too tight on a busy CI runner.
t.setTimeout(120_000);

const started = performance.now();
const table = loadOracle();
const changes = loadTzChanges();
const runtimeVersion = process.versions.tz ?? 'unknown';
const LOCALE = 'en-GB';

// --- tz release drift: which zones may legitimately differ between the table and the runtime -----

const drift = runtimeVersion === 'unknown' ? { listed: [], missing: [], uncertain: true } : releasesBetween(changes, table.tzVersion, runtimeVersion);

/** One change of a zone between the two releases: why it may differ, and at which instants. */
interface ZoneChange {
  readonly why: string;
  readonly affects: readonly InstantRange[];
}
/** zone or link → its changes between the two releases (a zone may change in several) */
const changedZones = new Map<string, ZoneChange[]>();
const addChange = (zone: string, change: ZoneChange): void => {
  changedZones.set(zone, [...(changedZones.get(zone) ?? []), change]);
};
for (const release of drift.listed) {
  for (const change of changes.releases[release]!.zones) addChange(change.zone, { why: `tz ${release}: ${change.reason}`, affects: change.affects });
}
for (const [link, target] of Object.entries(table.links)) {
  for (const change of changedZones.get(target) ?? []) addChange(link, { ...change, why: `link to ${target}; ${change.why}` });
}
const whyChanged = (zone: string): string | undefined => changedZones.get(zone)?.map((change) => change.why).join('; ');
const describeRanges = (ranges: readonly InstantRange[]): string => ranges.map(({ from, to }) => `[${from ?? '…'}, ${to ?? '…'})`).join(' ∪ ');

// --- the comparison: every check goes through `check`, every disagreement is kept ---------------

interface Mismatch {
  readonly zone: string;
  readonly check: string;
  readonly input: string;
  /** the instant (UTC) the check is about: a change of the zone's rules explains a mismatch only there */
  readonly at: string;
  readonly expected: unknown;
  readonly actual: unknown;
}
const mismatches: Mismatch[] = [];
const checksByZone = new Map<string, number>();
let checks = 0;

/** JSON with object keys sorted: equal data, equal text, whatever order the keys were written in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

const check = (zone: string, name: string, input: string, at: string, expected: unknown, actual: unknown): void => {
  checks += 1;
  checksByZone.set(zone, (checksByZone.get(zone) ?? 0) + 1);
  if (JSON.stringify(actual) === JSON.stringify(expected)) return; // the common case, cheaply
  if (canonical(actual) !== canonical(expected)) mismatches.push({ zone, check: name, input, at, expected, actual });
};

/** Whether the runtime knows the zone, and the error it gives if not. */
const runtimeError = (zone: string): string | null => {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

const unusable = new Set(table.unusable.map((entry) => entry.name));
const unknownToRuntime = new Map<string, string>();
for (const zone of [...table.zones, ...Object.keys(table.links)]) {
  if (unusable.has(zone)) continue;
  const error = runtimeError(zone);
  if (error !== null) unknownToRuntime.set(zone, error);
}
const checkable = (zone: string): boolean => !unusable.has(zone) && !unknownToRuntime.has(zone);

/** Offsets and wall times of one zone at the oracle's instants, through every function that reads them. */
const checkRows = (zone: string, rows: readonly OracleRow[], withProjection: boolean): void => {
  for (const [instantText, offset, wall, side] of rows) {
    const instant = Temporal.Instant.from(instantText);
    const zoned = instant.toZonedDateTimeISO(zone);
    check(zone, 'toZonedDateTimeISO', instantText, instantText, { offset, wall }, { offset: zoned.offset, wall: zoned.toPlainDateTime().toString() });
    check(zone, 'localTimeAt', instantText, instantText, { local: apiWallTime(wall), disambiguation: side }, localTimeAt(instant, zone));
    if (withProjection) {
      const projected = projectInstant(instant, { meetingZone: 'UTC', viewerZone: zone, locale: LOCALE });
      check(
        zone,
        'projectInstant (meeting UTC)',
        instantText,
        instantText,
        {
          instant: instantText,
          meeting: apiWallTime(instantText.slice(0, 19)),
          meetingOffset: '+00:00',
          local: apiWallTime(wall),
          offset,
          dayShift: daysBetween(instantText, wall),
        },
        {
          instant: projected.instant,
          meeting: projected.meeting,
          meetingOffset: projected.meetingOffset,
          local: projected.local,
          offset: projected.offset,
          dayShift: projected.dayShift,
        },
      );
    }
  }
};

/** What `resolveLocalTime` answers, as plain data: the instant it resolves to, or the refusal and its alternatives. */
const resolution = (local: string, zone: string, disambiguation: Disambiguation | null): unknown => {
  try {
    const { zoned, time } = resolveLocalTime('start', local, zone, disambiguation);
    return { kind: 'ok', instant: zoned.toInstant().toString(), offset: zoned.offset, time };
  } catch (error) {
    if (error instanceof NonexistentLocalTimeError) return { kind: 'gap', validAlternatives: error.details['validAlternatives'] };
    if (error instanceof AmbiguousLocalTimeError) return { kind: 'fold', validAlternatives: error.details['validAlternatives'] };
    return { kind: 'unexpected error', error: String(error) };
  }
};

const checkLocalCase = (entry: OracleLocalCase): void => {
  const { zone, local } = entry;
  const input = `${local} (${entry.why})`;
  // the wall time's instant, as the oracle reads it (the earlier one of a fold: an hour or so apart)
  const at = entry.kind === 'ok' ? entry.instant : entry.kind === 'gap' ? entry.compatible : entry.earlier.instant;
  const resolved = (instant: string, offset: string, disambiguation: Disambiguation | null) => ({
    kind: 'ok',
    instant,
    offset,
    time: { local, disambiguation },
  });
  switch (entry.kind) {
    case 'ok':
      for (const disambiguation of [null, 'earlier', 'later'] as const) {
        // a time that happens once resolves to it whatever the request says, and records no disambiguation
        check(zone, `resolveLocalTime ok (${disambiguation})`, input, at, resolved(entry.instant, entry.offset, null), resolution(local, zone, disambiguation));
      }
      check(zone, 'instantOf ok', input, at, entry.instant, instantOf({ local, disambiguation: null }, zone).toString());
      break;
    case 'gap':
      for (const disambiguation of [null, 'earlier', 'later'] as const) {
        // nothing is shifted silently: a nonexistent time is refused, with the nearest valid times
        check(zone, `resolveLocalTime gap (${disambiguation})`, input, at, { kind: 'gap', validAlternatives: [entry.before, entry.after] }, resolution(local, zone, disambiguation));
      }
      // a stored time that new rules put in a gap moves forward as clocks do
      check(zone, 'instantOf gap (compatible)', input, at, entry.compatible, instantOf({ local, disambiguation: null }, zone).toString());
      break;
    case 'fold': {
      const { earlier, later } = entry;
      check(
        zone,
        'resolveLocalTime fold (null)',
        input, at,
        {
          kind: 'fold',
          validAlternatives: [
            { disambiguation: 'earlier', instant: earlier.instant, offset: earlier.offset },
            { disambiguation: 'later', instant: later.instant, offset: later.offset },
          ],
        },
        resolution(local, zone, null),
      );
      check(zone, 'resolveLocalTime fold (earlier)', input, at, resolved(earlier.instant, earlier.offset, 'earlier'), resolution(local, zone, 'earlier'));
      check(zone, 'resolveLocalTime fold (later)', input, at, resolved(later.instant, later.offset, 'later'), resolution(local, zone, 'later'));
      check(zone, 'instantOf fold (earlier)', input, at, earlier.instant, instantOf({ local, disambiguation: 'earlier' }, zone).toString());
      check(zone, 'instantOf fold (later)', input, at, later.instant, instantOf({ local, disambiguation: 'later' }, zone).toString());
      break;
    }
  }
};

// --- run everything once, then report --------------------------------------------------------------

const checksBefore = (): number => checks;
const zonesChecked = table.zones.filter(checkable);
let instantsChecked = 0;
const instantChecksStart = checksBefore();
for (const zone of zonesChecked) {
  const rows = table.instants[zone] ?? [];
  instantsChecked += rows.length;
  checkRows(zone, rows, true);
}
const instantChecks = checks - instantChecksStart;

const linksChecked = Object.keys(table.links).filter(checkable);
let linkInstantsChecked = 0;
const linkChecksStart = checksBefore();
for (const link of linksChecked) {
  const rows = table.instants[table.links[link]!] ?? [];
  linkInstantsChecked += rows.length;
  checkRows(link, rows, false);
}
const linkChecks = checks - linkChecksStart;

const localCases = table.localTimes.filter((entry) => checkable(entry.zone));
const localChecksStart = checksBefore();
for (const entry of localCases) checkLocalCase(entry);
const localChecks = checks - localChecksStart;

const dayShiftCases = table.dayShifts.filter((entry) => checkable(entry.meetingZone) && checkable(entry.viewerZone));
const dayShiftChecksStart = checksBefore();
for (const entry of dayShiftCases) {
  const input = `${entry.meeting} ${entry.meetingZone} seen in ${entry.viewerZone}`;
  const { zoned } = resolveLocalTime('start', entry.meeting, entry.meetingZone);
  const projected = projectInstant(zoned.toInstant(), { meetingZone: entry.meetingZone, viewerZone: entry.viewerZone, locale: LOCALE });
  const { meetingZone: _meetingZone, viewerZone: _viewerZone, ...expected } = entry;
  check(entry.viewerZone, 'day shift (projectInstant)', input, entry.instant, expected, {
    meeting: projected.meeting,
    instant: projected.instant,
    meetingOffset: projected.meetingOffset,
    local: projected.local,
    offset: projected.offset,
    dayShift: projected.dayShift,
  });
}
const dayShiftChecks = checks - dayShiftChecksStart;

const mainChecks = checks;
const mainMismatches = mismatches.length;

// Probes: instants where two tz releases disagree about a zone (tz-changes.json), in it and its links.
const probeChecksStart = checksBefore();
let probeInstants = 0;
for (const [zone, rows] of Object.entries(table.probes)) {
  const names = [zone, ...Object.keys(table.links).filter((link) => table.links[link] === zone)].filter(checkable);
  for (const name of names) {
    probeInstants += rows.length;
    checkRows(name, rows, true);
  }
}
const probeChecks = checks - probeChecksStart;
const elapsed = (performance.now() - started) / 1000;

/** Whether a change of the zone between the two releases concerns the mismatch's instant. */
const isExplained = (mismatch: Mismatch): boolean =>
  (changedZones.get(mismatch.zone) ?? []).some((change) => withinRanges(change.affects, mismatch.at));
const explained = mismatches.filter(isExplained);
const unexplained = mismatches.filter((mismatch) => !isExplained(mismatch));
const count = (n: number): string => n.toLocaleString('en-US');
const describe = (mismatch: Mismatch): string =>
  `${mismatch.zone} ${mismatch.check} at ${mismatch.input}: oracle ${JSON.stringify(mismatch.expected)}, runtime ${JSON.stringify(mismatch.actual)}`;

t.comment(
  `oracle: tz ${table.tzVersion} (${table.source.reader}; ${table.source.tzdata}, package ${table.source.package ?? '?'}); ` +
    `runtime: tz ${runtimeVersion} (Node ${process.versions.node}, ICU ${process.versions.icu}, temporal-polyfill)`,
);

t.test('the table covers every zone of the tz database, and names what it cannot use', (t) => {
  t.equal(table.zones.length, table.counts['zones']! + table.unusable.length, 'every Zone line of tzdata.zi is in the table or listed as unusable');
  for (const entry of table.unusable) t.comment(`unusable in the oracle: ${entry.name}: ${entry.reason}`);
  const withoutInstants = table.zones.filter((zone) => !unusable.has(zone) && (table.instants[zone]?.length ?? 0) < 48);
  t.same(withoutInstants, [], 'every usable zone has at least the 48 sample instants of 2026');
  t.end();
});

t.test('zones of the table unknown to the runtime are named, and each has a reason', (t) => {
  for (const [zone, error] of unknownToRuntime) {
    const reason = changes.runtimeUnknown[zone] ?? whyChanged(zone);
    t.comment(`unknown to the runtime: ${zone} (${error}) — ${reason ?? 'NO REASON KNOWN'}`);
    t.ok(reason !== undefined, `${zone} is unknown to the runtime for a known reason (tz-changes.json)`);
  }
  const runtimeIds = Intl.supportedValuesOf('timeZone');
  const tableIds = new Set([...table.zones, ...Object.keys(table.links)]);
  const notInTable = runtimeIds.filter((id) => !tableIds.has(id));
  const listedIds = new Set(runtimeIds);
  const zonesNotListed = table.zones.filter((zone) => !listedIds.has(zone) && !unknownToRuntime.has(zone));
  t.comment(
    `runtime ids (Intl.supportedValuesOf, CLDR): ${runtimeIds.length}; ${notInTable.length} are neither a Zone nor a Link of tz ${table.tzVersion} here` +
      (notInTable.length > 0 ? `: ${notInTable.join(', ')}` : ''),
  );
  t.comment(
    `${zonesNotListed.length} Zones of the tz database are missing from that CLDR list (it names them by another id or not at all) ` +
      `and are checked all the same, e.g. ${zonesNotListed.filter((zone) => zone.includes('/')).slice(0, 8).join(', ')}`,
  );
  t.end();
});

t.test('every place name of the tz database is a valid zone id, returned exactly as given', (t) => {
  // DESIGN.md: ids are validated and returned as given (aliases and CLDR ids included); abbreviations,
  // fixed offsets and Etc/ zones are refused (UTC and Etc/UTC excepted).
  const names = [...table.zones, ...Object.keys(table.links)].filter((name) => !unknownToRuntime.has(name) && !unusable.has(name));
  const places = names.filter((name) => name.includes('/') && !name.startsWith('Etc/'));
  const answers = places.map((name) => {
    try {
      return validateTimeZone(name);
    } catch (error) {
      return `refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  t.same(
    places.filter((name, index) => answers[index] !== name),
    [],
    `all ${places.length} Area/Location names (Zones and Links) are accepted and kept as written`,
  );
  const refused = names.filter((name) => !places.includes(name) && !isValidTimeZone(name));
  t.comment(`refused by design (no Area/Location, or Etc/): ${refused.length}: ${refused.join(' ')}`);
  t.end();
});

t.test('tz releases between the table and the runtime: every changed zone is named', (t) => {
  if (table.tzVersion === runtimeVersion) {
    t.comment(`the table and the runtime are both tz ${runtimeVersion}: every zone must match`);
    t.equal(changedZones.size, 0);
    t.end();
    return;
  }
  t.comment(`the table is tz ${table.tzVersion}, the runtime tz ${runtimeVersion}; releases in between known to tz-changes.json: ${drift.listed.join(', ') || 'none'}`);
  if (drift.missing.length > 0 || drift.uncertain) {
    t.comment(
      `tz-changes.json may not know every release in between (${drift.missing.length > 0 ? `missing ${drift.missing.join(', ')}` : 'the releases cross a year'}): ` +
        'a difference in a zone it does not name fails; add those releases from the tz NEWS',
    );
  }
  const byZone = new Map<string, Mismatch[]>();
  for (const mismatch of mismatches) byZone.set(mismatch.zone, [...(byZone.get(mismatch.zone) ?? []), mismatch]);
  for (const [zone, zoneChanges] of changedZones) {
    const differing = byZone.get(zone) ?? [];
    const outside = differing.filter((mismatch) => !isExplained(mismatch));
    const total = checksByZone.get(zone) ?? 0;
    const where = zoneChanges.map((change) => describeRanges(change.affects)).join(' ∪ ');
    const status = unknownToRuntime.has(zone)
      ? 'unknown to the runtime'
      : differing.length === 0
        ? `matched all ${total} checks`
        : `DIFFERED in ${differing.length} of ${total} checks (${outside.length} at instants the change does not concern: unexplained), e.g. ${describe(differing[0]!)}`;
    t.comment(`changed between tz ${table.tzVersion} and ${runtimeVersion}: ${zone} (${whyChanged(zone)}; concerns ${where}): ${status}`);
    // a zone tz-changes.json names but nothing checked (a misspelt name) would explain nothing and test nothing
    t.ok(total > 0 || unknownToRuntime.has(zone), `${zone} was checked, or is unknown to the runtime`);
  }
  t.end();
});

t.test('the release bookkeeping: which releases lie between two versions, and which are missing from tz-changes.json', (t) => {
  t.same(releasesBetween(changes, '2025b', '2025c'), { listed: ['2025c'], missing: [], uncertain: false }, '2025b → 2025c: 2025c');
  t.same(releasesBetween(changes, '2025c', '2025b'), { listed: ['2025c'], missing: [], uncertain: false }, 'an older runtime: the same release');
  t.same(releasesBetween(changes, '2025c', '2025c'), { listed: [], missing: [], uncertain: false }, 'equal versions: nothing may differ');
  t.same(releasesBetween(changes, '2025c', '2026b'), { listed: [], missing: ['2026a', '2026b'], uncertain: true }, 'unknown releases are named');
  const tijuana = changes.releases['2025c']!.zones.find((change) => change.zone === 'America/Tijuana')!;
  t.equal(withinRanges(tijuana.affects, '1965-07-01T12:00:00Z'), true, '2025c explains a difference in America/Tijuana in 1965');
  t.equal(withinRanges(tijuana.affects, '2026-07-01T12:00:00Z'), false, 'but not in 2026: it changed nothing after 1975');
  for (const [release, { zones }] of Object.entries(changes.releases)) {
    for (const change of zones) {
      const outside = (change.probes ?? []).filter((probe) => !withinRanges(change.affects, probe));
      t.same(outside, [], `tz ${release} ${change.zone}: its probes lie in the instants it concerns`);
    }
  }
  t.end();
});

t.test('the implementation agrees with the oracle everywhere the tz releases agree', (t) => {
  const zonesInstants = `${count(zonesChecked.length)} zones × ${(instantsChecked / zonesChecked.length).toFixed(1)} instants each on average = ${count(instantsChecked)} zone-instants`;
  t.comment(`instants: ${zonesInstants}: ${count(instantChecks)} checks (toZonedDateTimeISO, localTimeAt, projectInstant)`);
  t.comment(`links: ${count(linksChecked.length)} links × their zone's instants = ${count(linkInstantsChecked)} link-instants: ${count(linkChecks)} checks`);
  const kinds = { ok: 0, gap: 0, fold: 0 };
  for (const entry of localCases) kinds[entry.kind] += 1;
  t.comment(
    `local-time cases: ${count(localCases.length)} (ok ${kinds.ok}, gap ${kinds.gap}, fold ${kinds.fold}) in ${new Set(localCases.map((entry) => entry.zone)).size} zones: ${count(localChecks)} checks (resolveLocalTime with null/earlier/later, instantOf)`,
  );
  t.comment(`day-shift cases: ${count(dayShiftCases.length)} (Europe/Zurich meetings × ${new Set(dayShiftCases.map((entry) => entry.viewerZone)).size} viewer zones): ${count(dayShiftChecks)} checks`);
  t.comment(`total: ${count(mainChecks)} checks, ${mainMismatches} mismatches`);
  const probeMismatches = mismatches.length - mainMismatches;
  t.comment(
    `probes (tz-changes.json: instants where tz releases disagree): ${count(probeInstants)} zone-instants, ${count(probeChecks)} checks, ` +
      `${probeMismatches} differ${probeMismatches > 0 ? ` (in ${[...new Set(mismatches.slice(mainMismatches).map((mismatch) => mismatch.zone))].join(', ')})` : ''}`,
  );
  t.comment(
    `mismatches overall: ${unexplained.length} unexplained, ${explained.length} where a change between tz ${table.tzVersion} and ${runtimeVersion} concerns the zone at that instant; ${elapsed.toFixed(1)} s`,
  );
  for (const mismatch of unexplained.slice(0, 40)) t.comment(`MISMATCH ${describe(mismatch)}`);
  if (unexplained.length > 40) t.comment(`… and ${unexplained.length - 40} more`);
  t.equal(unexplained.length, 0, `0 mismatches outside the zones and instants changed between tz ${table.tzVersion} and ${runtimeVersion}`);
  const neverChecked = table.zones.filter((zone) => (checksByZone.get(zone) ?? 0) === 0 && !unusable.has(zone) && !unknownToRuntime.has(zone));
  t.same(neverChecked, [], 'every zone was checked, or named as unusable or unknown to the runtime');
  t.ok(localCases.some((entry) => entry.kind === 'gap') && localCases.some((entry) => entry.kind === 'fold'), 'gaps and folds were among the cases');
  t.end();
});
