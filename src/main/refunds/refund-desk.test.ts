import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBtcpayTestServer, type TestServer } from '../../../e2e/btcpay-test-server'
import type { RefundView } from '../../shared/refund'
import type { SaleView } from '../../shared/sale'
import { GreenfieldClient } from '../btcpay/greenfield-client'
import { LegacyClient } from '../btcpay/legacy-client'
import { makeTestCore } from '../core/test-core.testutil'
import { waitFor } from '../core/wait-for.testutil'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'

// Voids and refunds through the real core against the BTCPay test server on loopback: real
// HTTP, real ledger and journal files; the keychain is a memory double.
let server: TestServer
let dataDir: string
let vault = createMemoryVaultForTests()
let settingsBackend = memorySettingsBackend()
const cores: ReturnType<typeof makeTestCore>[] = []

const PERMISSIONS = [
  'btcpay.store.canmodifyinvoices',
  'btcpay.store.cancreatenonapprovedpullpayments',
]

async function core(opts: { apiKey?: string[] | null; timeoutMs?: number } = {}) {
  const c = makeTestCore({
    dataDir,
    vault,
    settingsBackend,
    refundFollowMs: 50,
    watcherOptions: { pollIntervalMs: 100, maxPollIntervalMs: 200, expiredPollIntervalMs: 100 },
    makeClient: (o) => new LegacyClient({ ...o, timeoutMs: 5000, retry: { limit: 0 } }),
    makeApiKeyClient: (o) =>
      new GreenfieldClient({ ...o, timeoutMs: opts.timeoutMs ?? 5000, retry: { limit: 0 } }),
  })
  cores.push(c)
  await c.start()
  if (c.pairing.connection().status !== 'paired') {
    await c.pairing.pairWithCode({
      serverUrl: server.url,
      pairingCode: server.control.createPairingCode().pairingCode,
    })
  }
  const permissions = opts.apiKey === undefined ? PERMISSIONS : opts.apiKey
  if (permissions !== null && c.apiKeys.getApiKey().state.status !== 'ready') {
    const storeId = server.control.info().storeId
    const key = server.control.createApiKey({
      permissions: permissions.map((p) => `${p}:${storeId}`),
    })
    await c.apiKeys.pasteApiKey({ serverUrl: server.url, apiKey: key.apiKey })
  }
  const sales: SaleView[] = []
  const refunds: RefundView[] = []
  c.events.connect((channel, envelope) => {
    if (channel === 'sale:changed') sales.push(envelope.data as SaleView)
    if (channel === 'refund:changed') refunds.push(envelope.data as RefundView)
  })
  return { c, sales, refunds }
}

/** A sale the customer paid over Lightning (settled at once), as the cashier saw it. */
async function settledSale(
  amount: string,
  mode: 'full' | 'over' = 'full',
  opts: { timeoutMs?: number } = {},
) {
  const t = await core(opts)
  const sale = await t.c.handlers['sales:charge']({ amount })
  server.control.pay(sale.invoiceId!, { mode, paymentMethod: 'BTC-LN' })
  const phase = mode === 'over' ? 'overpaid' : 'settled'
  await waitFor(() => t.sales.some((s) => s.id === sale.id && s.phase === phase))
  return { ...t, sale }
}

beforeEach(async () => {
  server = await startBtcpayTestServer()
  dataDir = mkdtempSync(join(tmpdir(), 'pos-refunds-'))
  vault = createMemoryVaultForTests()
  settingsBackend = memorySettingsBackend()
})

afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop()
  await server.close()
})

