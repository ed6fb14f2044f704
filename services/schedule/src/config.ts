import { resolveFromRepoRoot } from '@meridian/event-store';
import { ConfigError, parseBaseUrl, parseServiceConfig, type Env, type ServiceConfig } from '@meridian/http';

/** Everything the schedule service reads from its environment, validated once at start-up. */
export interface ScheduleConfig extends ServiceConfig {
  /** where the agenda page's "notify me" form posts, when a notify service runs */
  readonly notifyUrl: string | null;
  /** the read models' local snapshot (`MERIDIAN_SNAPSHOT_FILE`), to start without replaying everything; null: none */
  readonly snapshotFile: string | null;
}

export const DEFAULT_PORT = 3000;

/**
 * Reads and validates the environment; every problem is reported at once.
 *
 * @example
 * loadScheduleConfig({ MERIDIAN_API_TOKENS: 'ohchr=0123456789abcdef' }, randomSecret).organisersByToken.get('0123456789abcdef')
 * //=> 'ohchr'
 */
export const loadScheduleConfig = (env: Env, randomSecret: () => string): ScheduleConfig => {
  const problems: string[] = [];
  const config = {
    ...parseServiceConfig(env, { defaultPort: DEFAULT_PORT, randomSecret }, problems),
    notifyUrl: parseBaseUrl('MERIDIAN_NOTIFY_URL', env.MERIDIAN_NOTIFY_URL, problems),
    snapshotFile: env.MERIDIAN_SNAPSHOT_FILE?.trim() ? resolveFromRepoRoot(env.MERIDIAN_SNAPSHOT_FILE.trim()) : null,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};
