import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log/logger'
import { createPaymentRecordStore } from '../receipts/payment-record-store'
import { createShiftStore } from './shift-store'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'shift-store-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const report = { from: 1, to: 2, rows: [] }
const ann = { cashier: 'Ann', openingFloatMinor: null, currency: 'EUR', openedAt: 1 }

describe('shift store', () => {
  it('keeps shifts across a restart, with the Z-report frozen at closing', async () => {
    const dir = tempDir()
    const a = createShiftStore({ dir })
    await a.load()
    const shift = await a.open({
      cashier: 'Ann',
      openingFloatMinor: 5000,
      currency: 'EUR',
      openedAt: 1,
    })
    await a.close(shift.id, 2, report)
    const b = createShiftStore({ dir })
    await b.load()
    expect(b.current()).toBeNull()
    expect(b.get(shift.id)).toMatchObject({ cashier: 'Ann', closedAt: 2, zReport: report })
    expect(readdirSync(dir)).toEqual(['shifts.json']) // no temp file left behind
  })

  it('leaves a damaged file as it is and refuses to work rather than overwrite it', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'shifts.json'), '{"format":"btcpay-cashier-shifts","v":1,"shi')
    const store = createShiftStore({ dir })
    await store.load()
    await expect(
      store.open({ cashier: 'Ann', openingFloatMinor: null, currency: 'EUR', openedAt: 1 }),
    ).rejects.toThrow(/cannot be read; it was left as it is/)
    expect(readFileSync(join(dir, 'shifts.json'), 'utf8')).toMatch(/"shi$/)
  })

  it('ignores a torn temp file a crash left during a replace: the last whole list loads', async () => {
    const dir = tempDir()
    const a = createShiftStore({ dir })
    await a.load()
    const shift = await a.open(ann)
    // A crash after writing half of the next list to the temp file, before the rename.
    writeFileSync(join(dir, 'shifts.json.4242.tmp'), '{"format":"btcpay-cashier-shifts","v":1,"sh')
    const b = createShiftStore({ dir })
    await b.load()
    expect(b.current()).toMatchObject({ id: shift.id, cashier: 'Ann' })
    await b.close(shift.id, 2, report)
    expect(b.current()).toBeNull()
  })

  it('takes changes in turn: two Opens at once make one shift, the other is refused', async () => {
    const dir = tempDir()
    const store = createShiftStore({ dir })
    await store.load()
    const outcomes = await Promise.allSettled([
      store.open(ann),
      store.open({ ...ann, cashier: 'Bob' }),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected'])
    const reloaded = createShiftStore({ dir })
    await reloaded.load()
    expect(reloaded.list({ from: 0, to: 10 }).map((s) => s.cashier)).toEqual(['Ann'])
  })

  it('does not wait on the disk on the event loop: a timer fires while a change is written', async () => {
    const dir = tempDir()
    const store = createShiftStore({ dir })
    await store.load()
    let ticked = false
    setImmediate(() => (ticked = true))
    const opening = store.open(ann)
    expect(ticked).toBe(false) // open() returned before any disk work finished
    await opening
    expect(ticked).toBe(true)
  })
})

describe('payment record store', () => {
  const record = (saleId: string, createdAt: number) => ({
    saleId,
    createdAt,
    invoiceId: `inv-${saleId}`,
    link: null,
    payments: [{ method: 'lightning' as const, btc: '0.00025', rate: '50000.0' }],
  })

  it('keeps records across a restart, one file per day of the sale', async () => {
    const dir = tempDir()
    const a = createPaymentRecordStore({ dir, log: silentLogger })
    await a.load()
    await a.put(record('s1', Date.UTC(2026, 11, 5, 10)))
    await a.put(record('s2', Date.UTC(2026, 11, 6, 10)))
    const b = createPaymentRecordStore({ dir, log: silentLogger })
    await b.load()
    expect(b.get('s1')?.payments[0]?.btc).toBe('0.00025')
    expect(b.get('s2')?.invoiceId).toBe('inv-s2')
    expect(readdirSync(dir).sort()).toEqual([
      'payments-2026-12-05.json',
      'payments-2026-12-06.json',
    ])
  })

  it('moves a damaged day file aside instead of overwriting it', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'payments-2026-12-05.json'), 'garbage')
    const store = createPaymentRecordStore({ dir, log: silentLogger })
    await store.load()
    await store.put(record('s3', Date.UTC(2026, 11, 5, 12)))
    expect(readFileSync(join(dir, 'payments-2026-12-05.json.damaged'), 'utf8')).toBe('garbage')
    expect(store.get('s3')).toBeDefined()
  })

  it('ignores a torn temp file a crash left beside a day file, and neither file is renamed', async () => {
    const dir = tempDir()
    const a = createPaymentRecordStore({ dir, log: silentLogger })
    await a.load()
    await a.put(record('s1', Date.UTC(2026, 11, 5, 10)))
    writeFileSync(join(dir, 'payments-2026-12-05.json.4242.tmp'), '{"v":1,"records":[{"sal')
    const b = createPaymentRecordStore({ dir, log: silentLogger })
    await b.load()
    expect(b.get('s1')?.invoiceId).toBe('inv-s1')
    expect(readdirSync(dir).filter((n) => n.endsWith('.damaged'))).toEqual([])
  })

  it('loses no record when many sales of one day are kept at once', async () => {
    const dir = tempDir()
    const a = createPaymentRecordStore({ dir, log: silentLogger })
    await a.load()
    const ids = Array.from({ length: 20 }, (_, i) => `s${i}`)
    await Promise.all(ids.map((id, i) => a.put(record(id, Date.UTC(2026, 11, 5, 10, i)))))
    const b = createPaymentRecordStore({ dir, log: silentLogger })
    await b.load()
    expect(ids.filter((id) => b.get(id) === undefined)).toEqual([])
    expect(readdirSync(dir)).toEqual(['payments-2026-12-05.json'])
  })
})
