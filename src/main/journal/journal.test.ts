import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
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
async function newSale(j: Journal, over: Partial<SaleDraft> = {}): Promise<NewSale> {
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
  it('keeps which payment request a counter payment belongs to, across a reopen', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const plain = await j.record(await newSale(j)).durable
    const payment = await j.record(await newSale(j, { paymentRequestId: 'PR-9' })).durable
    j = await reopen(j, dir)
    expect(j.get(payment.id)?.paymentRequestId).toBe('PR-9')
    expect(j.get(plain.id)?.paymentRequestId).toBeNull()
  })

  it('round-trips a sale through record and updates, and keeps it after reopening', async () => {
    const dir = tempDir()
    let now = T0 + 5
    let j = await openJournal(dir, { now: () => now })
    const input = await newSale(j, { description: 'Espresso', cashier: 'Ana' })
    const rec = await j.record(input).durable
    expect(rec).toEqual({ ...input, updatedAt: T0 + 5, rev: 1 })
    expect(j.get(input.id)).toEqual(rec)

    now += 1000
    const u1 = await j.update(input.id, {
      invoiceId: 'INV1',
      status: 'new',
      checkoutLink: 'https://pay.example.com/i/INV1',
      expiresAt: T0 + 900_000,
    })
    expect(u1).toMatchObject({ status: 'new', invoiceId: 'INV1', rev: 2, updatedAt: T0 + 1005 })
    const u2 = await j.update(input.id, {
      status: 'paid',
      cancelledAt: T0 + 5,
      exceptionStatus: 'none',
    })
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
    const s = await j.record(await newSale(j, { status: 'new', invoiceId: 'I9' })).durable
    const file = join(dir, 'sales-2026-11-21.jsonl')
    const size = statSync(file).size
    expect(
      await j.update(s.id, { status: 'new', invoiceId: 'I9', cancelledAt: undefined }),
    ).toEqual(s)
    expect(statSync(file).size).toBe(size)
  })

  it('refuses unknown ids, bad values, duplicates and use before load', async () => {
    const dir = tempDir()
    expect(() => createJournal({ dir }).get('x')).toThrow(/load/)
    const j = await openJournal(dir)
    await expect(j.update('missing', { status: 'paid' })).rejects.toThrow(/unknown sale/)
    await expect(j.record(await newSale(j, { amountMinor: 12.5 })).durable).rejects.toThrow(
      /amountMinor/,
    )
    await expect(j.record(await newSale(j, { amountMinor: 0 })).durable).rejects.toThrow(
      /amountMinor/,
    )
    await expect(j.record(await newSale(j, { currency: 'usd' })).durable).rejects.toThrow(
      /currency/,
    )
    const s = await j.record(await newSale(j)).durable
    await expect(j.record({ ...(await newSale(j)), id: s.id }).durable).rejects.toThrow(
      /already recorded/,
    )
    await expect(j.record({ ...(await newSale(j)), orderId: s.orderId }).durable).rejects.toThrow(
      /already used/,
    )
    await expect(j.update(s.id, { cancelledAt: 1.5 })).rejects.toThrow(/cancelledAt/)
    await expect(j.update(s.id, { status: 'bogus' as never })).rejects.toThrow(/status/)
    await j.update(s.id, { invoiceId: 'A' })
    const other = await j.record(await newSale(j)).durable
    await expect(j.update(other.id, { invoiceId: 'A' })).rejects.toThrow(/another sale/)
    expect(j.get(other.id)?.rev).toBe(1)
  })

  it('writes only sale fields, never whatever else the caller passes along', async () => {
    const dir = tempDir()
    const j = await openJournal(dir)
    const input = { ...(await newSale(j)), apiToken: 'SECRET-TOKEN', privateKey: 'SECRET-KEY' }
    const s = await j.record(input).durable
    await j.update(s.id, { status: 'new', token: 'SECRET-2' } as never)
    expect(s).not.toHaveProperty('apiToken')
    expect(readFileSync(join(dir, 'sales-2026-11-21.jsonl'), 'utf8')).not.toMatch(/SECRET/)
  })
})

