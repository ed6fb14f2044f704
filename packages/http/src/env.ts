/** Parsers for the environment variables both services share; each reports into `problems`. */
import { isIP } from 'node:net';

/** A start-up configuration problem: the process says which variables are wrong and exits. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

export const parsePort = (value: string | undefined, fallback: number, problems: string[]): number => {
  if (blank(value)) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT: "${value}" is not a port number (0–65535)`);
    return fallback;
  }
  return port;
};

export const parseCount = (name: string, value: string | undefined, fallback: number, problems: string[]): number => {
  if (blank(value)) return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) {
    problems.push(`${name}: "${value}" is not a whole number ≥ 0`);
    return fallback;
  }
  return count;
};

export const parseBoolean = (name: string, value: string | undefined, problems: string[]): boolean => {
  if (blank(value)) return false;
  if (/^(true|1|yes)$/i.test(value.trim())) return true;
  if (/^(false|0|no)$/i.test(value.trim())) return false;
  problems.push(`${name}: "${value}" is not true or false`);
  return false;
};

/** An absolute http(s) URL without trailing slash, or null when unset. */
export const parseBaseUrl = (name: string, value: string | undefined, problems: string[]): string | null => {
  if (blank(value)) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.toString().replace(/\/+$/, '');
  } catch {
    problems.push(`${name}: "${value}" is not an absolute http(s) URL`);
    return null;
  }
};

/** `MERIDIAN_SECRET`: at least 32 characters, or null when unset. */
export const parseSecret = (value: string | undefined, problems: string[]): string | null => {
  if (blank(value)) return null;
  if (value.trim().length < 32) problems.push('MERIDIAN_SECRET: must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  return value.trim();
};

/**
 * `MERIDIAN_API_TOKENS`: `organiser=token,organiser2=token2`, split at the first `=` (tokens may
 * contain `=`).
 *
 * @example
 * parseTokens('ohchr=0123456789abcdef==', []).get('0123456789abcdef==') //=> 'ohchr'
 */
export const parseTokens = (value: string | undefined, problems: string[]): Map<string, string> => {
  const byToken = new Map<string, string>();
  if (blank(value)) return byToken;
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    const organiser = entry.slice(0, Math.max(at, 0)).trim();
    const token = at < 0 ? '' : entry.slice(at + 1).trim();
    if (organiser === '' || token === '') {
      problems.push('MERIDIAN_API_TOKENS: every entry must be organiser=token');
    } else if (token.length < 16) {
      problems.push(`MERIDIAN_API_TOKENS: the token of "${organiser}" must be at least 16 characters`);
    } else if (byToken.has(token)) {
      problems.push('MERIDIAN_API_TOKENS: two organisers share one token');
    } else {
      byToken.set(token, organiser);
    }
  }
  return byToken;
};

/**
 * `MERIDIAN_TRUST_PROXY`: the addresses or CIDR ranges of the reverse proxies whose
 * `X-Forwarded-For` names the client, or null (unset: the socket's peer is the client). `true` is
 * refused: trusting any peer lets every client forge its address, and so its rate limit.
 *
 * @example
 * parseTrustedProxies('10.0.0.0/8, 127.0.0.1', []) //=> ['10.0.0.0/8', '127.0.0.1']
 */
export const parseTrustedProxies = (value: string | undefined, problems: string[]): string[] | null => {
  if (blank(value)) return null;
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isAddressOrRange(entry));
  if (wrong.length > 0) {
    problems.push(`MERIDIAN_TRUST_PROXY: ${wrong.map((entry) => `"${entry}"`).join(', ')} is not an IP address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1)`);
    return null;
  }
  return entries;
};

const isAddressOrRange = (entry: string): boolean => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
};

/** pino's levels: anything else makes the logger throw at start-up, with a stack trace instead of a message. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const parseLogLevel = (value: string | undefined, problems: string[]): string => {
  if (blank(value)) return 'info';
  const level = value.trim().toLowerCase();
  if (LOG_LEVELS.includes(level)) return level;
  problems.push(`LOG_LEVEL: "${value}" is not one of ${LOG_LEVELS.join(', ')}`);
  return 'info';
};
