import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { instantOf, type ExistingMeeting } from '@meridian/domain';
import { sessionUid } from '../src/index.ts';
import { foldMeeting, latest, referenceMeeting } from './fixtures/meetings.ts';
import { outputs } from './fixtures/print-outputs.ts';

const fixture = fileURLToPath(new URL('./fixtures/print-outputs.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface ChildReport {
  hostZone: string;
  outputs: Record<string, string>;
  instants: Record<string, string[][]>;
}

/** The outputs made by a fresh Node process whose host zone is `tz`. */
const underHostZone = async (tz: string): Promise<ChildReport> => {
  // tap's own loaders are not the child's business: it runs the fixture with tsx, as a user would
  const { NODE_OPTIONS: _tapLoaders, ...env } = process.env;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture], {
    cwd: packageDir,
    env: { ...env, TZ: tz },
  });
  return JSON.parse(stdout) as ChildReport;
};

/** [uid, start, end] of the sessions, from the domain's own instants. */
const expected = (meeting: ExistingMeeting, only?: string): string[][] => {
  const release = latest(meeting);
  return [...release.sessions.values()]
    .filter((session) => only === undefined || session.id === only)
    .map((session) => [
      sessionUid(meeting.id, session.id),
      instantOf(session.start, release.details.timeZone).toString(),
      instantOf(session.end, release.details.timeZone).toString(),
    ]);
};

t.test('outputs are the same bytes and read as the domain\'s instants under TZ=UTC and TZ=Pacific/Apia', async (t) => {
  const [utc, apia] = await Promise.all([underHostZone('UTC'), underHostZone('Pacific/Apia')]);
  t.equal(utc.hostZone, 'UTC', 'the first child runs in UTC');
  t.equal(apia.hostZone, 'Pacific/Apia', 'the second in Samoa (+13, across the date line)');
  const here = outputs();
  for (const name of Object.keys(here)) {
    t.equal(apia.outputs[name], utc.outputs[name], `${name}: same bytes in both zones`);
    t.equal(utc.outputs[name], here[name], `${name}: same bytes as this process`);
  }
  const instants = {
    reference: expected(referenceMeeting()),
    fold: expected(foldMeeting()),
    invitation: expected(foldMeeting(), 'from-fold'),
  };
  t.same(utc.instants, instants, 'ical.js under UTC reads the domain\'s instants');
  t.same(apia.instants, instants, 'ical.js under Pacific/Apia reads the domain\'s instants');
});
