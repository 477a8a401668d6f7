/**
 * Tells a USB barcode scanner from a person typing. A scanner "types" the whole code in a burst
 * (a few ms per key) and ends it with Enter or Tab; a person's keys come 80 ms or more apart. A
 * code is accepted when its keys, terminator included, came `maxMeanGapMs` apart on average with
 * no pause over `maxPauseMs`: the average, not each gap, so one late event (a busy machine) does
 * not cut a scan in two.
 */
export type ScanDetector = {
  /** Feeds one key (KeyboardEvent.key) at `at` ms; returns the scanned code on its terminator. */
  key(key: string, at: number): string | null
}

export function createScanDetector(
  opts: { maxMeanGapMs?: number; maxPauseMs?: number; minLength?: number } = {},
): ScanDetector {
  const maxMeanGapMs = opts.maxMeanGapMs ?? 35
  const maxPauseMs = opts.maxPauseMs ?? 150
  const minLength = opts.minLength ?? 3
  let buffer = ''
  let first = 0
  let last = -Infinity
  return {
    key(key, at) {
      const paused = at - last > maxPauseMs
      last = at
      if (key === 'Enter' || key === 'Tab') {
        const fast = !paused && (at - first) / buffer.length <= maxMeanGapMs
        const code = fast && buffer.length >= minLength ? buffer : null
        buffer = ''
        return code
      }
      if (key.length !== 1 || key === ' ') {
        buffer = ''
        return null
      }
      if (paused || buffer === '') {
        buffer = key
        first = at
      } else buffer += key
      return null
    },
  }
}
