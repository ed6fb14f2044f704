import FindMyWay from 'find-my-way';

/** Fastify's router options for both services; the methods index below matches paths as it does. */
export const ROUTER_OPTIONS = { maxParamLength: 200, ignoreTrailingSlash: true } as const;

/**
 * The methods each route path answers, so that an unknown route can tell "no such path" (404)
 * from "not with this method" (405, which must name the methods that are: RFC 9110, 15.5.6).
 * Fastify's own router answers one method at a time, so the routes are indexed once more here
 * as they are added.
 */
export class AllowedMethods {
  private readonly router = FindMyWay(ROUTER_OPTIONS);
  private readonly methods = new Set<string>();
  private readonly added = new Set<string>();
  // A route on every path (CORS answers preflights with `OPTIONS *`) makes no path exist: its
  // methods are allowed wherever another route is.
  private readonly everywhere = new Set<string>();

  add(methods: string | readonly string[], url: string): void {
    for (const method of [methods].flat()) {
      if (url === '*' || url === '/*') {
        this.everywhere.add(method);
        continue;
      }
      const key = `${method} ${url}`;
      if (this.added.has(key)) continue;
      this.added.add(key);
      this.methods.add(method);
      this.router.on(method as FindMyWay.HTTPMethod, url, () => undefined);
    }
  }

  /** The methods a path (no query string) answers, sorted; empty when no route has the path. */
  of(path: string): string[] {
    const methods = [...this.methods].filter((method) => this.router.find(method as FindMyWay.HTTPMethod, path) !== null);
    return methods.length === 0 ? [] : [...new Set([...methods, ...this.everywhere])].sort();
  }
}
