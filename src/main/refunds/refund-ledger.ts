/**
 * The journal of voids and refunds: one JSON line per change in `<dir>/refunds.jsonl`, the whole
 * entry each time (they are few), the last line of an id wins. A line is durable (fdatasync)
 * before `write` resolves, so a refund is on disk before its request leaves: after a crash the
 * `requested` entry says to look for its pull payment at BTCPay instead of making another.
 * A torn or foreign line is skipped at load with a warning; the rest is kept.
 */
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { refundViewSchema, type RefundView } from '../../shared/refund'
import type { Logger } from '../log/logger'

export const refundEntrySchema = refundViewSchema.extend({
  orderId: z.string(),
  /** BTCPay's pull payment, once known. */
  pullPaymentId: z.string().nullable(),
})
export type RefundEntry = z.infer<typeof refundEntrySchema>

const FILE = 'refunds.jsonl'

export function createRefundLedger(deps: { dir: string; log: Logger; fsync?: boolean }) {
  const entries = new Map<string, RefundEntry>()
  let queue: Promise<void> = Promise.resolve()

  async function append(line: string): Promise<void> {
    await mkdir(deps.dir, { recursive: true, mode: 0o700 })
    const file = await open(join(deps.dir, FILE), 'a', 0o600)
    try {
      await file.write(line)
      if (deps.fsync ?? true) await file.datasync()
    } finally {
      await file.close()
    }
  }

  return {
    async load(): Promise<void> {
      let text: string
      try {
        text = await readFile(join(deps.dir, FILE), 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
        throw err
      }
      let bad = 0
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue
        let parsed: ReturnType<typeof refundEntrySchema.safeParse>
        try {
          parsed = refundEntrySchema.safeParse(JSON.parse(line))
        } catch {
          bad++
          continue
        }
        if (parsed.success) entries.set(parsed.data.id, parsed.data)
        else bad++
      }
      if (bad > 0) deps.log.warn('refunds.bad-lines-skipped', { count: bad })
    },

    /** Writes the entry durably (writes are serialised), then keeps it in memory. */
    write(entry: RefundEntry): Promise<RefundEntry> {
      const checked = refundEntrySchema.parse(entry)
      const line = `${JSON.stringify(checked)}\n`
      const done = queue.then(() => append(line))
      queue = done.catch(() => undefined)
      return done.then(() => {
        entries.set(checked.id, checked)
        return checked
      })
    },

    get: (id: string): RefundEntry | undefined => entries.get(id),
    ofSale: (saleId: string): RefundEntry[] =>
      [...entries.values()]
        .filter((e) => e.saleId === saleId)
        .sort((a, b) => a.createdAt - b.createdAt),
    all: (): RefundEntry[] => [...entries.values()].sort((a, b) => a.createdAt - b.createdAt),
  }
}
export type RefundLedger = ReturnType<typeof createRefundLedger>

/** An entry as the renderer sees it (no order id or pull payment id). */
export function refundViewOf(e: RefundEntry): RefundView {
  const { orderId: _orderId, pullPaymentId: _pp, ...view } = e
  return view
}
