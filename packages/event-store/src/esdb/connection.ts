/**
 * EventStoreDB connection strings, checked before the client sees them.
 *
 * The client parses `esdb://` and `esdb+discover://` itself, but leniently: an unknown key or a
 * misspelt one is a console warning, `tlsVerifyCert=false` is accepted and does nothing, a CA
 * file on an insecure connection is ignored. A service that starts anyway and then cannot reach
 * its store is worse than one that refuses to start, so this module reads the string the same
 * way (the tests hold the two parsers side by side) and refuses what the client would get wrong.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidStoreUrlError } from '../errors.ts';
import { redactConnectionString } from '../redact-credentials.ts';

export interface EsdbEndpoint {
  readonly address: string;
  readonly port: number;
}

/** What a connection string asks for. */
export interface EsdbConnection {
  /** `esdb+discover://`: the one host is a DNS name whose records list the cluster's nodes */
  readonly discover: boolean;
  /** the gossip seeds (`esdb://a:2113,b:2113,c:2113`) or the one DNS name to discover from */
  readonly hosts: readonly EsdbEndpoint[];
  /** TLS is on unless the string says `tls=false` (the client's default) */
  readonly tls: boolean;
  /** the CA bundle to trust, resolved from the working directory as the client resolves it */
  readonly tlsCAFile?: string;
  readonly username?: string;
  /** every option, by the client's own spelling of its key */
  readonly options: Readonly<Record<string, string>>;
  /** the string with the password replaced, for logs and error messages */
  readonly redacted: string;
}

/** Options of {@link parseEsdbConnectionString}. */
export interface ParseEsdbConnectionOptions {
  /** where a relative `tlsCAFile` is taken from (default `process.cwd()`, as the client does) */
  readonly cwd?: string;
  /**
   * whether the files the string names must exist here (default true); false to check a
   * connection string meant for another machine (a container, a pod) without its files
   */
  readonly checkFiles?: boolean;
}

const KEYS = [
  'userCertFile',
  'userKeyFile',
  'maxDiscoverAttempts',
  'connectionName',
  'defaultDeadline',
  'discoveryInterval',
  'gossipTimeout',
  'nodePreference',
  'tls',
  'tlsVerifyCert',
  'tlsCAFile',
  'throwOnAppendFailure',
  'keepAliveInterval',
  'keepAliveTimeout',
] as const;
type Key = (typeof KEYS)[number];
// The client matches keys without case, dashes or underscores: `tls_ca_file` is `tlsCAFile`.
const flat = (key: string) => key.trim().toLowerCase().replace(/[_-]/g, '');
const KEY_BY_FLAT = new Map<string, Key>(KEYS.map((key) => [flat(key), key]));
const BOOLEAN_KEYS = new Set<Key>(['tls', 'tlsVerifyCert', 'throwOnAppendFailure']);
const INTEGER_KEYS = new Set<Key>(['maxDiscoverAttempts', 'defaultDeadline', 'discoveryInterval', 'gossipTimeout', 'keepAliveInterval', 'keepAliveTimeout']);
const NODE_PREFERENCES = new Set(['leader', 'follower', 'random', 'readonlyreplica']);

// The credentials run to the LAST `@`, so that a password holding an unencoded `/ ? @` is caught
// by `credentials` (and refused) instead of being read as the hosts or the query.
const SHAPE = /^(?<scheme>esdb|esdb\+discover):\/\/(?:(?<credentials>.*)@)?(?<hosts>[^/?@]*)\/?(?:\?(?<query>.*))?$/s;

/**
 * Reads an EventStoreDB connection string, refusing with an InvalidStoreUrlError what the client
 * would misread or silently ignore.
 *
 * @example
 * parseEsdbConnectionString('esdb://a:2113,b:2113,c:2113?tls=true&tlsCAFile=/certs/ca/ca.crt')
 * //=> { discover: false, hosts: [{ address: 'a', port: 2113 }, …], tls: true, tlsCAFile: '/certs/ca/ca.crt', … }
 * parseEsdbConnectionString('esdb+discover://cluster.example.org') //=> { discover: true, tls: true, … }
 */
