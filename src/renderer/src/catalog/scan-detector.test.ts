import { describe, expect, it } from 'vitest'
import { createScanDetector } from './scan-detector'

const feed = (keys: string[], gapMs: number, start = 1000) => {
  const d = createScanDetector()
  return keys.map((k, i) => d.key(k, start + i * gapMs)).filter((c) => c !== null)
}

describe('scan detector', () => {
  it('reads a code typed at scanner speed and ended by Enter or Tab', () => {
    expect(feed([...'4006381333931', 'Enter'], 5)).toEqual(['4006381333931'])
    expect(feed([...'green-tea', 'Tab'], 8)).toEqual(['green-tea'])
  })

  it('ignores a person typing the same keys, and a burst too short to be a code', () => {
    expect(feed([...'4006381333931', 'Enter'], 120)).toEqual([])
    expect(feed(['1', '2', 'Enter'], 5)).toEqual([])
  })

  it('keeps a scan whole when one key arrives late on a busy machine', () => {
    const d = createScanDetector()
    const times = [0, 5, 10, 110, 115, 120, 125, 130, 135, 140, 145, 150, 155, 160, 165, 170]
    const keys = [...'4006381333931', 'Enter']
    expect(keys.map((k, i) => d.key(k, 1000 + (times[i] ?? 0))).at(-1)).toBe('4006381333931')
  })

  it('drops what a person typed before the burst', () => {
    const d = createScanDetector()
    d.key('7', 0)
    d.key('8', 300)
    const keys = [...'12345', 'Enter']
    expect(keys.map((k, i) => d.key(k, 1000 + i * 5)).at(-1)).toBe('12345')
  })
})
