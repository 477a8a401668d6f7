// Fault injection: rules matched by HTTP method + path prefix, applied N times or until cleared.

export type FaultKind =
  /** Delay the response by `latencyMs`, then handle the request normally. */
  | 'latency'
  /** Answer with `status` (default 500) and `body` (default a short text) instead of handling. */
  | 'error'
  /** Answer 200 with a Content-Type of application/json and a truncated, unparseable body. */
  | 'malformed-json'
  /** Destroy the TCP connection without answering. */
  | 'reset'
  /** Refuse matching websocket upgrades (HTTP 503). */
  | 'ws-refuse'
  /** Force every matching BitId verification to fail (401). */
  | 'bad-signature'

export interface FaultSpec {
  kind: FaultKind
  /** HTTP method to match, or '*' (default). Websocket upgrades are GET. */
  method?: string
  /** Path prefix to match (default '/': everything except /_control). */
  pathPrefix?: string
  /** How many matching requests the fault applies to; omitted = until cleared. */
  times?: number
  latencyMs?: number
  status?: number
  body?: string
}

export interface Fault extends Required<Pick<FaultSpec, 'kind' | 'method' | 'pathPrefix'>> {
  id: string
  remaining: number | null
  latencyMs: number
  status: number
  body: string | null
  hits: number
}

const KINDS: readonly FaultKind[] = [
  'latency',
  'error',
  'malformed-json',
  'reset',
  'ws-refuse',
  'bad-signature',
]

export class Faults {
  private list: Fault[] = []
  private seq = 0

  add(spec: FaultSpec): Fault {
    if (!KINDS.includes(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`)
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1))
      throw new Error('times must be a positive integer')
    const fault: Fault = {
      id: `fault-${++this.seq}`,
      kind: spec.kind,
      method: (spec.method ?? '*').toUpperCase(),
      pathPrefix: spec.pathPrefix ?? '/',
      remaining: spec.times ?? null,
      latencyMs: spec.latencyMs ?? 0,
      status: spec.status ?? 500,
      body: spec.body ?? null,
      hits: 0,
    }
    this.list.push(fault)
    return fault
  }

  remove(id: string): boolean {
    const before = this.list.length
    this.list = this.list.filter((f) => f.id !== id)
    return before !== this.list.length
  }

  clear(): void {
    this.list = []
  }

  all(): Fault[] {
    return this.list.map((f) => ({ ...f }))
  }

  /**
   * Takes (consumes one use of) every matching fault of the given kinds. Control paths never
   * match, so a test can always clear what it injected.
   */
  take(method: string, path: string, kinds: readonly FaultKind[]): Fault[] {
    if (path.startsWith('/_control')) return []
    const hits = this.list.filter(
      (f) =>
        kinds.includes(f.kind) &&
        (f.method === '*' || f.method === method.toUpperCase()) &&
        path.startsWith(f.pathPrefix),
    )
    for (const f of hits) {
      f.hits++
      if (f.remaining !== null) f.remaining--
    }
    this.list = this.list.filter((f) => f.remaining === null || f.remaining > 0)
    return hits
  }
}
