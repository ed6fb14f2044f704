// The agenda page's script (an ES module, no dependencies). The page is complete without it; with
// it, the times follow the browser's zone and locale: it reads the agenda API
// (`/meetings/{id}/agenda?tz=&locale=`) and rewrites the times, the zone notes and the release
// history in place, keeps the zone picker on the page, and sends the "notify me" form.
// Written to survive `compactJs` (static-assets.ts): no multi-line strings, no line starting with `*`.

const main = document.querySelector('main[data-meeting]');
const strings = JSON.parse(document.getElementById('page-strings')?.textContent ?? '{"messages":{},"shifts":{}}');

// The same option sets as the server (page-formats.ts, FORMAT_OPTIONS).
const FORMATS = {
  time: { timeStyle: 'short' },
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  stamp: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
  zone: { timeZoneName: 'short' },
  offset: { timeZoneName: 'longOffset' },
  ymd: { year: 'numeric', month: 'numeric', day: 'numeric' },
};
const cache = new Map();

/** An Intl.DateTimeFormat of one of the option sets, built once. */
const formatter = (name, timeZone, locale) => {
  const key = `${name} ${timeZone} ${locale}`;
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat(locale, { ...FORMATS[name], timeZone }));
  return cache.get(key);
};
const part = (name, ms, timeZone, locale, type) => formatter(name, timeZone, locale).formatToParts(ms).find((p) => p.type === type)?.value ?? '';
const zoneName = (ms, timeZone, locale) => part('zone', ms, timeZone, locale, 'timeZoneName');
const offsetAt = (ms, timeZone) => part('offset', ms, timeZone, 'en-US', 'timeZoneName');

/** Days since 1970 of the local date of an instant in a zone. */
const dayNumber = (ms, timeZone) => {
  const parts = Object.fromEntries(formatter('ymd', timeZone, 'en-US').formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return Math.round(Date.UTC(parts.year, parts.month - 1, parts.day) / 864e5);
};

/** An element with attributes and children (strings become text: nothing is parsed as HTML). */
const el = (tag, attributes, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
};
const bdi = (text) => el('bdi', {}, text);

/** A `client.*` message with its `{name}` placeholders filled by nodes or strings. */
const message = (key, values = {}) =>
  (strings.messages[key] ?? key).split(/\{(\w+)\}/).map((piece, index) => (index % 2 === 0 ? piece : values[piece] ?? ''));

/** Days from the meeting's date at a start to its date at an end (`meetingDaysAcross`, time-range.ts). */
const daysAcross = (start, end, meetingZone) => dayNumber(Date.parse(end), meetingZone) - dayNumber(Date.parse(start), meetingZone);

/** A session's time on one clock: the same markup as the server's `rangeHtml` (time-range.ts). */
const range = (start, end, across) => {
  const time = (clock) => el('time', { datetime: clock.instant }, clock.time);
  const zone = (clock) => [' ', el('bdi', { class: 'z' }, clock.zone)];
  const shift = (days) => (days === 0 ? [] : [' ', el('span', { class: 'd' }, strings.shifts[String(days)] ?? String(days))]);
  const sameZone = start.zone === end.zone;
  const endShift = end.shift + across;
  if (start.shift === endShift) return [time(start), ...(sameZone ? [] : zone(start)), '–', time(end), ...zone(end), ...shift(endShift)];
  return [time(start), ...shift(start.shift), ...(sameZone ? [] : zone(start)), '–', time(end), ...shift(endShift), ...zone(end)];
};

/** One instant on a clock, computed here with Intl (the release history). */
const clock = (instant, timeZone, meetingZone, locale) => {
  const ms = Date.parse(instant);
  return {
    instant,
    time: formatter('time', timeZone, locale).format(ms),
    zone: zoneName(ms, timeZone, locale),
    shift: dayNumber(ms, timeZone) - dayNumber(ms, meetingZone),
  };
};

/** Offset changes of a zone from `from` to `until` (ms): a day-by-day scan, then bisection to the millisecond. */
const clockChanges = (timeZone, from, until) => {
  const changes = [];
  let time = from;
  let offset = offsetAt(time, timeZone);
  while (time < until && changes.length < 4) {
    const next = Math.min(time + 864e5, until);
    const nextOffset = offsetAt(next, timeZone);
    if (nextOffset !== offset) {
      let low = time;
      let high = next;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(middle, timeZone) === offset) low = middle;
        else high = middle;
      }
      changes.push({ timeZone, at: high });
      offset = nextOffset;
    }
    time = next;
  }
  return changes;
};

