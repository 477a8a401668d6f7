import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Logger } from '../log/logger'
import { createJournal, type Journal, type JournalOptions } from './journal'
import { newSale as makeSale, type SaleDraft } from './new-sale'
import type { NewSale } from './sale'
import { seedJournal } from './seed'

const dirs: string[] = []
const open: Journal[] = []
afterEach(async () => {
  for (const j of open.splice(0)) await j.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'journal-'))
  dirs.push(d)
  return d
}

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return {
    debug() {},
    info() {},
    warn: (e) => warnings.push(e),
    error: (e) => warnings.push(e),
    warnings,
  }
}

async function openJournal(dir: string, opts: Partial<JournalOptions> = {}): Promise<Journal> {
  const j = createJournal({ dir, autoCompact: false, ...opts })
  await j.load()
  open.push(j)
  return j
}

async function reopen(
  j: Journal,
  dir: string,
  opts: Partial<JournalOptions> = {},
): Promise<Journal> {
  await j.close()
  return openJournal(dir, opts)
}

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0) // 2026-11-21 12:00 UTC
let counter = 0
/** The shared factory with this file's defaults: ids in order, created at T0, 12.50 USD. */
function newSale(j: Journal, over: Partial<SaleDraft> = {}): NewSale {
  counter++
  return makeSale(j, 'TILL1', {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    createdAt: T0,
    amountMinor: 1250,
    currency: 'USD',
    ...over,
  })
}

const dayFiles = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()

describe('record, update, get', () => {
  it('round-trips a sale through record and updates, and keeps it after reopening', async () => {
    const dir = tempDir()
    let now = T0 + 5
    let j = await openJournal(dir, { now: () => now })
    const input = newSale(j, { description: 'Espresso', cashier: 'Ana' })
    const rec = j.record(input)
    expect(rec).toEqual({ ...input, updatedAt: T0 + 5, rev: 1 })
    expect(j.get(input.id)).toEqual(rec)

    now += 1000
    const u1 = j.update(input.id, {
      invoiceId: 'INV1',
      status: 'new',
      checkoutLink: 'https://pay.example.com/i/INV1',
      expiresAt: T0 + 900_000,
    })
    expect(u1).toMatchObject({ status: 'new', invoiceId: 'INV1', rev: 2, updatedAt: T0 + 1005 })
    const u2 = j.update(input.id, { status: 'paid', cancelledAt: T0 + 5, exceptionStatus: 'none' })
    expect(u2.rev).toBe(3)
    expect(j.byInvoiceId('INV1')?.id).toBe(input.id)
    expect(j.byOrderId(input.orderId)?.id).toBe(input.id)

    j = await reopen(j, dir)
    expect(j.get(input.id)).toEqual(u2)
    expect(j.byInvoiceId('INV1')).toEqual(u2)
    expect(j.byOrderId(input.orderId)).toEqual(u2)
    expect(j.get('nope')).toBeUndefined()
    expect(dayFiles(dir)).toEqual(['sales-2026-11-21.jsonl'])
  })

  it('does not write an update that changes nothing', async () => {
    const dir = tempDir()
    const j = await openJournal(dir)
    const s = j.record(newSale(j, { status: 'new', invoiceId: 'I9' }))
    const file = join(dir, 'sales-2026-11-21.jsonl')
    const size = statSync(file).size
    expect(j.update(s.id, { status: 'new', invoiceId: 'I9', cancelledAt: undefined })).toEqual(s)
    expect(statSync(file).size).toBe(size)
  })

  it('refuses unknown ids, bad values, duplicates and use before load', async () => {
    const dir = tempDir()
    expect(() => createJournal({ dir }).get('x')).toThrow(/load/)
    const j = await openJournal(dir)
    expect(() => j.update('missing', { status: 'paid' })).toThrow(/unknown sale/)
    expect(() => j.record(newSale(j, { amountMinor: 12.5 }))).toThrow(/amountMinor/)
    expect(() => j.record(newSale(j, { amountMinor: 0 }))).toThrow(/amountMinor/)
    expect(() => j.record(newSale(j, { currency: 'usd' }))).toThrow(/currency/)
    const s = j.record(newSale(j))
    expect(() => j.record({ ...newSale(j), id: s.id })).toThrow(/already recorded/)
    expect(() => j.record({ ...newSale(j), orderId: s.orderId })).toThrow(/already used/)
    expect(() => j.update(s.id, { cancelledAt: 1.5 })).toThrow(/cancelledAt/)
    expect(() => j.update(s.id, { status: 'bogus' as never })).toThrow(/status/)
    j.update(s.id, { invoiceId: 'A' })
    const other = j.record(newSale(j))
    expect(() => j.update(other.id, { invoiceId: 'A' })).toThrow(/another sale/)
    expect(j.get(other.id)?.rev).toBe(1)
  })

  it('writes only sale fields, never whatever else the caller passes along', async () => {
    const dir = tempDir()
    const j = await openJournal(dir)
    const input = { ...newSale(j), apiToken: 'SECRET-TOKEN', privateKey: 'SECRET-KEY' }
    const s = j.record(input)
    j.update(s.id, { status: 'new', token: 'SECRET-2' } as never)
    expect(s).not.toHaveProperty('apiToken')
    expect(readFileSync(join(dir, 'sales-2026-11-21.jsonl'), 'utf8')).not.toMatch(/SECRET/)
  })
})

