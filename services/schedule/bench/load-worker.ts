/**
 * The load generator of the schedule benchmark, forked as a child process so that autocannon
 * spends its own core, not the server's: the parent sends one job at a time over IPC, this
 * process runs autocannon against 127.0.0.1 and answers the summary. Not a test.
 */
import autocannon from 'autocannon';

/** One request autocannon sends (the `requests` array, walked in order by each connection). */
export interface LoadRequest {
  readonly method?: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/**
 * PATCHes that flip a value on every visit. Each connection owns the targets of some groups (a
 * group is a meeting: `group % connections` names its connection), walks them in turn, and sends
 * each target `bodies[0]`, `bodies[1]`, `bodies[0]`… (the parent puts first the body that differs
 * from the target's current state). One connection has one request in flight, so the requests on
 * a target are applied in the order they were sent: each one is a real change, and no two
 * requests in flight ever touch one meeting.
 */
export interface ToggleLoad {
  readonly targets: readonly { readonly path: string; readonly group: number; readonly bodies: readonly [string, string] }[];
  readonly headers: Record<string, string>;
}

export interface LoadJob {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly requests?: readonly LoadRequest[];
  readonly toggle?: ToggleLoad;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly statusCounts: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly bytesPerRequest: number;
}

/** Gives each connection its own targets (see ToggleLoad). */
const toggleClients = (toggle: ToggleLoad, connections: number) => {
  let clients = 0;
  return (client: autocannon.Client) => {
    const index = clients++ % connections;
    const mine = toggle.targets.filter((target) => target.group % connections === index);
    if (mine.length === 0) throw new Error(`connection ${index} has no target: give at least as many groups as connections`);
    const nextBody = new Map<string, number>();
    let next = 0;
    (client as unknown as { setRequests(requests: autocannon.Request[]): void }).setRequests([
      {
        method: 'PATCH',
        setupRequest: (request) => {
          const target = mine[next++ % mine.length]!;
          const body = nextBody.get(target.path) ?? 0;
          nextBody.set(target.path, 1 - body);
          return { ...request, method: 'PATCH', path: target.path, headers: toggle.headers, body: target.bodies[body] };
        },
      },
    ]);
  };
};

const run = async (job: LoadJob): Promise<LoadResult> => {
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    requests: (job.requests ?? [{ path: '/' }]).map((request) => ({ ...request })),
    ...(job.toggle && { setupClient: toggleClients(job.toggle, job.connections) }),
  });
  const statusCounts = { '1xx': result['1xx'], '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] };
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    // Answered requests over the measured time: autocannon's per-second average drops the tail.
    requestsPerSecond: answered / (result.duration || job.durationSeconds),
    total: answered,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    bytesPerRequest: answered === 0 ? 0 : result.throughput.total / answered,
  };
};

process.on('message', (message: { id: number; job: LoadJob }) => {
  run(message.job).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: String((error as Error)?.stack ?? error) }),
  );
});
process.on('disconnect', () => process.exit(0));
