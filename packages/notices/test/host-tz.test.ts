/**
 * The host's time zone changes nothing: the same notices, byte for byte, under TZ=UTC and
 * TZ=Pacific/Apia (+13, across the date line), and equal to this process's own.
 */
import t from 'tap';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { notices } from './fixtures/host-tz-notices.ts';

t.setTimeout(120_000);

const run = promisify(execFile);
const script = fileURLToPath(new URL('./fixtures/host-tz-notices.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const underHostZone = async (tz: string) => {
  // only PATH and TZ: nothing of the test runner's environment leaks in
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
    cwd: packageDir,
    env: { PATH: process.env['PATH'] ?? '', TZ: tz },
    maxBuffer: 64 * 1024 * 1024,
  });
  const newline = stdout.indexOf('\n');
  return { host: stdout.slice(0, newline), notices: stdout.slice(newline + 1).trimEnd() };
};

t.test('notices are the same whatever the host’s zone', async (t) => {
  const [utc, apia] = await Promise.all([underHostZone('UTC'), underHostZone('Pacific/Apia')]);
  t.equal(utc.host, 'UTC');
  t.equal(apia.host, 'Pacific/Apia');
  const own = notices();
  t.ok(own.length > 100_000, `the notices cover a broad set (${own.length} characters)`);
  t.ok(utc.notices === own, 'under TZ=UTC, byte for byte');
  t.ok(apia.notices === own, 'under TZ=Pacific/Apia, byte for byte');
});
