import type { FastifyInstance } from 'fastify';
import type { LoadClient, LoadJob, LoadResult } from './load-client.ts';
import { median, note, printFigure } from './stats.ts';

/** A figure: a subject and the baseline it is compared with, measured in the same rounds. */
export interface Pair {
  readonly id: string;
  readonly unit: string;
  readonly baselineName: string;
  readonly subject: (seconds: number) => Promise<LoadResult>;
  /** its own baseline, or the id of an earlier pair whose baseline samples (same rounds) it reuses */
  readonly baseline: ((seconds: number) => Promise<LoadResult>) | string;
  /** printed as a `#` line: context, not a figure */
  readonly diagnostic?: boolean;
}

export interface Harness {
  /** Runs a job once the servers are idle, and insists on the statuses it must answer with. */
  measure(name: string, job: LoadJob, expect: '2xx' | '3xx'): Promise<LoadResult>;
  /** Waits until the servers have closed the load's connections and this event loop is free. */
  settle(): Promise<void>;
  /**
   * `rounds` rounds of every pair, subject and baseline back to back, the order alternating
   * round by round; prints the per-round samples, then each figure as the median of its rounds.
   */
  runPairs(pairs: readonly Pair[], rounds: number, seconds: number): Promise<void>;
}

const openConnections = (app: FastifyInstance) =>
  new Promise<number>((resolve) => app.server.getConnections((error, count) => resolve(error ? 0 : count)));

export const createHarness = (load: LoadClient, servers: () => readonly FastifyInstance[]): Harness => {
  // Requests a run left queued (an agenda request costs tens of milliseconds) must not be served
  // during the next run: wait for every connection to close and for the loop to answer at once.
  const settle = async () => {
    const deadline = Date.now() + 30_000;
    for (let quiet = 0; quiet < 3 && Date.now() < deadline; ) {
      const open = (await Promise.all(servers().map(openConnections))).reduce((a, b) => a + b, 0);
      const before = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      quiet = open === 0 && performance.now() - before < 15 ? quiet + 1 : 0;
    }
  };

  const measure = async (name: string, job: LoadJob, expect: '2xx' | '3xx') => {
    await settle();
    const result = await load.run(job);
    const wrong = Object.entries(result.statusCounts).filter(([status, count]) => status !== expect && count > 0);
    if (wrong.length > 0 || result.errors > 0 || result.timeouts > 0) {
      throw new Error(`${name}: expected only ${expect}, got ${JSON.stringify(result.statusCounts)}, ${result.errors} errors, ${result.timeouts} timeouts`);
    }
    return result;
  };

  const runPairs = async (pairs: readonly Pair[], rounds: number, seconds: number) => {
    const samples = new Map(pairs.map((pair) => [pair.id, { subject: [] as number[], baseline: [] as number[], p99: [] as number[] }]));
    for (let round = 0; round < rounds; round += 1) {
      for (const pair of pairs) {
        const sample = samples.get(pair.id)!;
        let subject: LoadResult;
        if (typeof pair.baseline === 'string') {
          subject = await pair.subject(seconds);
          sample.baseline.push(samples.get(pair.baseline)!.baseline[round]!);
        } else if (round % 2 === 0) {
          sample.baseline.push((await pair.baseline(seconds)).requestsPerSecond);
          subject = await pair.subject(seconds);
        } else {
          subject = await pair.subject(seconds);
          sample.baseline.push((await pair.baseline(seconds)).requestsPerSecond);
        }
        sample.subject.push(subject.requestsPerSecond);
        sample.p99.push(subject.latencyP99Ms);
      }
    }
    for (const pair of pairs) {
      const { subject, baseline, p99 } = samples.get(pair.id)!;
      const ratios = subject.map((value, index) => (value / baseline[index]!).toFixed(2));
      note(`${pair.id} rounds: subject ${subject.map(Math.round).join(' / ')} ${pair.unit}, baseline ${baseline.map(Math.round).join(' / ')} ${pair.unit}, ratios ${ratios.join(' / ')}, subject p99 ${median(p99)} ms`);
    }
    for (const pair of pairs) {
      const { subject, baseline } = samples.get(pair.id)!;
      if (pair.diagnostic) process.stdout.write('# diagnostic, not a figure: ');
      printFigure(pair.id, median(subject), pair.unit, median(baseline), pair.baselineName);
    }
  };

  return { measure, settle, runPairs };
};
