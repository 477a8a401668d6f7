import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_STORE_ID,
  startBtcpayTestServer,
  type TestServer,
} from '../../../e2e/btcpay-test-server'
import type { PrintOutcome } from '../../shared/receipts'
import { defaultReceiptSettings, type ReceiptSettings } from '../../shared/receipt-settings'
import type { SaleView } from '../../shared/sale'
import { LegacyClient } from '../btcpay/legacy-client'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import { startFakePrinter, type FakePrinter } from '../printing/fake-printer.testutil'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'
import { makeTestCore } from '../core/test-core.testutil'
import { waitFor } from '../core/wait-for.testutil'

// Receipts and shifts through the core: the BTCPay test server over real HTTP, real files in a
// temp data folder, a loopback fake network printer; only the keychain is a memory double.
let server: TestServer
let printer: FakePrinter
let core: ReturnType<typeof makeTestCore>
let sales: SaleView[]
let printed: Array<{ saleId: string; refundId: string | null; outcome: PrintOutcome }>

const receipts = (patch: Partial<ReceiptSettings>) =>
  core.settings.update({
    receipts: {
      ...defaultReceiptSettings,
      shopName: 'Corner Cafe',
      printer: { kind: 'network', host: '127.0.0.1', port: printer.port },
      autoPrint: true,
      ...patch,
    },
  })

async function paidSale(amount: string, method: 'BTC-LN' | 'BTC-CHAIN' = 'BTC-LN') {
  const sale = await core.handlers['sales:charge']({ amount })
  server.control.pay(sale.invoiceId!, { paymentMethod: method })
  if (method === 'BTC-CHAIN') server.control.confirm(sale.invoiceId!)
  await waitFor(() => sales.some((s) => s.id === sale.id && s.phase === 'settled'))
  return sale
}

beforeEach(async () => {
  server = await startBtcpayTestServer()
  printer = await startFakePrinter('ready')
  core = makeTestCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pos-receipts-')),
    vault: createMemoryVaultForTests(),
    settingsBackend: memorySettingsBackend(),
    watcherOptions: { pollIntervalMs: 100, maxPollIntervalMs: 200, expiredPollIntervalMs: 100 },
    makeClient: (o) => new LegacyClient({ ...o, timeoutMs: 5000, retry: { limit: 0 } }),
    printTimeouts: { connectMs: 500, jobMs: 1000 },
  })
  sales = []
  printed = []
  core.events.connect((channel, envelope) => {
    if (channel === 'sale:changed') sales.push(envelope.data as SaleView)
    if (channel === 'receipt:printed') printed.push(envelope.data as (typeof printed)[number])
  })
  await core.start()
  await core.pairing.pairWithCode({
    serverUrl: server.url,
    pairingCode: server.control.createPairingCode().pairingCode,
  })
})
afterEach(async () => {
  await core.stop()
  await printer.close()
  await server.close()
})

const latin1 = (b: Buffer) => b.toString('latin1')

