/**
 * The till's shifts in one small file, `shifts.json`, replaced atomically and asynchronously on
 * every change (temp file, fdatasync, rename, fsync the folder; changes take turns): a crash
 * leaves the previous or the new list, never a mix. At most one shift is open. A closed shift keeps its Z-report as it was at closing, so the
 * report reprints the same later even if a sale's status changes afterwards.
 *
 * A file that cannot be read is left untouched and every shift action fails with a clear error
 * until someone looks at it: nothing is overwritten.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { shiftSchema, type Report, type Shift } from '../../shared/shifts'
import { inFileTurn, replaceFile } from '../journal/durable-fs'

export type { Shift }

const fileSchema = z.strictObject({
  format: z.literal('btcpay-cashier-shifts'),
  v: z.literal(1),
  shifts: z.array(shiftSchema),
})

const FILE = 'shifts.json'

export function createShiftStore(opts: { dir: string; fsync?: boolean }) {
  const { dir } = opts
  const path = join(dir, FILE)
  let shifts: Shift[] = []
  let damaged: string | null = null

  const usable = () => {
    if (damaged) throw new AppError('internal', damaged)
  }
  /**
   * One change: decided on the list as the previous change left it, durable before memory
   * follows. Changes take turns, so two Opens at once make one shift, not two.
   */
  const change = <T>(decide: () => { next: Shift[]; result: T }): Promise<T> =>
    inFileTurn(path, async () => {
      usable()
      const { next, result } = decide()
      const text = JSON.stringify({ format: 'btcpay-cashier-shifts', v: 1, shifts: next })
      await replaceFile(dir, FILE, text, opts.fsync ?? true)
      shifts = next
      return result
    })

  return {
    /** Reads `shifts.json`; a temp file a crash left beside it is never read. */
    async load(): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      let data: unknown = null
      try {
        data = JSON.parse(await readFile(path, 'utf8'))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
        // anything else is reported below
      }
      const parsed = fileSchema.safeParse(data)
      if (parsed.success) shifts = parsed.data.shifts
      else
        damaged = `The shift file ${path} cannot be read; it was left as it is. Shifts are unavailable until it is repaired or moved away.`
    },
    current(): Shift | null {
      usable()
      return shifts.find((s) => s.closedAt === null) ?? null
    },
    get(id: string): Shift | undefined {
      usable()
      return shifts.find((s) => s.id === id)
    },
    /** Shifts that overlap from <= t < to, newest first. */
    list(range: { from: number; to: number }): Shift[] {
      usable()
      return shifts
        .filter((s) => s.openedAt < range.to && (s.closedAt ?? Infinity) > range.from)
        .sort((a, b) => b.openedAt - a.openedAt)
    },
    open(input: Omit<Shift, 'id' | 'closedAt' | 'zReport'>): Promise<Shift> {
      return change(() => {
        const open = shifts.find((s) => s.closedAt === null)
        if (open)
          throw explained(
            'bad-input',
            say('shift.still-open', { cashier: open.cashier }),
            `${open.cashier || 'Someone'}'s shift is still open. A manager closes it first.`,
          )
        const shift: Shift = { ...input, id: crypto.randomUUID(), closedAt: null, zReport: null }
        return { next: [...shifts, shift], result: shift }
      })
    },
    /** Closes an open shift, keeping its Z-report as it is now. */
    close(id: string, closedAt: number, zReport: Report): Promise<Shift> {
      return change(() => {
        const shift = shifts.find((s) => s.id === id)
        if (!shift || shift.closedAt !== null)
          throw explained('bad-input', say('shift.not-open'), 'That shift is not open.')
        const closed = { ...shift, closedAt, zReport }
        return { next: shifts.map((s) => (s.id === id ? closed : s)), result: closed }
      })
    },
  }
}
export type ShiftStore = ReturnType<typeof createShiftStore>