describe('writes off the event loop', () => {
  it('shows a change at once and writes lines in call order, grouped, when nobody waits', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const inputs = await Promise.all(Array.from({ length: 30 }, () => newSale(j)))
    // Queued in one go, as concurrent charges and status pushes would: nothing awaited in between.
    const writes: Promise<unknown>[] = []
    for (const input of inputs) {
      writes.push(j.record(input).durable)
      writes.push(j.update(input.id, { status: 'new', invoiceId: `INV-${input.id}` }))
      expect(j.get(input.id)).toMatchObject({ status: 'new', rev: 2 }) // before any disk write
    }
    writes.push(j.update(inputs[0]!.id, { status: 'paid' }))
    await Promise.all(writes)
    const lines = readFileSync(join(dir, 'sales-2026-11-21.jsonl'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1 + 30 * 2 + 1)
    // Each sale's full record precedes its patch.
    for (const input of inputs) {
      const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix))
      expect(at(`{"S":"${input.id}"`)).toBeLessThan(at(`{"P":"${input.id}"`))
    }
    j = await reopen(j, dir)
    expect(j.get(inputs[0]!.id)).toMatchObject({ status: 'paid', rev: 3 })
    expect(j.byInvoiceId(`INV-${inputs[29]!.id}`)?.id).toBe(inputs[29]!.id)
  })

  it('says when a new sale is written, before its flush resolves the record', async () => {
    const dir = tempDir()
    const j = await openJournal(dir)
    const sale = await newSale(j)
    let resolved = false
    let seenInFile: boolean | null = null
    const { written, durable } = j.record(sale)
    void written.then(() => {
      const file = readFileSync(join(dir, 'sales-2026-11-21.jsonl'), 'utf8')
      seenInFile = file.includes(sale.orderId) && !resolved
    })
    void durable.then(() => (resolved = true))
    await durable
    expect(seenInFile).toBe(true)
    // A line that never reached the file is never said to be written.
    symlinkSync('/dev/full', join(dir, 'sales-2026-11-20.jsonl'))
    const failing = j.record(await newSale(j, { createdAt: T0 - 86_400_000 }))
    await expect(failing.written).rejects.toThrow(/ENOSPC/)
    await expect(failing.durable).rejects.toThrow(/ENOSPC/)
  })

  it('a failed write is taken back: the call rejects and memory matches the file again', async () => {
    const dir = tempDir()
    const j = await openJournal(dir)
    const kept = await j.record(await newSale(j, { createdAt: T0 - 86_400_000 })).durable
    // Every write to the 2026-11-21 file fails as on a full disk (ENOSPC).
    symlinkSync('/dev/full', join(dir, 'sales-2026-11-21.jsonl'))
    const lost = await newSale(j, { invoiceId: 'INV-LOST', status: 'new' })
    const recording = j.record(lost).durable
    const updating = j.update(lost.id, { status: 'paid' }) // queued behind it, same file
    const elsewhere = j.update(kept.id, { status: 'expired' }) // another day file
    expect(j.get(lost.id)?.status).toBe('paid')
    await expect(recording).rejects.toThrow(/ENOSPC/)
    await expect(updating).rejects.toThrow(/ENOSPC/)
    await expect(elsewhere).resolves.toMatchObject({ status: 'expired' })
    expect(j.get(lost.id)).toBeUndefined()
    expect(j.byInvoiceId('INV-LOST')).toBeUndefined()
    expect(j.byOrderId(lost.orderId)).toBeUndefined()
    expect(j.unfinished().map((s) => s.id)).not.toContain(lost.id)
    expect(j.list({ from: 0, to: T0 + 86_400_000, limit: 10 }).map((s) => s.id)).toEqual([kept.id])
  })
})

