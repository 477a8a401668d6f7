/**
 * What the journal does not keep about a paid sale and a receipt needs: how it was paid (method,
 * BTC, rate) and the invoice link for the QR code. Written once when the sale is paid, so a
 * reprint and the Z-report's split by payment method work without BTCPay.
 *
 * One small JSON file per UTC day of the sale's creation (`payments-YYYY-MM-DD.json`), replaced
 * atomically (temp file, fsync, rename, fsync the folder): a crash leaves the old or the new file.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { replaceFileSync } from '../journal/durable-fs'
import type { Logger } from '../log/logger'

const paymentSchema = z.strictObject({
  method: z.enum(['on-chain', 'lightning']),
  btc: z.string().regex(/^\d+(\.\d+)?$/),
  rate: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .nullable(),
})
const recordSchema = z.strictObject({
  saleId: z.string().min(1),
  createdAt: z.int(),
  invoiceId: z.string().min(1),
  link: z.string().nullable(),
  payments: z.array(paymentSchema),
})
export type PaymentRecord = z.infer<typeof recordSchema>

const fileSchema = z.strictObject({ v: z.literal(1), records: z.array(recordSchema) })
const FILE = /^payments-(\d{4}-\d{2}-\d{2})\.json$/
const fileOf = (createdAt: number) =>
  `payments-${new Date(createdAt).toISOString().slice(0, 10)}.json`

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

export function createPaymentRecordStore(opts: { dir: string; log: Logger; fsync?: boolean }) {
  const { dir, log } = opts
  const bySale = new Map<string, PaymentRecord>()
  const byFile = new Map<string, PaymentRecord[]>()

  return {
    /**
     * Reads every day file. A damaged one is renamed to `<name>.damaged` (kept as evidence, never
     * overwritten) and its sales print without payment details.
     */
    load(): void {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      for (const name of readdirSync(dir)) {
        if (!FILE.test(name)) continue
        const parsed = fileSchema.safeParse(readJson(join(dir, name)))
        if (!parsed.success) {
          log.warn('receipts.payment-file-damaged', { file: name })
          renameSync(join(dir, name), join(dir, `${name}.damaged`))
          continue
        }
        byFile.set(name, parsed.data.records)
        for (const r of parsed.data.records) bySale.set(r.saleId, r)
      }
    },
    get(saleId: string): PaymentRecord | undefined {
      return bySale.get(saleId)
    },
    /** Durable when it returns; memory changes only after the file did. */
    put(record: PaymentRecord): void {
      const checked = recordSchema.parse(record)
      const name = fileOf(checked.createdAt)
      const records = (byFile.get(name) ?? []).filter((r) => r.saleId !== checked.saleId)
      records.push(checked)
      replaceFileSync(dir, name, JSON.stringify({ v: 1, records }), opts.fsync ?? true)
      byFile.set(name, records)
      bySale.set(checked.saleId, checked)
    },
  }
}
export type PaymentRecordStore = ReturnType<typeof createPaymentRecordStore>
