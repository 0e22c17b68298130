// Scripted misbehaviour for the fake Flowise, per route: a status and body, the HTML page with 200,
// latency, a reset connection, or a request left hanging until the client gives up.

export interface FaultSpec {
  method?: string;
  /** The path under /api/v1, e.g. `/apikey`: equal to it, or matching the RegExp. */
  path: string | RegExp;
  /** How many requests it applies to; every one when absent. */
  times?: number;
  /** Delay before answering (normally, unless another fault is also given). */
  latencyMs?: number;
  status?: number;
  /** Body for `status`, sent as JSON. */
  json?: unknown;
  /** Raw body for `status` (e.g. a huge one), sent as text/plain unless headers say otherwise. */
  body?: string;
  headers?: Record<string, string>;
  /** Answer with the web page and 200, as Flowise does for routes it does not have. */
  html?: boolean;
  /** Destroy the connection without answering. */
  reset?: boolean;
  /** Never answer. */
  hang?: boolean;
}

export class FaultTable {
  private readonly faults: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, left: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The first fault for this request, counted as used. */
  take(method: string, path: string): FaultSpec | undefined {
    const entry = this.faults.find(
      ({ spec, left }) =>
        left > 0 &&
        (spec.method === undefined || spec.method === method) &&
        (typeof spec.path === 'string' ? spec.path === path : spec.path.test(path)),
    );
    if (entry === undefined) return undefined;
    entry.left -= 1;
    return entry.spec;
  }
}
