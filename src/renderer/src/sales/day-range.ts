import type { TranslationKey } from '../i18n'

/**
 * Local calendar days as epoch-ms ranges, half open like main reads them: `from` is in, `to` is
 * the first ms after. Built with the Date constructor from year, month and day, so a day is 23
 * or 25 hours long across a daylight-saving change, as the clock on the wall.
 */
export type Range = { from: number; to: number }

/** Midnight (local) of the day `offset` days from the day of `now`. */
export function dayStart(now: number, offset = 0): number {
  const d = new Date(now)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset).getTime()
}

/** The whole local day `offset` days from today: from its midnight up to the next midnight. */
export function dayRange(now: number, offset = 0): Range {
  return { from: dayStart(now, offset), to: dayStart(now, offset + 1) }
}

/** 'YYYY-MM-DD' of a local day, as <input type="date"> wants it. */
export function isoDate(epoch: number): string {
  const d = new Date(epoch)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Parses 'YYYY-MM-DD' into that local day's midnight; null if it is not a real date. */
export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(y, mo - 1, d)
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null
  return date.getTime()
}

/** From the start of the first day up to the end of the last, both local days included. */
export function dateSpan(fromText: string, toText: string): Range | { error: TranslationKey } {
  const from = parseIsoDate(fromText)
  const to = parseIsoDate(toText)
  if (from === null || to === null) return { error: 'days.chooseBoth' }
  if (to < from) return { error: 'days.reversed' }
  return { from, to: dayStart(to, 1) }
}
