#!/usr/bin/env node
// The one test command: type-check the whole workspace, then run every tap test of every package
// (and the time rules a second time under another host zone), then print the plain closing line CI reads ("N passed, N failed"): tap's own summary is not read.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Runs a command with its output shown and kept; resolves with its exit code and output. */
const run = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });

let passed = 0;
let failed = 0;

const setupSteps = process.argv.includes('--no-setup') ? [] : ['scripts/test-setup.mjs'];
for (const step of setupSteps) {
  const { code } = await run(process.execPath, [join(root, step)]);
  if (code !== 0) failed += 1;
}

console.log('# type-check: tsc -p tsconfig.json');
const typecheck = await run(bin('tsc'), ['-p', 'tsconfig.json']);
if (typecheck.code === 0) passed += 1;
else failed += 1;

const tapArgs = process.argv.slice(2).filter((arg) => arg !== '--no-setup');
// The time rules once more under a host zone far from UTC, on the other side of the date line
// (DESIGN.md: results must not depend on the host's zone); only in a full run.
const passes = [{ args: tapArgs, env: process.env }];
if (tapArgs.length === 0) {
  passes.push({ args: ['packages/domain/test/time', 'packages/domain/test/meeting'], env: { ...process.env, TZ: 'Pacific/Apia' } });
}
for (const pass of passes) {
  if (pass.env.TZ !== process.env.TZ) console.log(`# tap again under TZ=${pass.env.TZ}: ${pass.args.join(' ')}`);
  const tap = await run(bin('tap'), pass.args, { env: pass.env });
  // tap's closing summary looks like "# { total: 45, pass: 44, fail: 1, skip: 0 }"
  const summary = [...tap.output.matchAll(/^# \{ total: (\d+)(.*)\}$/gm)].at(-1);
  if (summary === undefined) {
    failed += 1;
    continue;
  }
  const count = (name) => Number(new RegExp(`${name}: (\\d+)`).exec(summary[2])?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail');
  if (tap.code !== 0 && count('fail') === 0) failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