export function parseEsdbConnectionString(connectionString: string, parseOptions: ParseEsdbConnectionOptions = {}): EsdbConnection {
  const url = connectionString.trim();
  const refuse = (reason: string): never => {
    throw new InvalidStoreUrlError(url, reason);
  };
  const shape = SHAPE.exec(url)?.groups;
  if (!shape) return refuse('expected esdb://[user:password@]host[:port][,host[:port]…][?key=value&…] or esdb+discover://…');
  const username = shape.credentials === undefined ? undefined : credentials(shape.credentials, refuse);
  const discover = shape.scheme === 'esdb+discover';
  const hosts = (shape.hosts ?? '').split(',').map((host) => endpoint(host, refuse));
  if (discover && hosts.length !== 1) refuse('esdb+discover:// takes exactly one DNS name to discover the cluster from');

  const options = query(shape.query, refuse);
  const tls = options.tls !== 'false';
  if (options.tlsVerifyCert === 'false') {
    refuse('tlsVerifyCert=false has no effect in this client: give the cluster CA with tlsCAFile instead');
  }
  if (options.throwOnAppendFailure === 'false') refuse('the adapter relies on failed appends throwing: remove throwOnAppendFailure');
  if (options.nodePreference !== undefined && !NODE_PREFERENCES.has(flat(options.nodePreference))) {
    refuse(`nodePreference must be leader, follower, random or read_only_replica, not ${JSON.stringify(options.nodePreference)}`);
  }
  let tlsCAFile: string | undefined;
  if (options.tlsCAFile !== undefined) {
    if (!tls) refuse('tlsCAFile is ignored on an insecure connection (tls=false): drop one of them');
    tlsCAFile = resolve(parseOptions.cwd ?? process.cwd(), options.tlsCAFile);
    if (parseOptions.checkFiles !== false && !existsSync(tlsCAFile)) refuse(`tlsCAFile ${tlsCAFile} does not exist`);
  }
  if ((options.userCertFile === undefined) !== (options.userKeyFile === undefined)) {
    refuse('userCertFile and userKeyFile go together');
  }
  return {
    discover,
    hosts,
    tls,
    ...(tlsCAFile === undefined ? {} : { tlsCAFile }),
    ...(username === undefined ? {} : { username }),
    options,
    redacted: redactConnectionString(url),
  };
}

/**
 * The user name of `user:password` credentials, refusing what the client would misread: it takes
 * the password up to the first `@` and cuts it at the first `:` (`pa:ss` signs in as `pa`), and
 * it decodes both without catching a malformed `%`.
 */
function credentials(text: string, refuse: (reason: string) => never): string {
  const colon = text.indexOf(':');
  const user = colon < 0 ? text : text.slice(0, colon);
  const password = colon < 0 ? '' : text.slice(colon + 1);
  if (user === '' || password === '') refuse('credentials are written user:password@ before the hosts (an @ elsewhere as %40)');
  if (/[:/?@]/.test(user) || /[:/?@]/.test(password)) {
    refuse('percent-encode : / ? and @ in a user name or password (%3A %2F %3F %40): the client would misread them');
  }
  decoded(password, 'the password', refuse);
  return decoded(user, 'the user name', refuse);
}

/** `text` percent-decoded; a malformed `%` is refused rather than thrown as a URIError. */
function decoded(text: string, what: string, refuse: (reason: string) => never): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return refuse(`${what} is not valid percent-encoding (write % itself as %25)`);
  }
}

function endpoint(host: string, refuse: (reason: string) => never): EsdbEndpoint {
  const match = /^(?<address>[A-Za-z0-9.-]+)(?::(?<port>[0-9]{1,5}))?$/.exec(host.trim())?.groups;
  if (!match) return refuse(`${JSON.stringify(host)} is not host or host:port (the client takes no IPv6 literals)`);
  const port = Number(match.port ?? 2113);
  if (port < 1 || port > 65535) refuse(`port ${port} of ${match.address} is out of range`);
  return { address: match.address!, port };
}

function query(text: string | undefined, refuse: (reason: string) => never): Record<string, string> {
  const options: Record<string, string> = {};
  if (text === undefined || text === '') return options;
  for (const pair of text.split('&')) {
    const [rawKey = '', ...rest] = pair.split('=');
    const rawValue = rest.join('=').trim();
    const key = KEY_BY_FLAT.get(flat(rawKey));
    if (key === undefined) return refuse(`unknown option ${JSON.stringify(rawKey)} (the client would ignore it)`);
    if (rawValue === '') refuse(`option ${key} has no value`);
    if (key in options) refuse(`option ${key} is given twice`);
    const value = decoded(rawValue, `option ${key}`, refuse);
    if (BOOLEAN_KEYS.has(key) && value !== 'true' && value !== 'false') refuse(`option ${key} must be true or false`);
    if (INTEGER_KEYS.has(key) && !/^[0-9]+$/.test(value)) refuse(`option ${key} must be a whole number`);
    options[key] = value;
  }
  return options;
}