describe('receipts of sales', () => {
  it('prints by itself when a sale is paid, with how it was paid, without any dialog', async () => {
    receipts({})
    const sale = await paidSale('12.50')
    const [job] = await printer.waitForJobs(1)
    const text = latin1(job!)
    expect(text).toContain('Corner Cafe')
    expect(text).toContain(sale.orderId)
    expect(text).toContain('$12.50')
    expect(text).toContain('Lightning')
    // The demo store prices BTC at 50 000 USD: 12.50 USD is 0.00025 BTC.
    expect(text).toContain('0.00025000 BTC')
    expect(text).toContain('1 BTC = $50,000.00')
    await waitFor(() => printed.length === 1)
    expect(printed[0]).toEqual({ saleId: sale.id, refundId: null, outcome: { printed: true } })
  })

  it('a dead printer never blocks the sale; the cashier is told and can retry', async () => {
    const deadPort = printer.port
    await printer.close()
    receipts({ printer: { kind: 'network', host: '127.0.0.1', port: deadPort } })
    const sale = await paidSale('3.00')
    await waitFor(() => printed.length === 1)
    expect(printed[0]?.outcome).toMatchObject({
      printed: false,
      message: 'Receipt not printed: printer unreachable',
    })
    expect(sales.at(-1)).toMatchObject({ id: sale.id, phase: 'settled' })
    // The printer is back (here: another one); Retry prints the receipt.
    printer = await startFakePrinter('ready')
    receipts({ printer: { kind: 'network', host: '127.0.0.1', port: printer.port } })
    expect(await core.handlers['receipts:print']({ saleId: sale.id })).toEqual({ printed: true })
    expect(latin1((await printer.waitForJobs(1))[0]!)).toContain(sale.orderId)
  })

  it('reprints a copy from History, and previews the same receipt on screen', async () => {
    receipts({ autoPrint: false, paperWidth: 58 })
    const sale = await paidSale('7.25', 'BTC-CHAIN')
    const preview = await core.handlers['receipts:preview']({ saleId: sale.id })
    expect(preview.text).toContain('Bitcoin on-chain')
    expect(preview.text).toContain(sale.invoiceId!)
    expect(preview.svg).toMatch(/^<svg /)
    expect(printer.jobs).toEqual([])
    expect(await core.handlers['receipts:reprint']({ saleId: sale.id })).toEqual({ printed: true })
    const copy = latin1((await printer.waitForJobs(1))[0]!)
    expect(copy).toContain('COPY')
    expect(copy).toContain('$7.25')
  })

  it('a sale charged with Greenfield invoices prints the same receipt, the legacy API being off', async () => {
    receipts({})
    const { apiKey } = server.control.createApiKey({
      permissions: ['cancreateinvoice', 'canviewinvoices'].map(
        (p) => `btcpay.store.${p}:${DEMO_STORE_ID}`,
      ),
    })
    await core.handlers['api-key:paste']({ serverUrl: server.url, apiKey })
    await core.handlers['settings:update']({ chargeVia: 'greenfield' })
    server.control.addFault({ kind: 'error', status: 404, pathPrefix: '/invoices' })
    const sale = await paidSale('12.50')
    const text = latin1((await printer.waitForJobs(1))[0]!)
    expect(text).toContain(sale.orderId)
    expect(text).toContain('Lightning')
    expect(text).toContain('0.00025000 BTC')
    expect(text).toContain('1 BTC = $50,000.00')
  })

  it('refuses a receipt for a sale that is not paid', async () => {
    receipts({})
    const sale = await core.handlers['sales:charge']({ amount: '1.00' })
    await expect(core.handlers['receipts:print']({ saleId: sale.id })).rejects.toMatchObject({
      code: 'bad-input',
    })
  })
})

