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

describe('shift store', () => {
  it('keeps shifts across a restart, with the Z-report frozen at closing', () => {
    const dir = tempDir()
    const a = createShiftStore({ dir })
    a.load()
    const shift = a.open({ cashier: 'Ann', openingFloatMinor: 5000, currency: 'EUR', openedAt: 1 })
    a.close(shift.id, 2, report)
    const b = createShiftStore({ dir })
    b.load()
    expect(b.current()).toBeNull()
    expect(b.get(shift.id)).toMatchObject({ cashier: 'Ann', closedAt: 2, zReport: report })
    expect(readdirSync(dir)).toEqual(['shifts.json']) // no temp file left behind
  })

  it('leaves a damaged file as it is and refuses to work rather than overwrite it', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'shifts.json'), '{"format":"btcpay-cashier-shifts","v":1,"shi')
    const store = createShiftStore({ dir })
    store.load()
    expect(() =>
      store.open({ cashier: 'Ann', openingFloatMinor: null, currency: 'EUR', openedAt: 1 }),
    ).toThrow(/cannot be read; it was left as it is/)
    expect(readFileSync(join(dir, 'shifts.json'), 'utf8')).toMatch(/"shi$/)
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

  it('keeps records across a restart, one file per day of the sale', () => {
    const dir = tempDir()
    const a = createPaymentRecordStore({ dir, log: silentLogger })
    a.load()
    a.put(record('s1', Date.UTC(2026, 11, 5, 10)))
    a.put(record('s2', Date.UTC(2026, 11, 6, 10)))
    const b = createPaymentRecordStore({ dir, log: silentLogger })
    b.load()
    expect(b.get('s1')?.payments[0]?.btc).toBe('0.00025')
    expect(b.get('s2')?.invoiceId).toBe('inv-s2')
    expect(readdirSync(dir).sort()).toEqual([
      'payments-2026-12-05.json',
      'payments-2026-12-06.json',
    ])
  })

  it('moves a damaged day file aside instead of overwriting it', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'payments-2026-12-05.json'), 'garbage')
    const store = createPaymentRecordStore({ dir, log: silentLogger })
    store.load()
    store.put(record('s3', Date.UTC(2026, 11, 5, 12)))
    expect(readFileSync(join(dir, 'payments-2026-12-05.json.damaged'), 'utf8')).toBe('garbage')
    expect(store.get('s3')).toBeDefined()
  })
})
