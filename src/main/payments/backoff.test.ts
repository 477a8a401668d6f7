import { describe, expect, it } from 'vitest'
import { createBackoff } from './backoff'

describe('createBackoff', () => {
  it('doubles from the base to the cap and starts again after reset', () => {
    const b = createBackoff({ baseMs: 1000, maxMs: 10_000 })
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ])
    b.reset()
    expect(b.peek()).toBe(1000)
    expect(b.next()).toBe(1000)
  })

  it('never goes above the cap, with jitter only shortening a delay', () => {
    const b = createBackoff({ baseMs: 100, maxMs: 300, jitter: 0.5, random: () => 1 })
    expect([b.next(), b.next(), b.next()]).toEqual([50, 100, 150])
    const c = createBackoff({ baseMs: 100, maxMs: 300, jitter: 0.5, random: () => 0 })
    expect([c.next(), c.next(), c.next(), c.next()]).toEqual([100, 200, 300, 300])
  })

  it('treats a cap below the base as the base', () => {
    const b = createBackoff({ baseMs: 500, maxMs: 100 })
    expect([b.next(), b.next()]).toEqual([500, 500])
  })
})