describe('order id sequence', () => {
  it('continues after a clean reopen without a gap', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = j.nextOrderId('TILL1')
    const b = j.nextOrderId('TILL1')
    expect(a).toEqual({ orderId: `TILL1-${a.sequence}`, sequence: a.sequence })
    expect(b.sequence).toBe(a.sequence + 1)
    j.record({ ...newSale(j), orderId: b.orderId, sequence: b.sequence })
    j = await reopen(j, dir)
    expect(j.nextOrderId('TILL1').sequence).toBe(b.sequence + 2) // newSale took b+1
  })

  it('never hands a sequence out twice after a crash, even one that was never recorded', async () => {
    const dir = tempDir()
    const j1 = await openJournal(dir)
    const taken = [j1.nextOrderId('X').sequence, j1.nextOrderId('X').sequence]
    // No close(): the process "dies" here. A second journal on the same folder:
    const j2 = await openJournal(dir)
    expect(j2.nextOrderId('X').sequence).toBeGreaterThan(Math.max(...taken))
  })

  it('stays above every recorded sequence even if the sequence file is lost', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    j.record({ ...newSale(j), orderId: 'TILL1-5000', sequence: 5000 })
    await j.close()
    rmSync(join(dir, 'sequence.json'))
    j = await openJournal(dir)
    expect(j.nextOrderId('TILL1').sequence).toBe(5001)
  })
})

describe('crash leftovers in the files', () => {
  it('ignores and repairs a torn last line, so later appends stay readable', async () => {
    const dir = tempDir()
    const log = recordingLog()
    let j = await openJournal(dir)
    const s = j.record(newSale(j))
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    appendFileSync(file, '{"P":"' + s.id + '","r":2,"u":1,"s":"pa')
    j = await openJournal(dir, { log })
    expect(log.warnings).toContain('journal.torn-tail-repaired')
    expect(j.get(s.id)?.status).toBe('creating')
    const t = j.record(newSale(j))
    j.update(s.id, { status: 'new' })
    const log2 = recordingLog()
    j = await reopen(j, dir, { log: log2 })
    expect(log2.warnings).toEqual([])
    expect(j.get(s.id)?.status).toBe('new')
    expect(j.get(t.id)).toBeDefined()
  })

  it('keeps a complete last line that only lost its newline', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const s = j.record(newSale(j))
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    appendFileSync(file, JSON.stringify({ P: s.id, r: 2, u: T0, s: 'new' }))
    j = await openJournal(dir)
    expect(j.get(s.id)?.status).toBe('new')
    j.update(s.id, { status: 'paid' })
    j = await reopen(j, dir)
    expect(j.get(s.id)).toMatchObject({ status: 'paid', rev: 3 })
  })

  it('skips a garbage line in the middle with a warning and keeps the rest', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = j.record(newSale(j))
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    appendFileSync(file, '\u0000\u0000garbage{{{\n')
    j = await openJournal(dir)
    const b = j.record(newSale(j))
    j.update(a.id, { status: 'expired' })
    const log = recordingLog()
    j = await reopen(j, dir, { log })
    expect(log.warnings).toEqual(['journal.bad-lines-skipped'])
    expect(j.get(a.id)?.status).toBe('expired')
    expect(j.get(b.id)).toBeDefined()
    // A file with evidence of damage is never rewritten by compaction.
    expect(j.compact({ minAgeDays: -1 }).files).toBe(0)
  })

  it('removes a temp file left by a compaction cut short and refuses newer formats', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'sales-2026-11-20.jsonl.123.tmp'), '{"half')
    await openJournal(dir)
    expect(readdirSync(dir).some((n) => n.endsWith('.tmp'))).toBe(false)
    writeFileSync(
      join(dir, 'sales-2026-11-19.jsonl'),
      '{"journal":"btcpay-cashier-sales","v":99,"day":"2026-11-19"}\n',
    )
    await expect(createJournal({ dir }).load()).rejects.toThrow(/format version 99/)
  })
})

