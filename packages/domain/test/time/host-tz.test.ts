/**
 * The host's time zone changes nothing: the same digest of wall times, resolutions, projections
 * (with their localized texts) and zone validations under TZ=UTC and TZ=Pacific/Apia (+13, on the
 * other side of the date line), byte for byte, and equal to this process's own.
 */
import t from 'tap';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { digest } from '../fixtures/host-tz-digest.ts';

// Three full digests (two children, this process) on two shared cores: more than tap's default 30 s when the machine is busy.
t.setTimeout(120_000);

const run = promisify(execFile);
const script = fileURLToPath(new URL('../fixtures/host-tz-digest.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

const underHostZone = async (tz: string): Promise<{ host: string; digest: string }> => {
  // A clean environment: only PATH and TZ, so nothing of the test runner's (NODE_OPTIONS, loaders) leaks in.
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
    cwd: packageDir,
    env: { PATH: process.env['PATH'] ?? '', TZ: tz },
    maxBuffer: 64 * 1024 * 1024,
  });
  const newline = stdout.indexOf('\n');
  return { host: stdout.slice(0, newline), digest: stdout.slice(newline + 1).trimEnd() };
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

t.test('given the host zone is UTC or Pacific/Apia, when the same inputs are resolved and projected, then the results are byte-identical', async (t) => {
  const [utc, apia] = await Promise.all([underHostZone('UTC'), underHostZone('Pacific/Apia')]);
  const own = digest();

  t.equal(utc.host, 'UTC 0', 'the first child ran in UTC (host zone, offset in minutes on 2026-01-15)');
  t.equal(apia.host, 'Pacific/Apia 780', 'the second child ran in Pacific/Apia, +13:00');
  t.ok(utc.digest.length > 100_000, `the digest covers a broad set (${utc.digest.length.toLocaleString('en-US')} bytes)`);
  t.comment(`digest sha256: UTC ${sha256(utc.digest)}, Pacific/Apia ${sha256(apia.digest)}, this process (TZ=${process.env['TZ'] ?? 'unset'}) ${sha256(own)}`);
  t.ok(utc.digest === apia.digest, 'TZ=UTC and TZ=Pacific/Apia give the same bytes');
  t.ok(utc.digest === own, 'and the same as this process');
  if (utc.digest !== apia.digest) {
    const at = [...utc.digest].findIndex((char, index) => char !== apia.digest[index]);
    t.comment(`first difference at byte ${at}: UTC …${utc.digest.slice(at - 80, at + 80)}… / Apia …${apia.digest.slice(at - 80, at + 80)}…`);
  }
});
