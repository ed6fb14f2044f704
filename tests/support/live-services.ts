import type { Test } from 'tap';
import { startSystem, type TestSystem } from '../../services/notify/test/support/system.ts';
import type { OpenApiDocument } from './openapi-document.ts';
import { freePort } from './free-port.ts';

export { OHCHR_TOKEN, UCLG_TOKEN } from '../../services/notify/test/support/system.ts';

export interface LiveServices {
  readonly system: TestSystem;
  /** `http://127.0.0.1:<port>` of each service, listening for real */
  readonly scheduleUrl: string;
  readonly notifyUrl: string;
}

/**
 * Both services on one fresh SQLite store (the notify service's test system: one clock, a real
 * webhook receiver on loopback, `MERIDIAN_WEBHOOK_ALLOW_PRIVATE`), each listening on 127.0.0.1 at a
 * free port, the schedule's pages pointing at the notify service there (another origin, as in
 * production). Closed and removed after the test.
 */
export const startLiveServices = async (t: Pick<Test, 'teardown'>): Promise<LiveServices> => {
  const notifyPort = await freePort();
  const system = await startSystem(t as Test, { scheduleEnv: { MERIDIAN_NOTIFY_URL: `http://127.0.0.1:${notifyPort}` } });
  const scheduleUrl = await system.schedule.listen({ port: 0, host: '127.0.0.1' });
  const notifyUrl = await system.notify.listen({ port: notifyPort, host: '127.0.0.1' });
  return { system, scheduleUrl, notifyUrl };
};

/** A running service's `/openapi.json`, over HTTP. */
export const fetchDocument = async (baseUrl: string): Promise<OpenApiDocument> => {
  const response = await fetch(`${baseUrl}/openapi.json`);
  if (!response.ok) throw new Error(`${baseUrl}/openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
};
