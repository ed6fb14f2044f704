import t from 'tap';
import { OHCHR_TOKEN, startApp, UCLG_TOKEN, type TestApp } from './support/app.ts';
import { addSession, assertProblem, createMeeting, release } from './support/http.ts';

interface Page {
  meetings: { id: string; title: string; draft: boolean; status: string; releasedVersion: number | null }[];
  next: string | null;
}

const list = async (test: TestApp, token: string | null, query = ''): Promise<Page> => {
  const response = await test.as(token, { method: 'GET', url: `/meetings${query}` });
  if (response.statusCode !== 200) throw new Error(`GET /meetings${query}: ${response.statusCode} ${response.body}`);
  return response.json() as Page;
};

/** Every page of the list, following `next`, as the titles of each page. */
const allPages = async (test: TestApp, token: string | null, limit: number): Promise<string[][]> => {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const page = await list(test, token, query);
    pages.push(page.meetings.map((meeting) => meeting.title));
    cursor = page.next;
  } while (cursor !== null && pages.length < 20);
  return pages;
};

t.test('GET /meetings', async (t) => {
  const test = await startApp(t);
  const ids: Record<string, string> = {};
  // created a minute apart, in this order
  const plan: [string, string, 'published' | 'draft' | 'cancelled'][] = [
    ['m1', OHCHR_TOKEN, 'published'],
    ['m2', OHCHR_TOKEN, 'draft'],
    ['m3', UCLG_TOKEN, 'published'],
    ['m4', UCLG_TOKEN, 'draft'],
    ['m5', OHCHR_TOKEN, 'published'],
    ['m6', OHCHR_TOKEN, 'published'],
    ['m7', OHCHR_TOKEN, 'draft'],
    ['m8', OHCHR_TOKEN, 'cancelled'],
  ];
  for (const [title, token, state] of plan) {
    test.clock.advance({ minutes: 1 });
    const meeting = await createMeeting(t, test, { title }, token);
    ids[title] = meeting.id;
    if (title === 'm1') t.equal((await addSession(test, meeting.id, { title: 'Opening', start: '2025-11-26T09:00', end: '2025-11-26T09:20' }, token)).statusCode, 201);
    if (state !== 'draft') t.equal((await release(test, meeting.id, {}, token)).statusCode, 201);
    if (state === 'cancelled') t.equal((await test.as(token, { method: 'POST', url: `/meetings/${meeting.id}/cancel`, payload: {} })).statusCode, 200);
  }

  t.test('anonymously: published meetings only, oldest first, a page at a time', async (t) => {
    t.same(await allPages(test, null, 2), [['m1', 'm3'], ['m5', 'm6'], ['m8']]);
    const whole = await list(test, null);
    t.equal(whole.next, null, 'one page under the default limit of 20');
    t.same(whole.meetings.map((meeting) => meeting.title), ['m1', 'm3', 'm5', 'm6', 'm8']);
  });

  t.test('a token that is not an organiser\'s is a 401, not an anonymous reader', async (t) => {
    const response = await test.as('mistyped-token-0123456789', { method: 'GET', url: '/meetings' });
    await assertProblem(t, test, response, { status: 401, code: 'unauthorized' });
  });

  t.test('a summary says what a list needs', async (t) => {
    const { meetings } = await list(test, null);
    t.same(meetings[0], {
      id: ids.m1,
      title: 'm1',
      timeZone: 'Europe/Zurich',
      status: 'active',
      releasedVersion: 1,
      firstSessionStart: '2025-11-26T08:00:00Z',
      draft: false,
      links: {
        agenda: `https://meridian.test/meetings/${ids.m1}/agenda`,
        calendar: `https://meridian.test/meetings/${ids.m1}/calendar.ics`,
        webcal: `webcal://meridian.test/meetings/${ids.m1}/calendar.ics`,
        page: `https://meridian.test/m/${ids.m1}`,
      },
    });
    t.match(meetings.at(-1), { title: 'm8', status: 'cancelled', releasedVersion: 2, firstSessionStart: null, draft: false });
  });

  t.test('with a token, also that organiser\'s drafts, and no one else\'s', async (t) => {
    t.same(await allPages(test, OHCHR_TOKEN, 3), [['m1', 'm2', 'm3'], ['m5', 'm6', 'm7'], ['m8']]);
    t.same(await allPages(test, UCLG_TOKEN, 3), [['m1', 'm3', 'm4'], ['m5', 'm6', 'm8']]);
    const drafts = (await list(test, OHCHR_TOKEN)).meetings.filter((meeting) => meeting.draft);
    t.same(drafts.map((meeting) => [meeting.title, meeting.releasedVersion]), [['m2', null], ['m7', null]]);
  });

  t.test('a page that exactly ends the list says there is no next one', async (t) => {
    const page = await list(test, null, '?limit=5');
    t.equal(page.meetings.length, 5);
    t.equal(page.next, null);
  });

  t.test('a cursor keeps its place while meetings are added', async (t) => {
    const first = await list(test, null, '?limit=2');
    test.clock.advance({ minutes: 1 });
    const late = await createMeeting(t, test, { title: 'm9' });
    t.equal((await release(test, late.id, {})).statusCode, 201);
    const second = await list(test, null, `?limit=2&cursor=${encodeURIComponent(first.next!)}`);
    t.same(second.meetings.map((meeting) => meeting.title), ['m5', 'm6']);
    const third = await list(test, null, `?limit=2&cursor=${encodeURIComponent(second.next!)}`);
    t.same(third.meetings.map((meeting) => meeting.title), ['m8', 'm9']);
    t.equal(third.next, null);
  });

  t.test('meetings created at the same instant are each listed once', async (t) => {
    for (const title of ['same-a', 'same-b', 'same-c']) await createMeeting(t, test, { title }, UCLG_TOKEN);
    const titles = (await allPages(test, UCLG_TOKEN, 1)).flat();
    t.equal(titles.length, new Set(titles).size, 'no duplicates');
    t.same(titles.filter((title) => title.startsWith('same-')).sort(), ['same-a', 'same-b', 'same-c']);
  });

  t.test('the public list shows what was released, not unreleased draft edits', async (t) => {
    const renamed = await test.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${ids.m1}`, payload: { title: 'm1 (secret new title)' } });
    t.equal(renamed.statusCode, 200);
    const moved = await addSession(test, ids.m1!, { title: 'Unreleased early session', start: '2025-11-20T09:00', end: '2025-11-20T10:00' });
    t.equal(moved.statusCode, 201);
    const summary = (await list(test, null)).meetings.find((meeting) => meeting.id === ids.m1) as Record<string, unknown> | undefined;
    t.equal(summary?.title, 'm1', 'the released title');
    t.equal(summary?.firstSessionStart, '2025-11-26T08:00:00Z', 'the released first session');
  });

  t.test('a cursor the service did not write is a 400', async (t) => {
    for (const cursor of ['garbage!!', 'bm90IGpzb24', Buffer.from('{"a":1}').toString('base64url')]) {
      await assertProblem(t, test, await test.app.inject({ method: 'GET', url: `/meetings?cursor=${encodeURIComponent(cursor)}` }), {
        status: 400,
        code: 'invalid-input',
        field: 'cursor',
        detail: 'cursor: is not a cursor this service wrote; start again without it',
      });
    }
    await assertProblem(t, test, await test.app.inject({ method: 'GET', url: `/meetings?cursor=${'x'.repeat(501)}` }), { status: 400, code: 'invalid-request' });
  });

  t.test('a limit outside 1..100 is a 400', async (t) => {
    for (const limit of ['0', '101', '-1', '2.5']) {
      await assertProblem(t, test, await test.app.inject({ method: 'GET', url: `/meetings?limit=${limit}` }), { status: 400, code: 'invalid-request' });
    }
    t.equal((await list(test, null, '?limit=100')).meetings.length, 6);
  });
});

t.test('meetings created within one second are listed in the order they were created, and paging skips none', async (t) => {
  const test = await startApp(t);
  // Written as instants are ('…:00Z', '…:00.5Z', '…:00.25Z'): their texts do not sort as their instants.
  for (const [title, after] of [['whole second', 0], ['half a second later', 500], ['a quarter later still', 250]] as const) {
    test.clock.advance({ milliseconds: after });
    const meeting = await createMeeting(t, test, { title });
    t.equal((await release(test, meeting.id, {})).statusCode, 201);
  }
  t.same(await allPages(test, null, 1), [['whole second'], ['half a second later'], ['a quarter later still']]);
});

t.test('a meeting\'s history and its releases come a page at a time, oldest first', async (t) => {
  const test = await startApp(t);
  const meeting = await createMeeting(t, test);
  for (const hour of [9, 10, 11]) {
    t.equal((await addSession(test, meeting.id, { title: `At ${hour}`, start: `2025-11-26T${String(hour).padStart(2, '0')}:00`, end: `2025-11-26T${String(hour).padStart(2, '0')}:30` })).statusCode, 201);
    t.equal((await release(test, meeting.id, { label: `Rev.${hour - 8}` })).statusCode, 201);
  }
  const pagesOf = async (path: string, limit: number, itemsOf: (body: Record<string, unknown>) => unknown[]) => {
    const pages: unknown[][] = [];
    let cursor: string | null = null;
    do {
      const response = await test.as(OHCHR_TOKEN, { method: 'GET', url: `${path}?limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}` });
      t.equal(response.statusCode, 200, response.body);
      const body = response.json() as Record<string, unknown> & { next: string | null };
      pages.push(itemsOf(body));
      cursor = body.next;
    } while (cursor !== null && pages.length < 10);
    return pages;
  };
  const revisions = (body: Record<string, unknown>) => (body.events as { revision: number }[]).map((event) => event.revision);
  t.same(await pagesOf(`/meetings/${meeting.id}/history`, 3, revisions), [[1, 2, 3], [4, 5, 6], [7]]);
  t.same(await pagesOf(`/meetings/${meeting.id}/history`, 7, revisions), [[1, 2, 3, 4, 5, 6, 7]], 'a page that holds the rest is the last');
  const versions = (body: Record<string, unknown>) => (body.releases as { version: number }[]).map((release) => release.version);
  t.same(await pagesOf(`/meetings/${meeting.id}/releases`, 2, versions), [[1, 2], [3]]);

  const forged = await test.as(OHCHR_TOKEN, { method: 'GET', url: `/meetings/${meeting.id}/history?cursor=${Buffer.from('["x"]').toString('base64url')}` });
  await assertProblem(t, test, forged, { status: 400, code: 'invalid-input' });
});