describe('shifts', () => {
  it('a cashier opens a shift, a manager closes it, the Z-report matches the sales made', async () => {
    receipts({ autoPrint: false })
    const shift = await core.handlers['shifts:open']({ cashier: 'Ann', openingFloat: '100' })
    expect(shift).toMatchObject({ cashier: 'Ann', openingFloatMinor: 10000, closedAt: null })
    expect(core.settings.get().cashier).toBe('Ann')
    const paid = [
      await paidSale('12.50'),
      await paidSale('0.99'),
      await paidSale('20.00', 'BTC-CHAIN'),
    ]
    const cancelled = await core.handlers['sales:charge']({ amount: '5.00' })
    await core.handlers['sales:cancel']({ saleId: cancelled.id })
    const open = await core.handlers['sales:charge']({ amount: '4.00' })
    // How each sale was paid is fetched from BTCPay once it is paid; a preview waits for it.
    for (const sale of paid) await core.handlers['receipts:preview']({ saleId: sale.id })

    const x = await core.handlers['shifts:report']({ shiftId: shift.id })
    expect(x.shift?.closedAt).toBeNull()
    expect(await core.handlers['shifts:print-report']({ shiftId: shift.id })).toEqual({
      printed: true,
    })
    const xPaper = latin1((await printer.waitForJobs(1))[0]!)
    expect(xPaper).toContain('X-REPORT')
    expect(xPaper).toContain('$33.49')

    const { shift: closed, report } = await core.handlers['shifts:close'](undefined)
    expect(closed?.closedAt).toEqual(expect.any(Number))
    const row = (cashier: string | null, method: string) =>
      report.rows.find((r) => r.cashier === cashier && r.currency === 'USD' && r.method === method)
    expect(row(null, 'all')).toMatchObject({
      sales: 3,
      grossMinor: 3349,
      voids: 1,
      voidsMinor: 500,
      netMinor: 3349,
      averageMinor: 1116,
      open: 1,
      openMinor: 400,
    })
    expect(row(null, 'lightning')).toMatchObject({ sales: 2, grossMinor: 1349 })
    expect(row(null, 'on-chain')).toMatchObject({ sales: 1, grossMinor: 2000 })
    expect(row('Ann', 'all')).toMatchObject({ sales: 3, grossMinor: 3349 })
    expect(open.phase).toBe('waiting')

    // The Z-report is frozen at closing: a later payment does not change it.
    server.control.pay(open.invoiceId!, { paymentMethod: 'BTC-LN' })
    await waitFor(() => sales.some((s) => s.id === open.id && s.phase === 'settled'))
    const again = await core.handlers['shifts:report']({ shiftId: shift.id })
    expect(again.report).toEqual(report)
    // On paper, the closed shift's Z-report: the frozen figures, not the later payment's.
    expect(await core.handlers['shifts:print-report']({ shiftId: shift.id })).toEqual({
      printed: true,
    })
    const zPaper = latin1((await printer.waitForJobs(2))[1]!)
    expect(zPaper).toContain('Z-REPORT')
    expect(zPaper).toContain('$33.49')
    expect(zPaper).not.toContain('$37.49')
    expect(zPaper).toContain('1 / $4.00') // Open: one sale of 4.00 still waiting at close

    const { path } = await core.handlers['shifts:export-csv']({ shiftId: shift.id })
    const csv = readFileSync(path, 'utf8').split('\r\n')
    expect(csv[0]).toMatch(/^from,to,scope,cashier,currency,method,sales,gross,/)
    expect(csv.find((l) => l.includes(',till,,USD,all,'))).toContain(',3,33.49,')
  })

  it('allows one open shift at a time, and closing needs the manager PIN when one is set', async () => {
    await core.handlers['shifts:open']({ cashier: 'Ann' })
    await expect(core.handlers['shifts:open']({ cashier: 'Bob' })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringContaining('Ann'),
    })
    await core.handlers['manager:set-pin']({ pin: '4321' })
    await core.handlers['manager:lock'](undefined)
    await expect(core.handlers['shifts:close'](undefined)).rejects.toMatchObject({
      code: 'manager-locked',
    })
    await core.handlers['manager:unlock']({ pin: '4321' })
    expect((await core.handlers['shifts:close'](undefined)).shift?.cashier).toBe('Ann')
  })
})