/** The zone notes: which clocks the page shows, the zone detected, the clock changes ahead. */
const renderNotes = (viewerZone, locale, detected) => {
  const meetingZone = main.dataset.mz;
  const notes = [
    viewerZone === meetingZone
      ? message('client.zone.same', { zone: bdi(meetingZone) })
      : message('client.zone.differs', { meetingZone: bdi(meetingZone), viewerZone: bdi(viewerZone) }),
  ];
  if (detected) notes.push(message('client.zone.detected', { zone: bdi(viewerZone) }));
  const from = Date.parse(main.dataset.today);
  const until = main.dataset.end ? Date.parse(main.dataset.end) : from;
  const zones = viewerZone === meetingZone ? [meetingZone] : [meetingZone, viewerZone];
  for (const change of zones.flatMap((zone) => (until > from ? clockChanges(zone, from, until) : []))) {
    notes.push(
      message('client.dst', {
        zone: bdi(change.timeZone),
        date: el('time', { datetime: new Date(change.at).toISOString().replace('.000Z', 'Z') }, formatter('day', change.timeZone, locale).format(change.at)),
        from: bdi(zoneName(change.at - 1000, change.timeZone, locale)),
        to: bdi(zoneName(change.at, change.timeZone, locale)),
      }),
    );
  }
  document.getElementById('notes')?.replaceChildren(...notes.map((note, index) => el('li', index === 0 ? {} : { class: detected && index === 1 ? 'auto' : 'dst' }, ...note)));
};

/** Rewrites every time on the page for a zone and locale; false when the agenda API refused. */
const render = async (viewerZone, locale, detected) => {
  const meetingZone = main.dataset.mz;
  const url = `/meetings/${encodeURIComponent(main.dataset.meeting)}/agenda?tz=${encodeURIComponent(viewerZone)}&locale=${encodeURIComponent(locale)}`;
  let agenda;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) return false;
    agenda = await response.json();
  } catch {
    return false;
  }
  // 1. the programme: the viewer's clock exactly as the API gives it, the meeting's by Intl
  const meetingClock = (projected) => clock(projected.instant, meetingZone, meetingZone, locale);
  const viewerClock = (projected) => ({ instant: projected.instant, time: projected.text.time, zone: projected.abbreviation, shift: projected.dayShift });
  for (const session of agenda.sessions) {
    const row = main.querySelector(`tr[data-session="${CSS.escape(session.id)}"]`);
    if (!row) continue;
    const across = daysAcross(session.start.instant, session.end.instant, meetingZone);
    row.querySelector('td.tm')?.replaceChildren(...range(meetingClock(session.start), meetingClock(session.end), across));
    row.querySelector('td.tv')?.replaceChildren(...range(viewerClock(session.start), viewerClock(session.end), across));
  }
  for (const header of main.querySelectorAll('th.tv .zid')) header.textContent = viewerZone;
  // 2. the release history's session times
  for (const times of main.querySelectorAll('.r[data-s][data-e]')) {
    const across = daysAcross(times.dataset.s, times.dataset.e, meetingZone);
    const on = (zone) => range(clock(times.dataset.s, zone, meetingZone, locale), clock(times.dataset.e, zone, meetingZone, locale), across);
    times.replaceChildren(el('span', { class: 'tm' }, ...on(meetingZone)), el('span', { class: 'tv' }, ' · ', ...on(viewerZone)));
  }
  // 3. dates: day headings on the meeting's clock, release dates on the viewer's
  for (const time of main.querySelectorAll('time[data-f]')) {
    const ms = Date.parse(time.dataset.i ?? time.getAttribute('datetime'));
    time.textContent = formatter(time.dataset.f, time.dataset.z === 'm' ? meetingZone : viewerZone, locale).format(ms);
  }
  // 4. the notes, the picker and the notify form follow the zone
  renderNotes(viewerZone, locale, detected);
  const select = document.getElementById('tz');
  if (select) {
    if (![...select.options].some((option) => option.value === viewerZone)) select.prepend(new Option(viewerZone));
    select.value = viewerZone;
  }
  const notify = document.getElementById('notify');
  if (notify) {
    notify.elements.timeZone.value = viewerZone;
    notify.elements.locale.value = locale;
    document.getElementById('notify-intro')?.replaceChildren(...message('client.notify.intro', { zone: bdi(viewerZone) }));
  }
  main.classList.toggle('same', viewerZone === meetingZone);
  main.dataset.vz = viewerZone;
  main.dataset.rendered = `${viewerZone} ${locale}`;
  return true;
};