describe('void', () => {
  it("Cancel of an unpaid sale marks its invoice invalid: the customer's payment is refused", async () => {
    const { c, refunds } = await core()
    const sale = await c.handlers['sales:charge']({ amount: '4.20' })
    await c.handlers['sales:cancel']({ saleId: sale.id })
    expect(server.control.getInvoice(sale.invoiceId!).status).toBe('Invalid')
    expect(refunds.at(-1)).toMatchObject({ kind: 'void', state: 'voided' })
    // The checkout the customer has open now says the invoice is invalid: nothing to pay.
    const status = await fetch(`${server.url}/i/${sale.invoiceId}/status`).then((r) => r.json())
    expect(status).toMatchObject({ status: 'Invalid' })
    expect(await c.handlers['refunds:of-sale']({ saleId: sale.id })).toMatchObject({
      refunds: [{ kind: 'void', state: 'voided' }],
    })
  })

  it('without an API key the sale is cancelled here and the cashier is told it stays payable', async () => {
    const { c } = await core({ apiKey: null })
    const sale = await c.handlers['sales:charge']({ amount: '4.20' })
    const cancelled = await c.handlers['sales:cancel']({ saleId: sale.id })
    expect(cancelled.phase).toBe('abandoned')
    expect(server.control.getInvoice(sale.invoiceId!).status).toBe('New')
    const [entry] = (await c.handlers['refunds:of-sale']({ saleId: sale.id })).refunds
    expect(entry).toMatchObject({ kind: 'void', state: 'stays-payable' })
    expect(entry?.note).toMatch(/stays payable at BTCPay.*no Greenfield API key/)
  })

  it('never voids a sale that has received money', async () => {
    const { c, sales } = await core()
    const sale = await c.handlers['sales:charge']({ amount: '4.20' })
    server.control.pay(sale.invoiceId!, { mode: 'partial' })
    await waitFor(() => sales.some((s) => s.id === sale.id && s.phase === 'partial'))
    await c.handlers['sales:cancel']({ saleId: sale.id })
    expect(server.control.getInvoice(sale.invoiceId!).status).toBe('New')
    expect((await c.handlers['refunds:of-sale']({ saleId: sale.id })).refunds).toEqual([])
  })
})