describe('slips of voids and refunds', () => {
  const withKey = async (permissions: string[]) => {
    const { apiKey } = server.control.createApiKey({
      permissions: permissions.map((p) => `btcpay.store.${p}:${DEMO_STORE_ID}`),
    })
    await core.handlers['api-key:paste']({ serverUrl: server.url, apiKey })
  }
  const slipPrinted = (saleId: string) => () =>
    printed.some((p) => p.saleId === saleId && p.refundId !== null)

  it('a void BTCPay carried out prints its slip by itself; History previews and reprints it', async () => {
    receipts({})
    await withKey(['canmodifyinvoices'])
    const sale = await core.handlers['sales:charge']({ amount: '4.50', description: 'Cake' })
    await core.handlers['sales:cancel']({ saleId: sale.id })
    await waitFor(slipPrinted(sale.id))
    const slip = printed.find((p) => p.saleId === sale.id)!
    expect(slip.outcome).toEqual({ printed: true })
    const text = latin1((await printer.waitForJobs(1))[0]!)
    expect(text).toContain('VOID')
    expect(text).toContain(sale.orderId)
    expect(text).toContain('$4.50')
    expect(text).toContain('No payment was taken.')
    const ref = { saleId: sale.id, refundId: slip.refundId! }
    const preview = await core.handlers['receipts:preview'](ref)
    expect(preview.text).toContain('VOID')
    expect(preview.text).toContain('Cake')
    expect(await core.handlers['receipts:reprint'](ref)).toEqual({ printed: true })
    const copy = latin1((await printer.waitForJobs(2))[1]!)
    expect(copy).toContain('COPY')
    expect(copy).toContain('VOID')
  })

  it('a Cancel BTCPay did not void (no API key) prints no void slip and has none', async () => {
    receipts({})
    const sale = await core.handlers['sales:charge']({ amount: '2.00' })
    await core.handlers['sales:cancel']({ saleId: sale.id })
    const [entry] = core.refunds.refundsOfSale({ saleId: sale.id }).refunds
    expect(entry?.state).toBe('stays-payable')
    await expect(
      core.handlers['receipts:preview']({ saleId: sale.id, refundId: entry!.id }),
    ).rejects.toMatchObject({ code: 'bad-input' })
    await new Promise((r) => setTimeout(r, 300))
    expect(printer.jobs).toEqual([])
  })

  it('a refund prints its slip by itself: the amount, what BTCPay pays out, the claim QR', async () => {
    receipts({})
    await withKey(['canmodifyinvoices', 'cancreatenonapprovedpullpayments'])
    const sale = await paidSale('12.50')
    await printer.waitForJobs(1) // the sale's own receipt
    const refund = await core.handlers['refunds:issue']({ saleId: sale.id, variant: 'RateThen' })
    expect(refund.state).toBe('issued')
    await waitFor(slipPrinted(sale.id))
    expect(printed.find((p) => p.refundId === refund.id)?.outcome).toEqual({ printed: true })
    const job = (await printer.waitForJobs(2))[1]!
    const text = latin1(job)
    expect(text).toContain('REFUND')
    expect(text).toContain(sale.orderId)
    expect(text).toContain('$12.50')
    expect(text).toContain('Pays out')
    expect(text).toContain('0.00025000 BTC')
    expect(job.indexOf(Buffer.from([0x1d, 0x38, 0x4c]))).toBeGreaterThan(0) // the claim QR
    const preview = await core.handlers['receipts:preview']({
      saleId: sale.id,
      refundId: refund.id,
    })
    expect(preview.text).toContain('Scan with your wallet to claim')
    // A slip belongs to its sale: another sale's id with this refund is refused.
    await expect(
      core.handlers['receipts:print']({ saleId: 'nope', refundId: refund.id }),
    ).rejects.toMatchObject({ code: 'not-found' })
  })

  it('the X-report lists the void and the refund made through BTCPay; its figures add up against the journal', async () => {
    receipts({ autoPrint: false })
    await withKey(['canmodifyinvoices', 'cancreatenonapprovedpullpayments'])
    const shift = await core.handlers['shifts:open']({ cashier: 'Ana' })
    const kept = await paidSale('12.50')
    const refunded = await paidSale('8.00')
    const cancelled = await core.handlers['sales:charge']({ amount: '4.20' })
    await core.handlers['sales:cancel']({ saleId: cancelled.id })
    // BTCPay voided it: the watcher sees the invoice invalid and stops following it.
    await waitFor(
      () => core.refunds.refundsOfSale({ saleId: cancelled.id }).refunds[0]?.state === 'voided',
    )
    await waitFor(() => sales.some((s) => s.id === cancelled.id && s.phase !== 'abandoned'))
    await core.handlers['refunds:issue']({ saleId: refunded.id, variant: 'Fiat' })

    const { report } = await core.handlers['shifts:report']({ shiftId: shift.id })
    const till = report.rows.find((r) => r.cashier === null && r.method === 'all')!
    // The journal's and the refund ledger's own view of the shift, summed here independently.
    const { sales: journal } = await core.handlers['sales:list']({
      from: shift.openedAt,
      to: Date.now() + 1,
    })
    const paid = journal.filter((s) => s.phase === 'settled')
    const voided = journal.filter((s) => s.cancelledAt !== null && s.phase === 'invalid')
    const moneyBack = core.refunds.moneyRefunds()
    const sum = (minors: number[]) => minors.reduce((a, b) => a + b, 0)
    expect(paid.map((s) => s.id).sort()).toEqual([kept.id, refunded.id].sort())
    expect(voided.map((s) => s.id)).toEqual([cancelled.id])
    expect(till).toMatchObject({
      sales: paid.length,
      grossMinor: sum(paid.map((s) => s.amountMinor)),
      voids: 1,
      voidsMinor: sum(voided.map((s) => s.amountMinor)),
      refunds: moneyBack.length,
      refundsMinor: sum(moneyBack.map((r) => r.fiatMinor)),
    })
    expect([till.grossMinor, till.voidsMinor, till.refundsMinor, till.netMinor]).toEqual([
      2050, 420, 800, 1250,
    ])
    // And on paper, the same figures.
    expect(await core.handlers['shifts:print-report']({ shiftId: shift.id })).toEqual({
      printed: true,
    })
    const paper = latin1((await printer.waitForJobs(1))[0]!)
    for (const figure of ['$20.50', '1 / $4.20', '1 / $8.00', '$12.50'])
      expect(paper).toContain(figure)
  })
})