/** The locale to format in: the browser's when it speaks the page's language (and none was chosen), else the page's. */
const pickLocale = () => {
  if ('langChosen' in main.dataset || main.dataset.lang === 'zh') return main.dataset.locale;
  try {
    const browser = new Intl.Locale(navigator.language);
    return browser.language === main.dataset.lang ? browser.toString() : main.dataset.locale;
  } catch {
    return main.dataset.locale;
  }
};

/** The picker changes the zone in place; the URL and the language links keep the choice. */
const enhancePicker = (locale) => {
  const picker = document.querySelector('form.picker');
  const select = document.getElementById('tz');
  if (!picker || !select) return;
  picker.addEventListener('submit', async (event) => {
    event.preventDefault();
    const zone = select.value;
    if (!(await render(zone, locale, false))) return picker.submit();
    const url = new URL(location.href);
    url.searchParams.set('tz', zone);
    history.replaceState(null, '', url);
    for (const link of document.querySelectorAll('nav a[hreflang]')) {
      const target = new URL(link.href);
      target.searchParams.set('tz', zone);
      link.href = `${target.pathname}${target.search}`;
    }
  });
};

/** The "notify me" form: sent as JSON to the notify service, its outcome said in place. */
const enhanceNotify = () => {
  const form = document.getElementById('notify');
  const status = document.getElementById('notify-status');
  if (!form || !status) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const address = form.elements.address.value.trim();
    status.replaceChildren(...message('client.notify.sending'));
    const body = { meetingId: form.elements.meetingId.value, timeZone: form.elements.timeZone.value, locale: form.elements.locale.value, channel: { type: 'email', address } };
    try {
      // Only the headers notify allows across origins (CORS): another one, and the browser sends nothing.
      const response = await fetch(form.dataset.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.ok) {
        status.replaceChildren(...message('client.notify.sent', { address: bdi(address) }));
        form.elements.address.value = '';
        return;
      }
      const problem = await response.json().catch(() => ({}));
      status.replaceChildren(...message('client.notify.failed', { reason: bdi(problem.detail ?? problem.title ?? `HTTP ${response.status}`) }));
    } catch {
      status.replaceChildren(...message('client.notify.unreachable'));
    }
  });
};

if (main) {
  const locale = pickLocale();
  const chosen = 'tzChosen' in main.dataset;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = chosen || !browserZone ? main.dataset.vz : browserZone;
  enhancePicker(locale);
  enhanceNotify();
  render(zone, locale, !chosen && Boolean(browserZone)).then(async (done) => {
    // a locale the API does not know: the page's own; a zone it refuses: the page stays as served
    if (!done && locale !== main.dataset.locale) await render(zone, main.dataset.locale, !chosen);
    main.dataset.ready = 'true';
  });
}
