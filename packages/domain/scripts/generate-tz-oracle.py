#!/usr/bin/python3
"""Writes test/fixtures/tz-oracle.json: an oracle for the time rules, independent of the implementation.

The implementation (temporal-polyfill) computes offsets from Intl.DateTimeFormat, i.e. from ICU's
copy of the tz database. This script asks a different reader of a different copy: Python's zoneinfo
on the system's compiled TZif files (Debian's tzdata package under /usr/share/zoneinfo). It runs
once; its output is committed as data, with the tz release it came from, and the tests compare the
implementation against it (test/time/oracle.test.ts). Nothing here imports or runs our code.

Run from anywhere, with Debian's python (the pyenv python3 on PATH has no system zoneinfo path):

    /usr/bin/python3 packages/domain/scripts/generate-tz-oracle.py

What it writes, for EVERY Zone line of the tz database (tzdata.zi; Links listed separately):
  - instants: every UTC-offset change between 2024-01-01 and 2028-01-01 (the second before and
    the second at it), the 1st and 15th of every month of 2026 at 00:00Z and 12:00Z, and a few
    edge instants (EU/US/Lord Howe/Chatham changes of 2026, Samoa's 2011 date-line jump, the
    reference meeting), each with the offset and the wall time there, and which side of a fold
    the wall time is on when it occurs twice;
  - localTimes: wall times just before, at, inside and just after every 2026 change of every zone
    and of the edge zones' historical changes (Samoa 2011, Kiribati 1994, Kathmandu 1986, ...),
    plus two ordinary wall times per zone, each classified by round trip through zoneinfo as
    ok (one instant), gap (does not exist: the last valid minute before and the first after) or
    fold (twice: earlier = fold 0, later = fold 1);
  - dayShifts: a meeting in Europe/Zurich projected into far-off viewer zones;
  - probes: instants named in tz-changes.json where two tz releases disagree.
A transition here is a change of UTC offset; changes of abbreviation or DST flag alone are not
listed (they move no wall clock).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import zoneinfo
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
FIXTURES = os.path.join(PACKAGE, 'test', 'fixtures')
OUTPUT = os.path.join(FIXTURES, 'tz-oracle.json')
CHANGES = os.path.join(FIXTURES, 'tz-changes.json')

UTC = timezone.utc
NAIVE_EPOCH = datetime(1970, 1, 1)
MINUTE = timedelta(minutes=1)
SCAN_STEP = 3600  # seconds; no zone changes its offset twice within an hour in the windows scanned

WINDOW = ('2024-01-01T00:00:00Z', '2028-01-01T00:00:00Z')
LOCAL_CASE_YEAR = 2026

# Historical changes of the edge zones: every offset change inside these windows is listed, with
# local-time cases around it, like the 2026 changes of every zone.
EDGE_WINDOWS = [
    ('Pacific/Apia', '2011-01-01T00:00:00Z', '2012-01-01T00:00:00Z',
     'Samoa: DST changes of 2011 and the date-line jump from -10 to +14 that skipped 2011-12-30'),
    ('Pacific/Apia', '2021-01-01T00:00:00Z', '2022-01-01T00:00:00Z', 'Samoa: its last DST change (2021-04-04)'),
    ('Pacific/Fakaofo', '2011-01-01T00:00:00Z', '2012-01-01T00:00:00Z',
     'Tokelau crossed the date line with Samoa (-11 to +13, 2011-12-30 skipped)'),
    ('Pacific/Kiritimati', '1994-06-01T00:00:00Z', '1995-06-01T00:00:00Z',
     'Line Islands moved from -10 to +14, skipping 1994-12-31'),
    ('Pacific/Kanton', '1994-06-01T00:00:00Z', '1995-06-01T00:00:00Z', 'Phoenix Islands moved from -11 to +13'),
    ('Pacific/Kwajalein', '1993-01-01T00:00:00Z', '1994-01-01T00:00:00Z',
     'Kwajalein moved from -12 to +12, skipping 1993-08-21'),
    ('Asia/Kathmandu', '1985-06-01T00:00:00Z', '1986-06-01T00:00:00Z', 'Nepal moved from +05:30 to +05:45 (a 15-minute gap)'),
]

# Instants checked in every zone besides its own transitions and the 2026 samples.
EDGE_INSTANTS = [
    ('2025-11-26T08:00:00Z', 'reference meeting: 09:00 in Geneva (Europe/Zurich)'),
    ('2025-11-26T16:00:00Z', 'reference meeting: 17:00 in Geneva (Europe/Zurich)'),
    ('2026-03-29T00:59:59Z', 'EU spring forward 2026, the second before'),
    ('2026-03-29T01:00:00Z', 'EU spring forward 2026'),
    ('2026-10-25T00:59:59Z', 'EU fall back 2026, the second before'),
    ('2026-10-25T01:00:00Z', 'EU fall back 2026'),
    ('2026-03-08T06:59:59Z', 'US spring forward 2026 (New York), the second before'),
    ('2026-03-08T07:00:00Z', 'US spring forward 2026 (New York)'),
    ('2026-11-01T05:59:59Z', 'US fall back 2026 (New York), the second before'),
    ('2026-11-01T06:00:00Z', 'US fall back 2026 (New York)'),
    ('2026-04-04T15:00:00Z', 'Lord Howe fall back 2026 (30 minutes)'),
    ('2026-10-03T15:30:00Z', 'Lord Howe spring forward 2026 (30 minutes)'),
    ('2026-04-04T14:00:00Z', 'New Zealand and Chatham fall back 2026'),
    ('2026-09-26T14:00:00Z', 'New Zealand and Chatham spring forward 2026'),
    ('2011-12-30T09:59:59Z', 'Samoa date-line jump, the second before'),
    ('2011-12-30T10:00:00Z', 'Samoa date-line jump'),
]

# Wall times named by the edge-case tests, classified like the others.
NAMED_LOCAL_TIMES = [
    ('Europe/Zurich', '2026-03-29T02:30'), ('Europe/Zurich', '2026-10-25T02:30'),
    ('America/New_York', '2026-03-08T02:30'), ('America/New_York', '2026-11-01T01:30'),
    ('Australia/Lord_Howe', '2026-04-05T01:45'), ('Australia/Lord_Howe', '2026-10-04T02:15'),
    ('Pacific/Chatham', '2026-04-05T03:00'), ('Pacific/Chatham', '2026-09-27T03:00'),
    ('Asia/Kathmandu', '2026-03-29T02:30'), ('Pacific/Kiritimati', '2026-01-01T00:00'),
    ('Pacific/Apia', '2011-12-30T12:00'), ('Pacific/Apia', '2011-12-29T23:59'), ('Pacific/Apia', '2011-12-31T00:00'),
]
# Two ordinary wall times in every zone.
ORDINARY_LOCAL_TIMES = ['2026-01-15T12:00', '2026-07-15T12:00']

DAY_SHIFT_MEETING_ZONE = 'Europe/Zurich'
DAY_SHIFT_VIEWERS = [
    'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns',
    'Australia/Lord_Howe', 'Pacific/Apia', 'Pacific/Honolulu', 'America/Los_Angeles', 'America/New_York',
    'Europe/London', 'Europe/Zurich', 'Asia/Tokyo',
]
# The reference meeting day hour by hour, then the DST days of 2026 (EU, US, Lord Howe, Chatham/NZ).
DAY_SHIFT_MEETINGS = [f'2025-11-26T{hour:02d}:00' for hour in range(9, 18)] + [
    f'{day}T{time}'
    for day in ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01']
    for time in ['09:00', '13:00', '17:00']
]


def parse_instant(text: str) -> int:
    return int(datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=UTC).timestamp())


def format_instant(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime('%Y-%m-%dT%H:%M:%SZ')


def format_offset(seconds: int) -> str:
    sign = '+' if seconds >= 0 else '-'
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f'{sign}{hours:02d}:{minutes:02d}' + (f':{secs:02d}' if secs else '')


def format_wall(wall: datetime) -> str:
    return wall.strftime('%Y-%m-%dT%H:%M:%S')


def format_wall_minutes(wall: datetime) -> str:
    return wall.strftime('%Y-%m-%dT%H:%M')


def parse_wall(text: str) -> datetime:
    return datetime.strptime(text, '%Y-%m-%dT%H:%M')


def naive_seconds(wall: datetime) -> int:
    delta = wall - NAIVE_EPOCH
    return delta.days * 86400 + delta.seconds


def offset_seconds(aware: datetime) -> int:
    offset = aware.utcoffset()
    assert offset is not None and offset.microseconds == 0
    return offset.days * 86400 + offset.seconds


def offset_at(zone: zoneinfo.ZoneInfo, seconds: int) -> int:
    return offset_seconds(datetime.fromtimestamp(seconds, zone))


def wall_at(zone: zoneinfo.ZoneInfo, seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, zone).replace(tzinfo=None, fold=0)


def readings(zone: zoneinfo.ZoneInfo, wall: datetime) -> list[tuple[int, int, bool]]:
    """For fold 0 and fold 1: the instant zoneinfo gives, its offset, and whether it reads back as `wall`."""
    out = []
    for fold in (0, 1):
        offset = offset_seconds(wall.replace(tzinfo=zone, fold=fold))
        instant = naive_seconds(wall) - offset
        out.append((instant, offset, wall_at(zone, instant) == wall))
    return out


def classify(zone: zoneinfo.ZoneInfo, wall: datetime) -> dict:
    """ok / gap / fold by round trip: zoneinfo never raises, it answers both folds whatever the wall time."""
    (first, first_offset, first_back), (second, second_offset, second_back) = readings(zone, wall)
    if first_back and second_back:
        if first_offset == second_offset:
            return {'kind': 'ok', 'instant': format_instant(first), 'offset': format_offset(first_offset)}
        assert first < second, (wall, first, second)
        return {
            'kind': 'fold',
            'earlier': {'instant': format_instant(first), 'offset': format_offset(first_offset)},
            'later': {'instant': format_instant(second), 'offset': format_offset(second_offset)},
        }
    if not first_back and not second_back:
        # fold 0 in a gap reads the wall time with the offset before it: the instant clocks reach
        # when they jump ("compatible" in Temporal and RFC 5545).
        assert first > second, (wall, first, second)
        return {
            'kind': 'gap',
            'before': format_wall_minutes(nearest_existing(zone, wall, -MINUTE)),
            'after': format_wall_minutes(nearest_existing(zone, wall, MINUTE)),
            'compatible': format_instant(first),
            'offsetBefore': format_offset(first_offset),
            'offsetAfter': format_offset(second_offset),
        }
    raise AssertionError(f'{zone.key} {wall}: only one fold reads back: {readings(zone, wall)}')


def exists(zone: zoneinfo.ZoneInfo, wall: datetime) -> bool:
    return any(back for _, _, back in readings(zone, wall))


def nearest_existing(zone: zoneinfo.ZoneInfo, wall: datetime, step: timedelta) -> datetime:
    candidate = wall + step
    for _ in range(3 * 24 * 60):
        if exists(zone, candidate):
            return candidate
        candidate += step
    raise AssertionError(f'{zone.key}: no existing wall time within 3 days of {wall}')


def transitions(zone: zoneinfo.ZoneInfo, start: int, end: int) -> list[tuple[int, int, int]]:
    """(instant, offset before, offset after) of every UTC-offset change in [start, end)."""
    found = []
    previous, previous_offset = start, offset_at(zone, start)
    at = start + SCAN_STEP
    while at <= end:
        offset = offset_at(zone, at)
        if offset != previous_offset:
            low, high = previous, at  # offset_at(low) == previous_offset != offset_at(high)
            while high - low > 1:
                middle = (low + high) // 2
                if offset_at(zone, middle) == previous_offset:
                    low = middle
                else:
                    high = middle
            if high < end:
                found.append((high, previous_offset, offset_at(zone, high)))
        previous, previous_offset = at, offset
        at += SCAN_STEP
    return found


def instant_row(zone: zoneinfo.ZoneInfo, seconds: int, tag: str) -> list:
    """[instant, offset, wall time, fold side or None, why]: fold side is 'earlier'/'later' when that wall time occurs twice."""
    aware = datetime.fromtimestamp(seconds, zone)
    wall = aware.replace(tzinfo=None, fold=0)
    kind = classify(zone, wall)['kind']
    assert kind != 'gap', (zone.key, seconds)
    side = None if kind == 'ok' else ('earlier' if aware.fold == 0 else 'later')
    return [format_instant(seconds), format_offset(offset_seconds(aware)), format_wall(wall), side, tag]


def transition_walls(at: int, before: int, after: int) -> list[datetime]:
    """Wall times around one change: the minute before it, its first minute, its middle, its last minute, the minute after."""
    low = datetime.fromtimestamp(at + min(before, after), UTC).replace(tzinfo=None, second=0)
    high = datetime.fromtimestamp(at + max(before, after), UTC).replace(tzinfo=None, second=0)
    middle = low + timedelta(minutes=((high - low) // MINUTE) // 2)
    walls = [low - MINUTE, low, middle, high - MINUTE, high]
    return sorted(set(walls))


def tz_directory() -> str:
    for directory in zoneinfo.TZPATH:
        if os.path.isfile(os.path.join(directory, 'tzdata.zi')):
            return directory
    sys.exit(f'no tzdata.zi in zoneinfo.TZPATH {zoneinfo.TZPATH}: run with /usr/bin/python3 on a system with tzdata')


def read_tzdata(directory: str) -> tuple[str, list[str], dict[str, str]]:
    with open(os.path.join(directory, 'tzdata.zi'), encoding='utf-8') as source:
        lines = source.read().splitlines()
    first = lines[0].split()
    if first[:2] != ['#', 'version']:
        sys.exit(f'tzdata.zi does not start with "# version": {lines[0]!r}')
    zones = sorted(line.split()[1] for line in lines if line.startswith('Z '))
    links = {line.split()[2]: line.split()[1] for line in lines if line.startswith('L ')}
    return first[2], zones, dict(sorted(links.items()))


def package_version() -> str | None:
    try:
        return subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'tzdata'], capture_output=True, text=True,
                              check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


def load(directory: str, name: str) -> zoneinfo.ZoneInfo:
    # From the file itself, never from the pip 'tzdata' fallback zoneinfo may use for a missing name.
    with open(os.path.join(directory, name), 'rb') as source:
        return zoneinfo.ZoneInfo.from_file(source, key=name)


def main() -> None:
    directory = tz_directory()
    version, zone_names, links = read_tzdata(directory)
    with open(CHANGES, encoding='utf-8') as source:
        changes = json.load(source)

    zones: dict[str, zoneinfo.ZoneInfo] = {}
    unusable = []
    for name in zone_names:
        try:
            zones[name] = load(directory, name)
        except (OSError, ValueError) as error:
            unusable.append({'name': name, 'reason': f'zoneinfo cannot read {os.path.join(directory, name)}: {error}'})

    window = tuple(parse_instant(text) for text in WINDOW)
    samples = [
        (int(datetime(LOCAL_CASE_YEAR, month, day, hour, tzinfo=UTC).timestamp()), 'sample')
        for month in range(1, 13) for day in (1, 15) for hour in (0, 12)
    ]
    edges = [(parse_instant(text), 'edge') for text, _ in EDGE_INSTANTS]
    edge_windows: dict[str, list[tuple[int, int, str]]] = {}
    for name, start, end, why in EDGE_WINDOWS:
        edge_windows.setdefault(name, []).append((parse_instant(start), parse_instant(end), why))

    instants: dict[str, list[list]] = {}
    local_times: list[dict] = []
    transition_count = 0
    for name, zone in zones.items():
        changes_in_zone = [(at, before, after, 'transition') for at, before, after in transitions(zone, *window)]
        for start, end, why in edge_windows.get(name, []):
            changes_in_zone += [(at, before, after, 'edge transition') for at, before, after in transitions(zone, start, end)]
        transition_count += len(changes_in_zone)
        rows: dict[int, list] = {}
        for at, _, _, why in changes_in_zone:
            rows[at - 1] = instant_row(zone, at - 1, f'before {why}')
            rows[at] = instant_row(zone, at, why)
        for seconds, tag in samples + edges:
            rows.setdefault(seconds, instant_row(zone, seconds, tag))
        instants[name] = [rows[seconds] for seconds in sorted(rows)]

        walls: dict[datetime, str] = {}
        for at, before, after, why in changes_in_zone:
            if why == 'transition' and datetime.fromtimestamp(at, UTC).year != LOCAL_CASE_YEAR:
                continue
            label = f'{why} at {format_instant(at)} {format_offset(before)} -> {format_offset(after)}'
            for wall in transition_walls(at, before, after):
                walls.setdefault(wall, label)
        for text in ORDINARY_LOCAL_TIMES:
            walls.setdefault(parse_wall(text), 'ordinary')
        for named_zone, text in NAMED_LOCAL_TIMES:
            if named_zone == name:
                walls.setdefault(parse_wall(text), 'named in the edge-case tests')
        for wall in sorted(walls):
            local_times.append({'zone': name, 'local': format_wall_minutes(wall), **classify(zone, wall), 'why': walls[wall]})

    probes: dict[str, list[list]] = {}
    for release, entry in changes['releases'].items():
        for change in entry['zones']:
            name = change['zone']
            if name not in zones:
                continue  # a zone this tz release does not have (yet): the test names it
            probes[name] = [
                instant_row(zones[name], parse_instant(text), f'probe {release}')
                for text in change.get('probes', [])
            ]

    meeting_zone = zones[DAY_SHIFT_MEETING_ZONE]
    day_shifts = []
    for text in DAY_SHIFT_MEETINGS:
        meeting = classify(meeting_zone, parse_wall(text))
        assert meeting['kind'] == 'ok', (text, meeting)
        seconds = parse_instant(meeting['instant'])
        for viewer in DAY_SHIFT_VIEWERS:
            aware = datetime.fromtimestamp(seconds, zones[viewer])
            day_shifts.append({
                'meetingZone': DAY_SHIFT_MEETING_ZONE, 'meeting': text, 'instant': meeting['instant'],
                'meetingOffset': meeting['offset'], 'viewerZone': viewer, 'local': format_wall_minutes(aware),
                'offset': format_offset(offset_seconds(aware)),
                'dayShift': (aware.date() - parse_wall(text).date()).days,
            })

    table = {
        'about': 'Oracle for packages/domain/src/time, generated by packages/domain/scripts/generate-tz-oracle.py '
                 'with Python zoneinfo on the system tz database (independent of ICU/Intl). Do not edit: regenerate.',
        'tzVersion': version,
        'source': {
            'tzdata': os.path.join(directory, 'tzdata.zi'),
            'package': package_version(),
            'reader': f'Python {platform.python_version()} zoneinfo (TZif files read with ZoneInfo.from_file)',
        },
        'window': {'transitionsFrom': WINDOW[0], 'transitionsTo': WINDOW[1], 'localTimeCasesYear': LOCAL_CASE_YEAR,
                   'edgeWindows': [{'zone': z, 'from': s, 'to': e, 'why': w} for z, s, e, w in EDGE_WINDOWS]},
        'rowFormat': '[instant (UTC), offset, wall time, "earlier"|"later" when that wall time occurs twice else null, why: '
                     '"transition" (the first second of a new offset) | "before transition" (the second before) | '
                     '"edge transition" | "before edge transition" (in an edge window) | "sample" | "edge" (edgeInstants) | '
                     '"probe <release>" (tz-changes.json)]',
        'edgeInstants': [{'instant': text, 'why': why} for text, why in EDGE_INSTANTS],
        'zones': zone_names,
        'links': links,
        'unusable': unusable,
        'counts': {'zones': len(zones), 'links': len(links), 'instants': sum(len(rows) for rows in instants.values()),
                   'transitions': transition_count, 'localTimes': len(local_times), 'dayShifts': len(day_shifts),
                   'probes': sum(len(rows) for rows in probes.values())},
        'instants': instants,
        'probes': probes,
        'localTimes': local_times,
        'dayShifts': day_shifts,
    }
    write(table)
    print(f'tz {version}: {json.dumps(table["counts"])} -> {os.path.relpath(OUTPUT)} '
          f'({os.path.getsize(OUTPUT) // 1024} KiB)')


def write(table: dict) -> None:
    """Stable, diff-friendly JSON: one zone, case or row group per line."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(',', ':'))

    parts = []
    for key, value in table.items():
        if key in ('instants', 'probes'):
            body = ',\n'.join(f'    {dump(name)}: {dump(rows)}' for name, rows in value.items())
            parts.append(f'  {dump(key)}: {{\n{body}\n  }}')
        elif key in ('localTimes', 'dayShifts'):
            body = ',\n'.join(f'    {dump(item)}' for item in value)
            parts.append(f'  {dump(key)}: [\n{body}\n  ]')
        else:
            parts.append(f'  {dump(key)}: {json.dumps(value, ensure_ascii=False)}')
    with open(OUTPUT, 'w', encoding='utf-8') as out:
        out.write('{\n' + ',\n'.join(parts) + '\n}\n')


if __name__ == '__main__':
    main()
