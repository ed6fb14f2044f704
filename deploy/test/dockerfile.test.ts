/**
 * deploy/Dockerfile: the stages and instructions the images rely on, and its HEALTHCHECK command
 * run for real against a server answering /healthz. (No Docker engine here nor in CI: the image
 * itself is not built; deploy/README.md says how the build was checked without one.)
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import t from 'tap';
import { readText } from './support/files.ts';

const dockerfile = readText('Dockerfile');
/** The instructions, continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions.reduce<string[][]>((all, line) => {
  if (line.startsWith('FROM ')) all.push([]);
  all.at(-1)?.push(line);
  return all;
}, []);

t.test('two stages: a build with pnpm deploy, a slim runtime as the node user', async (t) => {
  t.equal(stages.length, 2);
  const [build = [], runtime = []] = stages;
  t.match(build[0], /^FROM \$\{NODE_IMAGE\} AS build$/);
  t.match(runtime[0], /^FROM \$\{NODE_IMAGE\} AS runtime$/);
  t.ok(instructions.includes('ARG NODE_IMAGE=node:20-bookworm-slim'), 'Node 20, Debian slim');
  t.ok(build.includes('RUN corepack enable'), 'pnpm through corepack, as pinned by packageManager');
  t.ok(build.includes('RUN pnpm install --offline --frozen-lockfile'), 'the lockfile as committed');
  t.ok(build.includes('RUN pnpm --filter "./services/${SERVICE}" deploy --prod --legacy /out'), 'pnpm 10 needs --legacy here');
  t.ok(runtime.includes('COPY --from=build /out /app'));
  t.ok(runtime.includes('USER node'), 'never root');
  t.ok(runtime.indexOf('USER node') > runtime.findIndex((line) => line.startsWith('RUN ')), 'after the last RUN');
  t.ok(runtime.includes('CMD ["node", "--import", "tsx", "src/main.ts"]'), 'the service as its package starts it');
  t.match(runtime.find((line) => line.startsWith('ENV ')), /HOST=0\.0\.0\.0/);
  // notify's own SQLite file: on /data (writable by node, where a volume goes), never /app/data.
  t.match(runtime.find((line) => line.startsWith('ENV ')), /MERIDIAN_NOTIFY_DB=\/data\/notify\.db/);
  t.ok(runtime.includes('RUN mkdir -p /data && chown node:node /data'), '/data belongs to the node user');
  t.notMatch(instructions.join('\n'), /\bcurl\b|\bwget\b/, 'nothing the slim image lacks');
});

t.test('the build context leaves node_modules, git and the operator\'s secrets behind', async (t) => {
  const ignored = readText('Dockerfile.dockerignore').split('\n');
  for (const pattern of ['**/node_modules', '.git', 'data', '**/.env']) t.ok(ignored.includes(pattern), pattern);
});

const healthcheck = (() => {
  const line = stages[1]?.find((instruction) => instruction.startsWith('HEALTHCHECK '));
  const json = line?.slice(line.indexOf('CMD ') + 4);
  return JSON.parse(json ?? 'null') as string[];
})();

async function serving(status: number): Promise<{ port: number; server: Server; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.statusCode = request.url === '/healthz' ? status : 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server, paths };
}

const run = async (port: number) => {
  const [command, ...args] = healthcheck;
  t.equal(command, 'node', 'the health check runs on node');
  try {
    await promisify(execFile)(process.execPath, args, { env: { ...process.env, PORT: String(port) }, timeout: 10_000 });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
};

t.test('the HEALTHCHECK asks /healthz on PORT and reports its answer', async (t) => {
  const healthy = await serving(200);
  t.teardown(() => healthy.server.close());
  t.equal(await run(healthy.port), 0, 'healthy: exit 0');
  t.same(healthy.paths, ['/healthz']);
  const sick = await serving(503);
  t.teardown(() => sick.server.close());
  t.equal(await run(sick.port), 1, 'a 503: exit 1');
  const closed = await serving(200);
  await new Promise((resolve) => closed.server.close(resolve));
  t.equal(await run(closed.port), 1, 'nothing listening: exit 1');
});