describe('queries', () => {
  it('lists unfinished sales: creating, new and paid', async () => {
    const j = await openJournal(tempDir())
    const ids: Record<string, string> = {}
    for (const status of [
      'creating',
      'new',
      'paid',
      'complete',
      'expired',
      'invalid',
      'abandoned',
      'not-created',
    ] as const) {
      ids[status] = j.record(newSale(j, { status, createdAt: T0 + counter })).id
    }
    expect(j.unfinished().map((s) => s.status)).toEqual(['creating', 'new', 'paid'])
    j.update(ids.creating!, { status: 'not-created' })
    j.update(ids.complete!, { status: 'paid' })
    expect(j.unfinished().map((s) => s.id)).toEqual([ids.new, ids.paid, ids.complete])
  })

  it('pages newest first across days with a (createdAt, id) cursor, UTC day boundaries', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const midnight = Date.UTC(2026, 10, 22)
    const times = [
      midnight - 2,
      midnight - 1,
      midnight - 1,
      midnight,
      midnight,
      midnight + 1,
      midnight + 86_400_000,
    ]
    const made = times.map((createdAt) => j.record(newSale(j, { createdAt })))
    expect(dayFiles(dir)).toEqual([
      'sales-2026-11-21.jsonl',
      'sales-2026-11-22.jsonl',
      'sales-2026-11-23.jsonl',
    ])
    j = await reopen(j, dir)
    const expected = [...made].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    const pages: string[][] = []
    let before: { createdAt: number; id: string } | undefined
    for (;;) {
      const page = j.list({
        from: 0,
        to: midnight + 2 * 86_400_000,
        limit: 2,
        ...(before && { before }),
      })
      if (page.length === 0) break
      pages.push(page.map((s) => s.id))
      const last = page[page.length - 1]!
      before = { createdAt: last.createdAt, id: last.id }
    }
    expect(pages.flat()).toEqual(expected.map((s) => s.id))
    expect(pages.every((p) => p.length <= 2)).toBe(true)
    // [from, to): the day of 2026-11-22 UTC exactly
    const day = j.list({ from: midnight, to: midnight + 86_400_000, limit: 100 })
    expect(day.map((s) => s.createdAt)).toEqual([midnight + 1, midnight, midnight])
    expect(j.list({ from: midnight - 1, to: midnight, limit: 100 })).toHaveLength(2)
  })

  it('pages through only the sales a filter accepts, each page full', async () => {
    const j = await openJournal(tempDir())
    const day = Date.UTC(2026, 10, 21)
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      j.record(newSale(j, { createdAt: day + n * 1000, amountMinor: n * 100 }))
    }
    const where = (s: { amountMinor: number }) => s.amountMinor % 200 === 0 // 2, 4, 6
    const first = j.list({ from: day, to: day + 86_400_000, limit: 2, where })
    expect(first.map((s) => s.amountMinor)).toEqual([600, 400])
    const last = first[1]!
    const second = j.list({
      from: day,
      to: day + 86_400_000,
      limit: 2,
      where,
      before: { createdAt: last.createdAt, id: last.id },
    })
    expect(second.map((s) => s.amountMinor)).toEqual([200])
  })

  it('totals per currency with exact integers: settled = complete or paid late, pending = paid', async () => {
    const j = await openJournal(tempDir())
    const day = Date.UTC(2026, 10, 21)
    const add = (
      currency: string,
      amountMinor: number,
      status: NewSale['status'],
      at = day + 1000,
      exceptionStatus: NewSale['exceptionStatus'] = 'none',
    ) => j.record(newSale(j, { currency, amountMinor, status, createdAt: at, exceptionStatus }))
    add('USD', 1999, 'complete')
    add('USD', 1, 'complete')
    add('USD', 500, 'paid')
    add('USD', 7777, 'expired')
    add('USD', 300, 'expired', day + 1000, 'paidPartial') // not paid in full
    add('EUR', 250, 'expired', day + 1000, 'paidLate') // BTCPay counts it as paid
    add('USD', 100, 'complete', day - 1) // the day before
    add('JPY', 1200, 'complete')
    add('JPY', 98_000_000_000, 'complete')
    add('BHD', 1_005, 'paid')
    add('BHD', 12_345, 'complete')
    add('EUR', 42, 'new')
    const t = j.totals({ from: day, to: day + 86_400_000 })
    expect(t).toEqual([
      { currency: 'BHD', count: 2, settledMinor: 12_345, pendingMinor: 1_005 },
      { currency: 'EUR', count: 1, settledMinor: 250, pendingMinor: 0 },
      { currency: 'JPY', count: 2, settledMinor: 98_000_001_200, pendingMinor: 0 },
      { currency: 'USD', count: 3, settledMinor: 2_000, pendingMinor: 500 },
    ])
    for (const row of t) {
      expect(Number.isSafeInteger(row.settledMinor) && Number.isSafeInteger(row.pendingMinor)).toBe(
        true,
      )
    }
    expect(j.totals({ from: day + 86_400_000, to: day })).toEqual([])
  })
})

