import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

// The feed and the agenda must not depend on the host's zone: the same service run under UTC and
// under Pacific/Apia (+13/+14, across the date line) gives the same instants, feed equal to agenda.
t.setTimeout(180_000);

const run = async (tz: string) => {
  const { stdout: output } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/feed-vs-agenda.ts', import.meta.url))], {
    env: { ...process.env, TZ: tz, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  const line = output.split('\n').find((candidate) => candidate.startsWith('RESULT '));
  if (line === undefined) throw new Error(`no result under ${tz}:\n${output}`);
  return JSON.parse(line.slice('RESULT '.length)) as { tz: string; rows: { sessionId: string; feed: number[]; agenda: number[]; local: string[] }[] };
};

t.test('feed instants equal the agenda\'s under TZ=UTC and TZ=Pacific/Apia', async (t) => {
  const [utc, apia] = await Promise.all([run('UTC'), run('Pacific/Apia')]);
  t.equal(utc.rows.length, 4);
  for (const result of [utc, apia]) {
    for (const row of result.rows) t.same(row.feed, row.agenda, `${result.tz}: ${row.sessionId}`);
  }
  t.same(apia.rows, utc.rows, 'identical under both host zones');
  t.same(utc.rows.find((row) => row.sessionId === 'session-2')?.local, ['2025-11-27T03:00', '2025-11-27T04:45'], 'Auckland local times');
});