describe('order id sequence', () => {
  it('continues after a clean reopen without a gap', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = await j.nextOrderId('TILL1')
    const b = await j.nextOrderId('TILL1')
    expect(a).toEqual({ orderId: `TILL1-${a.sequence}`, sequence: a.sequence })
    expect(b.sequence).toBe(a.sequence + 1)
    await j.record({ ...(await newSale(j)), orderId: b.orderId, sequence: b.sequence }).durable
    j = await reopen(j, dir)
    expect((await j.nextOrderId('TILL1')).sequence).toBe(b.sequence + 2) // newSale took b+1
  })

  it('never hands a sequence out twice after a crash, even one that was never recorded', async () => {
    const dir = tempDir()
    const j1 = await openJournal(dir)
    const taken = [(await j1.nextOrderId('X')).sequence, (await j1.nextOrderId('X')).sequence]
    // No close(): the process "dies" here. A second journal on the same folder:
    const j2 = await openJournal(dir)
    expect((await j2.nextOrderId('X')).sequence).toBeGreaterThan(Math.max(...taken))
  })

  it('reserves the next block ahead: hundreds of ids in a row, none reused after a crash', async () => {
    const dir = tempDir()
    const j1 = await openJournal(dir)
    const taken = await Promise.all(Array.from({ length: 250 }, () => j1.nextOrderId('X')))
    const seqs = taken.map((t) => t.sequence)
    expect(new Set(seqs).size).toBe(250)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    // No close(): the sequence file alone must already cover all 250.
    const j2 = await openJournal(dir)
    expect((await j2.nextOrderId('X')).sequence).toBeGreaterThan(Math.max(...seqs))
  })

  it('stays above every recorded sequence even if the sequence file is lost', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    await j.record({ ...(await newSale(j)), orderId: 'TILL1-5000', sequence: 5000 }).durable
    await j.close()
    rmSync(join(dir, 'sequence.json'))
    j = await openJournal(dir)
    expect((await j.nextOrderId('TILL1')).sequence).toBe(5001)
  })
})