describe('refund', () => {
  it('a full refund of a settled sale: a pull payment the customer claims, followed to paid, subtracted in the totals', async () => {
    const { c, sale, refunds } = await settledSale('12.50')
    const options = await c.handlers['refunds:preview']({ saleId: sale.id })
    expect(options.refused).toBeNull()
    expect(options.paidMinor).toBe(1250)
    expect(options.options.map((o) => o.variant)).toEqual([
      'Fiat',
      'RateThen',
      'CurrentRate',
      'Custom',
    ])

    const issued = await c.handlers['refunds:issue']({ saleId: sale.id, variant: 'RateThen' })
    expect(issued).toMatchObject({ state: 'issued', amountCurrency: 'BTC', fiatMinor: 1250 })
    expect(issued.claimLink).toMatch(new RegExp(`^${server.url}/pull-payments/`))
    expect(issued.lnurl).toMatch(/^LNURL/) // paid over Lightning: a Lightning wallet claims it in one scan
    const [pp] = server.control.listPullPayments()
    expect(pp?.amount).toBe(server.control.getInvoice(sale.invoiceId!).payments[0] && issued.amount)

    const payout = server.control.claimPullPayment(pp!.id)
    await waitFor(() => refunds.some((r) => r.id === issued.id && r.state === 'claimed'))
    if (payout.state === 'AwaitingApproval') server.control.approvePayout(payout.id)
    server.control.payPayout(payout.id)
    await waitFor(() => refunds.some((r) => r.id === issued.id && r.state === 'paid'))

    const { totals } = await c.handlers['sales:totals']({ from: 0, to: Date.now() + 1000 })
    expect(totals).toEqual([
      expect.objectContaining({ currency: 'USD', settledMinor: 1250, refundedMinor: 1250 }),
    ])
    // The X-report of the day counts the refund in the period it was made.
    const { report } = await c.handlers['shifts:report']({ from: 0, to: Date.now() + 1000 })
    const all = report.rows.find(
      (r) => r.cashier === null && r.currency === 'USD' && r.method === 'all',
    )
    expect(all).toMatchObject({ refunds: 1, refundsMinor: 1250 })
    const { path } = await c.handlers['sales:export-csv']({ from: 0, to: Date.now() + 1000 })
    const csv = readFileSync(path, 'utf8').trim().split('\r\n')
    expect(csv).toHaveLength(3)
    expect(csv[2]).toContain('refund-paid')
  })

  it('a partial refund in fiat, less a kept percentage, waits for a manager to approve the payout', async () => {
    const { c, sale, refunds } = await settledSale('20.00')
    const issued = await c.handlers['refunds:issue']({
      saleId: sale.id,
      variant: 'Custom',
      customAmount: '8',
      keepPercent: '10',
    })
    expect(issued).toMatchObject({
      state: 'issued',
      amount: '7.20',
      amountCurrency: 'USD',
      fiatMinor: 720,
    })
    expect(issued.needsApproval).toBe(true)
    const payout = server.control.claimPullPayment(server.control.listPullPayments()[0]!.id)
    expect(payout.state).toBe('AwaitingApproval')
    await waitFor(() =>
      refunds.some((r) => r.id === issued.id && r.state === 'claimed' && r.needsApproval),
    )
  })

  it('refuses more than was paid, in words', async () => {
    const { c, sale } = await settledSale('5.00')
    await expect(
      c.handlers['refunds:issue']({ saleId: sale.id, variant: 'Custom', customAmount: '5.01' }),
    ).rejects.toThrow(/The most this till can charge is \$5\.00/)
    expect(server.control.listPullPayments()).toEqual([])
  })

  it('an overpaid sale offers only the overpaid part', async () => {
    const { c, sale } = await settledSale('10.00', 'over')
    const options = await c.handlers['refunds:preview']({ saleId: sale.id })
    const over = options.options.find((o) => o.variant === 'OverpaidAmount')
    expect(over?.fiatMinor).toBeGreaterThan(0)
    const issued = await c.handlers['refunds:issue']({ saleId: sale.id, variant: 'OverpaidAmount' })
    expect(issued).toMatchObject({ state: 'issued', amount: over?.amount, amountCurrency: 'BTC' })
  })

  it('refuses a sale still processing, saying why, and asks BTCPay nothing', async () => {
    const { c, sales } = await core()
    const sale = await c.handlers['sales:charge']({ amount: '3.00' })
    server.control.pay(sale.invoiceId!) // on-chain: Processing until confirmed
    await waitFor(() => sales.some((s) => s.id === sale.id && s.phase === 'paid'))
    const options = await c.handlers['refunds:preview']({ saleId: sale.id })
    expect(options.refused).toMatch(/still being confirmed/)
    await expect(c.handlers['refunds:issue']({ saleId: sale.id, variant: 'Fiat' })).rejects.toThrow(
      /still being confirmed/,
    )
    expect(server.control.listPullPayments()).toEqual([])
  })

  it('an answer lost after BTCPay made the refund: the retry finds it, no second pull payment', async () => {
    const { c, sale } = await settledSale('6.00', 'full', { timeoutMs: 300 })
    server.control.addFault({
      kind: 'latency',
      method: 'POST',
      pathPrefix: `/api/v1/stores/${server.control.info().storeId}/invoices`,
      latencyMs: 800,
      times: 1,
    })
    const lost = await c.handlers['refunds:issue']({ saleId: sale.id, variant: 'Fiat' })
    expect(lost.state).toBe('requested')
    expect(lost.note).toMatch(/may have been made/)
    await waitFor(() => server.control.listPullPayments().length === 1)
    const again = await c.handlers['refunds:issue']({ saleId: sale.id, variant: 'Fiat' })
    expect(again).toMatchObject({ id: lost.id, state: 'issued' })
    expect(server.control.listPullPayments()).toHaveLength(1)
  })

  it('after a restart a refund left requested is looked up, and made again only if BTCPay never got it', async () => {
    const { c, sale } = await settledSale('6.00', 'full', { timeoutMs: 300 })
    server.control.addFault({
      kind: 'reset',
      method: 'POST',
      pathPrefix: '/api/v1/stores',
      times: 1,
    })
    const lost = await c.handlers['refunds:issue']({ saleId: sale.id, variant: 'Fiat' })
    expect(lost.state).toBe('requested') // a reset connection may have been carried out
    await c.stop()
    cores.splice(cores.indexOf(c), 1)
    const { c: restarted, refunds } = await core()
    await waitFor(() => refunds.some((r) => r.id === lost.id && r.state === 'failed'))
    expect(server.control.listPullPayments()).toEqual([])
    const issued = await restarted.handlers['refunds:issue']({ saleId: sale.id, variant: 'Fiat' })
    expect(issued.state).toBe('issued')
    expect(server.control.listPullPayments()).toHaveLength(1)
  })
})
