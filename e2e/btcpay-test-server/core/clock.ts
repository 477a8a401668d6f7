// The server's clock: real time plus an offset that tests move forward, or frozen at a set instant.

export class Clock {
  private offsetMs = 0
  private frozenAt: number | null = null
  private readonly listeners = new Set<() => void>()

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs
  }

  /** Moves time forward (never backward) and lets listeners react (e.g. expire invoices). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance needs a non-negative ms')
    if (this.frozenAt !== null) this.frozenAt += ms
    else this.offsetMs += ms
    this.notify()
    return this.now()
  }

  /** Freezes the clock at `epochMs` (pass null to resume real time from the current instant). */
  freeze(epochMs: number | null): number {
    if (epochMs === null) {
      if (this.frozenAt !== null) this.offsetMs = this.frozenAt - Date.now()
      this.frozenAt = null
    } else {
      this.frozenAt = epochMs
    }
    this.notify()
    return this.now()
  }

  reset(): void {
    this.offsetMs = 0
    this.frozenAt = null
  }

  get frozen(): boolean {
    return this.frozenAt !== null
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private notify(): void {
    for (const l of this.listeners) l()
  }
}
