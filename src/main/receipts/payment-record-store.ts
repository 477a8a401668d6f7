/**
 * What the journal does not keep about a paid sale and a receipt needs: how it was paid (method,
 * BTC, rate) and the invoice link for the QR code. Written once when the sale is paid, so a
 * reprint and the Z-report's split by payment method work without BTCPay.
 *
 * One small JSON file per UTC day of the sale's creation (`payments-YYYY-MM-DD.json`), replaced
 * atomically (temp file, fdatasync, rename, fsync the folder), asynchronously so the event loop
 * never waits on the disk: a crash leaves the old or the new file.
 */
import { mkdir, readdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { inFileTurn, replaceFile } from '../journal/durable-fs'
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

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
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
     * overwritten) and its sales print without payment details. A temp file a crash left behind
     * (`<name>.<pid>.tmp`) is not a day file: the day file it was to replace is still whole.
     */
    async load(): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      for (const name of await readdir(dir)) {
        if (!FILE.test(name)) continue
        const parsed = fileSchema.safeParse(await readJson(join(dir, name)))
        if (!parsed.success) {
          log.warn('receipts.payment-file-damaged', { file: name })
          await rename(join(dir, name), join(dir, `${name}.damaged`))
          continue
        }
        byFile.set(name, parsed.data.records)
        for (const r of parsed.data.records) bySale.set(r.saleId, r)
      }
    },
    get(saleId: string): PaymentRecord | undefined {
      return bySale.get(saleId)
    },
    /**
     * Durable when it resolves; memory changes only after the file did. Puts to one day file
     * take turns, each building on the one before, so none is lost or written out of order.
     */
    put(record: PaymentRecord): Promise<void> {
      const checked = recordSchema.parse(record)
      const name = fileOf(checked.createdAt)
      return inFileTurn(join(dir, name), async () => {
        const records = (byFile.get(name) ?? []).filter((r) => r.saleId !== checked.saleId)
        records.push(checked)
        await replaceFile(dir, name, JSON.stringify({ v: 1, records }), opts.fsync ?? true)
        byFile.set(name, records)
        bySale.set(checked.saleId, checked)
      })
    },
  }
}
export type PaymentRecordStore = ReturnType<typeof createPaymentRecordStore>
