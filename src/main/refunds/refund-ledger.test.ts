import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../log/logger'
import { createRefundLedger, type RefundEntry } from './refund-ledger'

const entry = (over: Partial<RefundEntry> = {}): RefundEntry => ({
  id: 'r1',
  saleId: 's1',
  orderId: 'TILL-1',
  kind: 'refund',
  createdAt: 1_800_000_000_000,
  state: 'requested',
  variant: 'Fiat',
  amount: null,
  amountCurrency: null,
  fiatMinor: 1250,
  currency: 'USD',
  claimLink: null,
  lnurl: null,
  needsApproval: false,
  note: null,
  pullPaymentId: null,
  ...over,
})

describe('refund ledger (real files)', () => {
  it('keeps the last line of each refund across a restart and skips a torn last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-ledger-'))
    const ledger = createRefundLedger({ dir, log: silentLogger })
    await ledger.write(entry())
    await ledger.write(entry({ state: 'issued', pullPaymentId: 'pp1', claimLink: 'https://x/pp1' }))
    appendFileSync(join(dir, 'refunds.jsonl'), '{"id":"r2","saleId":"s') // a crash mid-line
    const warnings: string[] = []
    const again = createRefundLedger({
      dir,
      log: { ...silentLogger, warn: (event: string) => void warnings.push(event) },
    })
    await again.load()
    expect(again.all()).toEqual([
      entry({ state: 'issued', pullPaymentId: 'pp1', claimLink: 'https://x/pp1' }),
    ])
    expect(warnings).toEqual(['refunds.bad-lines-skipped'])
  })

  it('refuses an entry that carries anything else, so no secret a caller holds reaches the disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-ledger-'))
    const ledger = createRefundLedger({ dir, log: silentLogger })
    await ledger.write(entry())
    expect(() =>
      ledger.write({ ...entry({ id: 'r2' }), apiKey: 'secret-key' } as RefundEntry),
    ).toThrow()
    expect(readFileSync(join(dir, 'refunds.jsonl'), 'utf8')).not.toContain('secret-key')
    expect(ledger.all().map((e) => e.id)).toEqual(['r1'])
  })
})