describe('compaction', () => {
  it('rewrites old days to one line per sale with the same state, atomically', async () => {
    const dir = tempDir()
    const now = Date.UTC(2026, 10, 30)
    let j = await openJournal(dir, { now: () => now })
    const s = j.record(newSale(j))
    for (const status of ['new', 'paid', 'complete'] as const) j.update(s.id, { status })
    const others = Array.from({ length: 20 }, () => j.record(newSale(j, { createdAt: T0 + 1 })))
    for (const o of others) j.update(o.id, { status: 'expired' })
    const before = j.list({ from: 0, to: now, limit: 100 })
    const file = join(dir, 'sales-2026-11-21.jsonl')
    const sizeBefore = statSync(file).size
    expect(j.compact()).toEqual({ files: 1, linesBefore: 1 + 21 + 3 + 20, linesAfter: 22 })
    expect(statSync(file).size).toBeLessThan(sizeBefore)
    expect(readdirSync(dir).sort()).toEqual(['sales-2026-11-21.jsonl', 'sequence.json'])
    j.update(s.id, { exceptionStatus: 'marked' }) // appending after compaction still works
    j = await reopen(j, dir, { now: () => now })
    expect(j.list({ from: 0, to: now, limit: 100 })).toEqual(
      before.map((x) =>
        x.id === s.id ? { ...x, exceptionStatus: 'marked', rev: 5, updatedAt: now } : x,
      ),
    )
  })
})

describe('background compaction', () => {
  it('compacts old day files after load, never today, and stops on close', async () => {
    const dir = tempDir()
    const old = Date.UTC(2026, 10, 1, 10)
    const now = Date.UTC(2026, 10, 21, 10)
    let j = await openJournal(dir, { now: () => now })
    for (const createdAt of [old, now]) {
      for (let i = 0; i < 20; i++) {
        const s = j.record(newSale(j, { createdAt: createdAt + i }))
        for (const status of ['new', 'paid', 'complete'] as const) j.update(s.id, { status })
      }
    }
    await j.close()
    const lines = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').length - 1
    expect(lines('sales-2026-11-01.jsonl')).toBe(81)
    vi.useFakeTimers()
    try {
      j = await openJournal(dir, { now: () => now, autoCompact: true })
      vi.advanceTimersByTime(1100)
      expect(lines('sales-2026-11-01.jsonl')).toBe(21)
      vi.advanceTimersByTime(24 * 3_600_000)
      expect(lines('sales-2026-11-21.jsonl')).toBe(81)
      await j.close()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('seedJournal (for npm run bench)', () => {
  it('creates n sales with about three updates each, old days compacted', async () => {
    const dir = tempDir()
    const j = await openJournal(dir, { fsync: false })
    const r = await seedJournal(j, 3000, { perDay: 500, startAt: Date.UTC(2026, 0, 1) })
    expect(r.sales).toBe(3000)
    expect(r.updates / r.sales).toBeGreaterThan(2.5)
    const bytes = readdirSync(dir).reduce((sum, n) => sum + statSync(join(dir, n)).size, 0)
    console.log(`[journal] seeded 3000 sales: ${(bytes / 3000).toFixed(0)} bytes/sale on disk`)
    const all = j.list({ from: 0, to: Date.UTC(2027, 0, 1), limit: 10_000 })
    expect(all).toHaveLength(3000)
    const totals = j.totals({ from: 0, to: Date.UTC(2027, 0, 1) })
    expect(totals.map((t) => t.currency)).toEqual(['BHD', 'EUR', 'JPY', 'USD'])
    const j2 = await reopen(j, dir)
    expect(j2.list({ from: 0, to: Date.UTC(2027, 0, 1), limit: 10_000 })).toEqual(all)
  })
})
