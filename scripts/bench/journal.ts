import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createJournal } from '../../src/main/journal/journal'
import { newSale } from '../../src/main/journal/new-sale'
import { seedJournal } from '../../src/main/journal/seed'
import { median, percentile, type Row } from './stats'

/** The sales journal at shop scale: load, durable append, a day's totals, bytes per sale. */
export async function benchJournal(sales = 200_000): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-journal-'))
  try {
    const seeding = createJournal({ dir, fsync: false })
    await seeding.load()
    const seeded = await seedJournal(seeding, sales)
    await seeding.close()
    const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)

    // Each load in a fresh process, as at the till's start (journal-start.ts).
    const loads: number[] = []
    for (let i = 0; i < 3; i++) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'journal-start.ts'), dir],
        { encoding: 'utf8' },
      )
      loads.push(Number(out.trim()))
    }
    const journal = createJournal({ dir })
    await journal.load()

    // Durable writes as the till makes them: a new sale, then its invoice id.
    const appends: number[] = []
    for (let i = 0; i < 500; i++) {
      const draft = await newSale(journal, 'BENCH', {
        createdAt: Date.now(),
        amountMinor: 1250,
        currency: 'USD',
        description: 'Espresso',
      })
      let t0 = performance.now()
      const sale = await journal.record(draft).durable
      appends.push(performance.now() - t0)
      t0 = performance.now()
      await journal.update(sale.id, { invoiceId: `INV${i}`, status: 'new' })
      appends.push(performance.now() - t0)
    }

    const dayStart = Math.floor(seeded.lastCreatedAt / 86_400_000) * 86_400_000 - 86_400_000
    const totals: number[] = []
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now()
      journal.totals({ from: dayStart, to: dayStart + 86_400_000 })
      totals.push(performance.now() - t0)
    }
    await journal.close()

    const load = median(loads)
    const append = percentile(appends, 95)
    const total = percentile(totals, 95)
    return [
      {
        measure: `Journal start-up load in a fresh process, ${sales.toLocaleString('en')} sales (${seeded.updates.toLocaleString('en')} updates)`,
        value: `${load.toFixed(0)} ms`,
        target: '<= 1000 ms',
        ok: load <= 1000,
      },
      {
        measure: 'Journal durable append (queued write + fdatasync, off the event loop), p95',
        value: `${append.toFixed(2)} ms`,
        target: '<= 5 ms',
        ok: append <= 5,
      },
      {
        measure: "A day's totals per currency, p95",
        value: `${total.toFixed(2)} ms`,
        target: '<= 50 ms',
        ok: total <= 50,
      },
      {
        measure: 'Journal size per sale',
        value: `${Math.round(bytes / sales)} bytes`,
        target: '',
        ok: null,
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
