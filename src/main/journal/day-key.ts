/** UTC days: the journal keeps one file per UTC day of a sale's creation. */

export const DAY_MS = 86_400_000

/** Days since 1970-01-01 UTC of an epoch-ms instant (negative before 1970). */
export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS)
}

/** 'YYYY-MM-DD' of a day number. */
export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

const FILE_RE = /^sales-(\d{4})-(\d{2})-(\d{2})\.jsonl$/

export function dayFileName(day: number): string {
  return `sales-${dayKey(day)}.jsonl`
}

/** The day number of a journal file name, or null if the name is not one of ours. */
export function parseDayFileName(name: string): number | null {
  const m = FILE_RE.exec(name)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const day = dayNumber(ms)
  return dayFileName(day) === name ? day : null
}
