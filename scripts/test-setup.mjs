#!/usr/bin/env node
// What the test suite needs beyond node_modules, installed by the test command itself so that a
// fresh machine with only Node 20 and corepack runs it: Debian's Chromium (the agenda page's
// browser tests; never a downloaded browser), fonts for Arabic and Chinese, and Python's
// icalendar (an independent parser of our feeds). Already installed packages are left alone.
import { execFileSync, spawnSync } from 'node:child_process';

const PACKAGES = ['chromium', 'fonts-noto-core', 'fonts-noto-cjk', 'python3-icalendar'];

const installed = (name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed');
const missing = PACKAGES.filter((name) => !installed(name));
if (missing.length === 0) {
  console.log(`# test setup: ${PACKAGES.join(', ')} present`);
  process.exit(0);
}
if (process.getuid?.() !== 0) {
  console.error(`# test setup: missing ${missing.join(', ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`# test setup: installing ${missing.join(', ')} from Debian's packages`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
