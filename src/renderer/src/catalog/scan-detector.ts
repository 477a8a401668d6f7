/**
 * Tells a USB barcode scanner from a person typing. A scanner "types" the whole code in a burst
 * (a few ms per key) and ends it with Enter or Tab; a person's keys come 80 ms or more apart.
 * A code is accepted when every gap in it is under `maxGapMs` and it has `minLength` characters.
 */
export type ScanDetector = {
  /** Feeds one key (KeyboardEvent.key) at `at` ms; returns the scanned code on its terminator. */
  key(key: string, at: number): string | null
}

export function createScanDetector(opts: { maxGapMs?: number; minLength?: number } = {}) {
  const maxGapMs = opts.maxGapMs ?? 40
  const minLength = opts.minLength ?? 3
  let buffer = ''
  let last = -Infinity
  return {
    key(key: string, at: number): string | null {
      const fast = at - last <= maxGapMs
      last = at
      if (key === 'Enter' || key === 'Tab') {
        const code = fast && buffer.length >= minLength ? buffer : null
        buffer = ''
        return code
      }
      if (key.length !== 1 || key === ' ') {
        buffer = ''
        return null
      }
      buffer = fast ? buffer + key : key
      return null
    },
  } satisfies ScanDetector
}