describe('crash leftovers in the files', () => {
  it('ignores and repairs a torn last line, so later appends stay readable', async () => {
    const dir = tempDir()
    const log = recordingLog()
    let j = await openJournal(dir)
    const s = await j.record(await newSale(j)).durable
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    appendFileSync(file, '{"P":"' + s.id + '","r":2,"u":1,"s":"pa')
    j = await openJournal(dir, { log })
    expect(log.warnings).toContain('journal.torn-tail-repaired')
    expect(j.get(s.id)?.status).toBe('creating')
    const t = await j.record(await newSale(j)).durable
    await j.update(s.id, { status: 'new' })
    const log2 = recordingLog()
    j = await reopen(j, dir, { log: log2 })
    expect(log2.warnings).toEqual([])
    expect(j.get(s.id)?.status).toBe('new')
    expect(j.get(t.id)).toBeDefined()
  })

  it('keeps a complete last line that only lost its newline', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const s = await j.record(await newSale(j)).durable
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    appendFileSync(file, JSON.stringify({ P: s.id, r: 2, u: T0, s: 'new' }))
    j = await openJournal(dir)
    expect(j.get(s.id)?.status).toBe('new')
    await j.update(s.id, { status: 'paid' })
    j = await reopen(j, dir)
    expect(j.get(s.id)).toMatchObject({ status: 'paid', rev: 3 })
  })

  it('skips a garbage line in the middle with a warning and keeps the rest', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = await j.record(await newSale(j)).durable
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    appendFileSync(file, '\u0000\u0000garbage{{{\n')
    j = await openJournal(dir)
    const b = await j.record(await newSale(j)).durable
    await j.update(a.id, { status: 'expired' })
    const log = recordingLog()
    j = await reopen(j, dir, { log })
    expect(log.warnings).toEqual(['journal.bad-lines-skipped'])
    expect(j.get(a.id)?.status).toBe('expired')
    expect(j.get(b.id)).toBeDefined()
    // A file with evidence of damage is never rewritten by compaction.
    expect((await j.compact({ minAgeDays: -1 })).files).toBe(0)
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

describe('damaged lines never hide a sale', () => {
  /** Replaces line `n` (1-based) of a day file with what `damage` makes of it. */
  function damageLine(file: string, n: number, damage: (line: string) => string): void {
    const lines = readFileSync(file, 'utf8').split('\n')
    lines[n - 1] = damage(lines[n - 1] as string)
    writeFileSync(file, lines.join('\n'))
  }

  it('rebuilds a sale whose first line lost a byte, with its later updates applied', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = await j.record(await newSale(j, { amountMinor: 4200, description: 'Tea, "large"' }))
      .durable
    await j.update(a.id, { invoiceId: 'INV-A', status: 'new' })
    await j.update(a.id, { status: 'complete' })
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    damageLine(file, 2, (l) => l.slice(0, -1)) // the closing brace is gone: not JSON any more
    j = await openJournal(dir)
    expect(j.get(a.id)).toMatchObject({
      orderId: a.orderId,
      amountMinor: 4200,
      currency: 'USD',
      description: 'Tea, "large"',
      invoiceId: 'INV-A',
      status: 'complete',
    })
    expect(j.totals({ from: T0, to: T0 + 1 })).toEqual([
      { currency: 'USD', count: 1, settledMinor: 4200, pendingMinor: 0 },
    ])
    expect(j.unknownSales({ from: T0, to: T0 + 1 })).toBe(0)
    expect(j.problems()).toEqual([
      {
        file: 'sales-2026-11-21.jsonl',
        line: 2,
        kept: { kind: 'rebuilt', orderId: a.orderId },
      },
    ])
  })

  it('lists a sale whose amount is unreadable and counts it as unknown in that day only', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = await j.record(await newSale(j)).durable
    const b = await j.record(await newSale(j, { amountMinor: 300 })).durable
    await j.update(a.id, { invoiceId: 'INV-A', status: 'new' })
    await j.update(a.id, { status: 'paid' })
    await j.update(b.id, { status: 'not-created' })
    await j.close()
    const file = join(dir, 'sales-2026-11-21.jsonl')
    damageLine(file, 2, (l) => l.replace(/"a":\d+/, '"a":#').replace(/"o":/, '"o"'))
    damageLine(file, 3, () => '\u0000garbage{{{')
    j = await openJournal(dir)
    expect(j.get(a.id)).toBeUndefined()
    expect(j.get(b.id)).toBeUndefined()
    expect(j.problems()).toEqual([
      {
        file: 'sales-2026-11-21.jsonl',
        line: 3,
        kept: { kind: 'illegible' },
      },
      {
        file: 'sales-2026-11-21.jsonl',
        line: 2,
        kept: { kind: 'lost', saleId: a.id, invoiceId: 'INV-A', status: 'paid' },
      },
      {
        file: 'sales-2026-11-21.jsonl',
        line: null,
        kept: { kind: 'lost', saleId: b.id, invoiceId: null, status: 'not-created' },
      },
    ])
    expect(j.unknownSales({ from: T0 - 3_600_000, to: T0 + 3_600_000 })).toBe(3)
    expect(j.unknownSales({ from: T0 + 86_400_000, to: T0 + 2 * 86_400_000 })).toBe(0)
    expect(j.totals({ from: T0, to: T0 + 1 })).toEqual([])
  })

  it('keeps a sale whose later change is damaged and lists the change', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = await j.record(await newSale(j)).durable
    await j.update(a.id, { invoiceId: 'INV-A', status: 'new' })
    await j.close()
    damageLine(join(dir, 'sales-2026-11-21.jsonl'), 3, (l) => l.replace('"s":"new"', '"s":new'))
    j = await openJournal(dir)
    // Still 'creating': reconcile asks BTCPay by its orderId, as after a crash.
    expect(j.get(a.id)?.status).toBe('creating')
    expect(j.unfinished().map((s) => s.id)).toEqual([a.id])
    expect(j.problems()).toEqual([
      {
        file: 'sales-2026-11-21.jsonl',
        line: 3,
        kept: { kind: 'change-asked-again' },
      },
    ])
  })

  it('reads a description that spells a field name as text, not as the field', async () => {
    const dir = tempDir()
    let j = await openJournal(dir)
    const a = await j.record(await newSale(j, { description: '{"a":1,"cur":"JPY"}' })).durable
    await j.close()
    damageLine(join(dir, 'sales-2026-11-21.jsonl'), 2, (l) => `${l.slice(0, -1)}]`)
    j = await openJournal(dir)
    expect(j.get(a.id)).toMatchObject({
      amountMinor: 1250,
      currency: 'USD',
      description: '{"a":1,"cur":"JPY"}',
    })
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
      ids[status] = (
        await j.record(await newSale(j, { status, createdAt: T0 + counter })).durable
      ).id
    }
    expect(j.unfinished().map((s) => s.status)).toEqual(['creating', 'new', 'paid'])
    await j.update(ids.creating!, { status: 'not-created' })
    await j.update(ids.complete!, { status: 'paid' })
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
    const made = []
    for (const createdAt of times)
      made.push(await j.record(await newSale(j, { createdAt })).durable)
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
      await j.record(await newSale(j, { createdAt: day + n * 1000, amountMinor: n * 100 })).durable
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
    const add = async (
      currency: string,
      amountMinor: number,
      status: NewSale['status'],
      at = day + 1000,
      exceptionStatus: NewSale['exceptionStatus'] = 'none',
    ) =>
      j.record(await newSale(j, { currency, amountMinor, status, createdAt: at, exceptionStatus }))
        .durable
    await add('USD', 1999, 'complete')
    await add('USD', 1, 'complete')
    await add('USD', 500, 'paid')
    await add('USD', 7777, 'expired')
    await add('USD', 300, 'expired', day + 1000, 'paidPartial') // not paid in full
    await add('EUR', 250, 'expired', day + 1000, 'paidLate') // BTCPay counts it as paid
    await add('USD', 100, 'complete', day - 1) // the day before
    await add('JPY', 1200, 'complete')
    await add('JPY', 98_000_000_000, 'complete')
    await add('BHD', 1_005, 'paid')
    await add('BHD', 12_345, 'complete')
    await add('EUR', 42, 'new')
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
    const s = await j.record(await newSale(j)).durable
    for (const status of ['new', 'paid', 'complete'] as const) await j.update(s.id, { status })
    const others = []
    for (let i = 0; i < 20; i++)
      others.push(await j.record(await newSale(j, { createdAt: T0 + 1 })).durable)
    for (const o of others) await j.update(o.id, { status: 'expired' })
    const before = j.list({ from: 0, to: now, limit: 100 })
    const file = join(dir, 'sales-2026-11-21.jsonl')
    const sizeBefore = statSync(file).size
    expect(await j.compact()).toEqual({ files: 1, linesBefore: 1 + 21 + 3 + 20, linesAfter: 22 })
    expect(statSync(file).size).toBeLessThan(sizeBefore)
    expect(readdirSync(dir).sort()).toEqual(['sales-2026-11-21.jsonl', 'sequence.json'])
    await j.update(s.id, { exceptionStatus: 'marked' }) // appending after compaction still works
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
        const s = await j.record(await newSale(j, { createdAt: createdAt + i })).durable
        for (const status of ['new', 'paid', 'complete'] as const) await j.update(s.id, { status })
      }
    }
    await j.close()
    const lines = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').length - 1
    expect(lines('sales-2026-11-01.jsonl')).toBe(81)
    // Only the journal's timers are faked: its file work runs for real on the thread pool.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      j = await openJournal(dir, { now: () => now, autoCompact: true })
      vi.advanceTimersByTime(1100)
      await vi.waitFor(() => expect(lines('sales-2026-11-01.jsonl')).toBe(21))
      vi.advanceTimersByTime(24 * 3_600_000)
      await j.close() // waits for whatever compaction was queued
      expect(lines('sales-2026-11-21.jsonl')).toBe(81)
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
