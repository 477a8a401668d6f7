import { describe, expect, it } from 'vitest'
import { dayFileName, dayKey, dayNumber, parseDayFileName } from './day-key'

describe('UTC day keys', () => {
  it('cuts days at UTC midnight whatever the local time zone', () => {
    const midnight = Date.UTC(2026, 10, 22)
    expect(dayKey(dayNumber(midnight - 1))).toBe('2026-11-21')
    expect(dayKey(dayNumber(midnight))).toBe('2026-11-22')
    expect(dayKey(dayNumber(-1))).toBe('1969-12-31')
    expect(dayFileName(dayNumber(midnight))).toBe('sales-2026-11-22.jsonl')
  })

  it('reads back only its own file names', () => {
    const n = dayNumber(Date.UTC(2024, 1, 29))
    expect(parseDayFileName('sales-2024-02-29.jsonl')).toBe(n)
    expect(parseDayFileName('sales-2023-02-29.jsonl')).toBeNull()
    expect(parseDayFileName('sales-2024-02-29.jsonl.1.tmp')).toBeNull()
    expect(parseDayFileName('sequence.json')).toBeNull()
  })
})
