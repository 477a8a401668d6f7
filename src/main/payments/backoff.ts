/**
 * Exponential backoff: `next()` returns the delay to wait now and doubles the following one, up to
 * `maxMs`; `reset()` starts again from `baseMs`. With `jitter` (0..1) each delay is shortened by up
 * to that fraction at random, so many terminals reconnecting after a server restart spread out;
 * a delay never exceeds `maxMs`.
 */
export interface BackoffOptions {
  baseMs: number
  maxMs: number
  /** Growth per step. Default 2. */
  factor?: number
  /** 0 (default) = exact delays. */
  jitter?: number
  random?: () => number
}

export interface Backoff {
  /** The delay to use now; the one after it grows. */
  next(): number
  /** The delay `next()` would return, without advancing. */
  peek(): number
  reset(): void
}

export function createBackoff(options: BackoffOptions): Backoff {
  const base = Math.max(1, Math.floor(options.baseMs))
  const max = Math.max(base, Math.floor(options.maxMs))
  const factor = options.factor ?? 2
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0))
  const random = options.random ?? Math.random
  let current = base
  return {
    next() {
      const delay = current
      current = Math.min(max, Math.ceil(current * factor))
      return jitter === 0 ? delay : Math.max(1, Math.round(delay * (1 - jitter * random())))
    },
    peek() {
      return current
    },
    reset() {
      current = base
    },
  }
}
