import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InvalidStoreUrlError } from './errors.ts';
import { parseEsdbConnectionString } from './esdb/connection.ts';

/** Which store a `MERIDIAN_STORE` value names. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string };

/** Options of {@link parseStoreUrl}. */
export interface ParseStoreUrlOptions {
  /** where the search for the repository root starts (default `process.cwd()`) */
  readonly cwd?: string;
}

/**
 * Parses a `MERIDIAN_STORE` value.
 *
 * - undefined or empty: `data/meridian.db` at the repository root;
 * - `sqlite:<path>`: that file; a relative path is taken from the repository root (or from
 *   `cwd` outside a repository), because pnpm starts each service in its own package folder and
 *   both must open the same file, and is taken as written; `sqlite:///abs/path` is accepted as
 *   well, a URL whose path is %-decoded (`sqlite:///srv/my%20data/events.db`);
 * - `esdb://…` and `esdb+discover://…`: an EventStoreDB connection string, checked here (see
 *   `parseEsdbConnectionString`) so that a bad one is a configuration error at start-up, and
 *   passed on as it is.
 *
 * @example
 * parseStoreUrl('sqlite:/var/lib/meridian/events.db') //=> { kind: 'sqlite', path: '/var/lib/meridian/events.db' }
 * parseStoreUrl('esdb://localhost:2113?tls=false') //=> { kind: 'esdb', connectionString: 'esdb://localhost:2113?tls=false' }
 */
export function parseStoreUrl(url: string | undefined, options: ParseStoreUrlOptions = {}): StoreLocation {
  if (url === undefined || url.trim() === '') return { kind: 'sqlite', path: resolveFromRepoRoot(join('data', 'meridian.db'), options.cwd) };
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) {
    parseEsdbConnectionString(url);
    return { kind: 'esdb', connectionString: url };
  }
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', path: resolveFromRepoRoot(sqlitePath(url), options.cwd) };
  throw new InvalidStoreUrlError(url, 'expected sqlite:<path>, esdb://… or esdb+discover://…');
}

function sqlitePath(url: string): string {
  const rest = url.slice('sqlite:'.length);
  if (rest === ':memory:' || rest === '') {
    throw new InvalidStoreUrlError(url, 'an SQLite store needs a file path (an in-memory database cannot be shared by the services)');
  }
  if (!rest.startsWith('//')) return rest;
  // URL form: only sqlite:///absolute/path (empty host) names a local file, %-encoded as in any URL.
  if (!rest.startsWith('///')) throw new InvalidStoreUrlError(url, 'write sqlite:/absolute/path or sqlite:relative/path (no host)');
  try {
    return decodeURIComponent(rest.slice(2));
  } catch {
    throw new InvalidStoreUrlError(url, 'a broken %-encoding in the path');
  }
}

/**
 * A file path as every setting of the services reads it: a relative one from the repository root
 * (where `pnpm start` keeps `data/`, whichever service's folder runs), or from `cwd` outside a
 * checkout (an image built with `pnpm deploy`).
 *
 * @example
 * resolveFromRepoRoot('data/notify.db', '/work/main/services/notify') //=> '/work/main/data/notify.db'
 */
export function resolveFromRepoRoot(path: string, cwd?: string): string {
  return resolve(findRepoRoot(cwd) ?? cwd ?? process.cwd(), path);
}

/**
 * The nearest directory at or above `from` that holds `pnpm-workspace.yaml`, or undefined.
 *
 * @example
 * findRepoRoot('/work/main/services/schedule') //=> '/work/main'
 */
export function findRepoRoot(from: string = process.cwd()): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
