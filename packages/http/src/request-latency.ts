export interface RequestLatencyDefinition {
  readonly name: string;
  readonly help: string;
  /** upper bounds in seconds, ascending */
  readonly buckets: readonly number[];
  /** labels of every series (the registry's default labels) */
  readonly constantLabels: Readonly<Record<string, string>>;
}

interface Series {
  /** `service="schedule",method="GET",route="…",status_code="200"`, written once */
  readonly labels: string;
  /** observations per bucket, not cumulative; the last one counts those above every bound */
  readonly counts: number[];
  sum: number;
}

/**
 * Request latency by method, route and status, written as the Prometheus histogram prom-client
 * would write. prom-client's own histogram validates and hashes the label set on every
 * observation: on a 304 that was a sixth of the request. Here an observation finds its series
 * through maps keyed by values the request already holds, and text is written only when scraped.
 */
export class RequestLatencyHistogram {
  readonly #byRoute = new Map<string, Map<string, Map<number, Series>>>();
  /** in order of first observation, as prom-client lists them */
  readonly #series: Series[] = [];
  readonly #constantLabels: string;

  constructor(readonly definition: RequestLatencyDefinition) {
    this.#constantLabels = labelText(Object.entries(definition.constantLabels));
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const series = this.#seriesOf(method, route, statusCode);
    const { buckets } = this.definition;
    let bucket = 0;
    while (bucket < buckets.length && seconds > buckets[bucket]!) bucket += 1;
    series.counts[bucket]! += 1;
    series.sum += seconds;
  }

  /** The histogram in the Prometheus text format, ending with a line feed. */
  exposition(): string {
    const { name, help, buckets } = this.definition;
    const lines = [`# HELP ${name} ${help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`, `# TYPE ${name} histogram`];
    for (const series of this.#series) {
      let cumulative = 0;
      for (const [index, count] of series.counts.entries()) {
        cumulative += count;
        const bound = index < buckets.length ? String(buckets[index]) : '+Inf';
        lines.push(`${name}_bucket{le="${bound}",${series.labels}} ${cumulative}`);
      }
      lines.push(`${name}_sum{${series.labels}} ${series.sum}`, `${name}_count{${series.labels}} ${cumulative}`);
    }
    return `${lines.join('\n')}\n`;
  }

  #seriesOf(method: string, route: string, statusCode: number): Series {
    let byMethod = this.#byRoute.get(route);
    if (byMethod === undefined) this.#byRoute.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) byMethod.set(method, (byStatus = new Map()));
    let series = byStatus.get(statusCode);
    if (series === undefined) {
      const own = labelText([['method', method], ['route', route], ['status_code', String(statusCode)]]);
      const labels = this.#constantLabels === '' ? own : `${this.#constantLabels},${own}`;
      series = { labels, counts: new Array<number>(this.definition.buckets.length + 1).fill(0), sum: 0 };
      byStatus.set(statusCode, series);
      this.#series.push(series);
    }
    return series;
  }
}

const labelText = (labels: readonly (readonly [string, string])[]): string =>
  labels.map(([name, value]) => `${name}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`).join(',');
