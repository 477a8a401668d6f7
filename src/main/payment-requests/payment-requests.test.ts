import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_STORE_ID } from '../../../e2e/btcpay-test-server'
import type { PaymentRequestDetail, PaymentRequestView } from '../../shared/payment-request'
import type { SaleView } from '../../shared/sale'
import { GreenfieldClient } from '../btcpay/greenfield-client'
import { LegacyClient } from '../btcpay/legacy-client'
import { serverRig } from '../core/server-rig.testutil'
import { waitFor } from '../core/wait-for.testutil'
import { createDispatcher, type SenderInfo } from '../ipc/dispatcher'
import { silentLogger } from '../log/logger'

// Payment requests through the real core and dispatcher (contract parsing both ways) against the
// BTCPay test server over loopback HTTP; real journal files; keychain and settings are memory doubles.
const app: SenderInfo = { frameUrl: 'app://cashier/index.html', isTopFrame: true, contentsId: 1 }
const ALL = [
  `btcpay.store.canviewpaymentrequests:${DEMO_STORE_ID}`,
  `btcpay.store.canmodifypaymentrequests:${DEMO_STORE_ID}`,
  `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`,
]
const rig = serverRig('pos-payreq-')

async function till(permissions: string[] = ALL, timeoutMs = 5000, pair = true) {
  const core = rig.core({
    watcherOptions: { pollIntervalMs: 100, maxPollIntervalMs: 200, expiredPollIntervalMs: 100 },
    makeClient: (o) => new LegacyClient({ ...o, timeoutMs, retry: { limit: 0 } }),
    makeApiKeyClient: (o) => new GreenfieldClient({ ...o, timeoutMs, retry: { limit: 0 } }),
  })
  await core.start()
  if (pair && core.pairing.connection().status !== 'paired') {
    await core.pairing.pairWithCode({
      serverUrl: rig.server.url,
      pairingCode: rig.server.control.createPairingCode().pairingCode,
    })
  }
  if (!core.apiKeys.client()) {
    const { apiKey } = rig.server.control.createApiKey({ permissions })
    await core.apiKeys.pasteApiKey({ serverUrl: rig.server.url, apiKey })
  }
  const dispatch = createDispatcher({
    handlers: core.handlers,
    isTrustedSender: () => true,
    log: silentLogger,
  })
  const call = (channel: string, input?: unknown) => dispatch(app, channel, input)
  const ok = async <T>(channel: string, input?: unknown): Promise<T> => {
    const r = await call(channel, input)
    if (!r.ok) throw new Error(`${channel}: ${r.code} ${r.message}`)
    return r.data as T
  }
  const sales: SaleView[] = []
  core.events.connect((channel, envelope) => {
    if (channel === 'sale:changed') sales.push(envelope.data as SaleView)
  })
  return { core, call, ok, sales }
}

const invoicesOf = (prId: string) =>
  rig.server.control.listInvoices().filter((i) => i.orderId === `PAY_REQUEST_${prId}`)

describe('payment requests at the till', () => {
  it('creates one, finds it by reference, status and search, edits it and keeps the server’s form', async () => {
    const { ok, call } = await till()
    const made = await ok<PaymentRequestView>('payment-requests:create', {
      amount: '12.50',
      title: 'Catering Friday',
      email: 'anna@example.com',
      referenceId: 'TAB-17',
      allowCustomPaymentAmounts: true,
    })
    expect(made).toMatchObject({
      title: 'Catering Friday',
      amountMinor: 1250,
      currency: 'USD', // the store's default
      status: 'Pending',
      referenceId: 'TAB-17',
      publicUrl: `${rig.server.url}/payment-requests/${made.id}`,
    })
    await ok('payment-requests:create', { amount: '3', title: 'Deposit' })
    const found = await ok<{ requests: PaymentRequestView[] }>('payment-requests:list', {
      includeArchived: false,
      search: 'tab-17',
    })
    expect(found.requests.map((r) => r.id)).toEqual([made.id])
    const completed = await ok<{ requests: PaymentRequestView[] }>('payment-requests:list', {
      includeArchived: false,
      status: 'Completed',
    })
    expect(completed.requests).toEqual([])

    // A form set in BTCPay's back office survives an edit from the till (PUT is a full replace).
    const gf = new GreenfieldClient({
      baseUrl: rig.server.url,
      apiKey: rig.server.control.createApiKey({ permissions: ALL }).apiKey,
      storeId: DEMO_STORE_ID,
    })
    await gf.updatePaymentRequest(made.id, {
      amount: '12.50',
      title: 'Catering Friday',
      referenceId: 'TAB-17',
      formId: 'Email',
      allowCustomPaymentAmounts: true,
    })
    const edited = await ok<PaymentRequestView>('payment-requests:update', {
      paymentRequestId: made.id,
      amount: '20',
      title: 'Catering Friday and Saturday',
      referenceId: 'TAB-17',
      allowCustomPaymentAmounts: true,
    })
    expect(edited).toMatchObject({ amountMinor: 2000, title: 'Catering Friday and Saturday' })
    expect((await gf.getPaymentRequest(made.id)).formId).toBe('Email')

    // Bad input is refused before BTCPay sees it, on the field it concerns.
    expect(await call('payment-requests:create', { amount: '1.234', title: 'x' })).toMatchObject({
      ok: false,
      code: 'bad-input',
      fields: [{ field: 'amount' }],
    })
  })

  it('takes a partial and then the rest at the counter: each a sale marked as such, counted once, live to Completed', async () => {
    const { ok, call, sales } = await till()
    const pr = await ok<PaymentRequestView>('payment-requests:create', {
      amount: '10',
      title: 'Layaway bike',
      allowCustomPaymentAmounts: true,
    })
    const part = await ok<SaleView>('payment-requests:pay', {
      paymentRequestId: pr.id,
      amount: '4',
    })
    expect(part).toMatchObject({ amountMinor: 400, paymentRequestId: pr.id, phase: 'waiting' })
    expect(part.payment?.bip21).toContain('bitcoin:')
    rig.server.control.pay(part.invoiceId as string, { paymentMethod: 'BTC-LN' })
    await waitFor(() => sales.some((s) => s.id === part.id && s.phase === 'settled'))

    let detail = await ok<PaymentRequestDetail>('payment-requests:get', { paymentRequestId: pr.id })
    expect(detail).toMatchObject({ paidMinor: 400, dueMinor: 600 })
    // Its receipt is a payment on the request: what this paid and what is still due.
    const receipt = await ok<{ text: string }>('receipts:preview', { saleId: part.id })
    expect(receipt.text).toContain('PAYMENT')
    expect(receipt.text).toContain('Layaway bike')
    expect(receipt.text).toMatch(/Still due.*\$6\.00/)
    expect(detail.request.status).toBe('Pending')

    const rest = await ok<SaleView>('payment-requests:pay', { paymentRequestId: pr.id })
    expect(rest.amountMinor).toBe(600)
    rig.server.control.pay(rest.invoiceId as string, { paymentMethod: 'BTC-LN' })
    await waitFor(() => sales.some((s) => s.id === rest.id && s.phase === 'settled'))
    detail = await ok<PaymentRequestDetail>('payment-requests:get', { paymentRequestId: pr.id })
    expect(detail).toMatchObject({ paidMinor: 1000, dueMinor: 0 })
    expect(detail.request.status).toBe('Completed')
    expect(detail.invoices).toHaveLength(2)

    // The day's numbers hold each payment once, as the request's, and nothing else.
    const day = { from: 0, to: Date.now() + 60_000 }
    const totals = await ok<{ totals: { currency: string; settledMinor: number }[] }>(
      'sales:totals',
      day,
    )
    expect(totals.totals).toEqual([
      expect.objectContaining({
        currency: 'USD',
        settledMinor: 1000,
        requests: { count: 2, minor: 1000 },
      }),
    ])
    const list = await ok<{ sales: SaleView[] }>('sales:list', day)
    expect(list.sales.map((s) => s.paymentRequestId)).toEqual([pr.id, pr.id])

    // Paid in full: BTCPay refuses another payment, the cashier reads why.
    expect(await call('payment-requests:pay', { paymentRequestId: pr.id })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Nothing is due'),
    })
  })

  it('a till that charges through the API key, never paired, takes a counter payment live to Completed', async () => {
    const { ok, sales } = await till(
      [...ALL, `btcpay.store.cancreateinvoice:${DEMO_STORE_ID}`],
      5000,
      false,
    )
    expect(rig.cores[0]?.pairing.connection().status).not.toBe('paired')
    await ok('settings:update', { chargeVia: 'greenfield' })
    const pr = await ok<PaymentRequestView>('payment-requests:create', {
      amount: '6',
      title: 'Catering',
    })
    const payment = await ok<SaleView>('payment-requests:pay', { paymentRequestId: pr.id })
    expect(payment).toMatchObject({ amountMinor: 600, paymentRequestId: pr.id, phase: 'waiting' })
    expect(invoicesOf(pr.id).map((i) => i.id)).toEqual([payment.invoiceId])
    rig.server.control.pay(payment.invoiceId as string, { paymentMethod: 'BTC-LN' })
    await waitFor(() => sales.some((s) => s.id === payment.id && s.phase === 'settled'))
    const detail = await ok<PaymentRequestDetail>('payment-requests:get', {
      paymentRequestId: pr.id,
    })
    expect(detail).toMatchObject({ dueMinor: 0, request: { status: 'Completed' } })
  })

  it('says why a payment or an edit is refused: whole amount only, archived, gone, amount locked, missing permission, no key', async () => {
    const { ok, call } = await till()
    const pr = await ok<PaymentRequestView>('payment-requests:create', {
      amount: '10',
      title: 'Bill',
    })
    expect(
      await call('payment-requests:pay', { paymentRequestId: pr.id, amount: '4' }),
    ).toMatchObject({
      ok: false,
      code: 'bad-input',
      message: expect.stringContaining('whole amount'),
    })
    await ok('payment-requests:pay', { paymentRequestId: pr.id })
    // Amount and currency are locked once the request has an invoice: 422 on the amount field.
    expect(
      await call('payment-requests:update', {
        paymentRequestId: pr.id,
        amount: '11',
        title: 'Bill',
      }),
    ).toMatchObject({ ok: false, code: 'bad-request', fields: [{ field: 'amount' }] })

    const other = await ok<PaymentRequestView>('payment-requests:create', {
      amount: '5',
      title: 'Gone',
    })
    await ok('payment-requests:archive', { paymentRequestId: other.id })
    expect(await call('payment-requests:pay', { paymentRequestId: other.id })).toMatchObject({
      ok: false,
      message: expect.stringContaining('archived'),
    })
    const archivedToo = await ok<{ requests: PaymentRequestView[] }>('payment-requests:list', {
      includeArchived: true,
      search: 'Gone',
    })
    expect(archivedToo.requests[0]?.archived).toBe(true)
    expect(await call('payment-requests:get', { paymentRequestId: 'nope' })).toMatchObject({
      ok: false,
      code: 'not-found',
      message: expect.stringContaining('archived or deleted'),
    })
    expect(
      await call('payment-requests:create', { amount: '5', title: 'X', currency: 'QQQ' }),
    ).toMatchObject({
      ok: false,
      fields: [{ field: 'currency' }],
    })
  })

  it('names the permission a view-only key lacks, and asks for a key when there is none', async () => {
    const { call } = await till([`btcpay.store.canviewpaymentrequests:${DEMO_STORE_ID}`])
    expect(await call('payment-requests:create', { amount: '5', title: 'X' })).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringContaining('btcpay.store.canmodifypaymentrequests'),
    })
    await rig.cores[0]?.apiKeys.removeApiKey()
    expect(await call('payment-requests:list', { includeArchived: false })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Manager › API key'),
    })
  })

  it('after a crash during /pay, the restart reuses the invoice BTCPay made: never two', async () => {
    const first = await till(ALL, 300)
    const pr = await first.ok<PaymentRequestView>('payment-requests:create', {
      amount: '8',
      title: 'Tab 4',
    })
    // The /pay and its immediate retry both go unanswered in time (BTCPay still acts on them).
    rig.server.control.addFault({
      kind: 'latency',
      latencyMs: 800,
      pathPrefix: '/api/v1/stores',
      method: 'POST',
      times: 2,
    })
    const answer = await first.call('payment-requests:pay', { paymentRequestId: pr.id })
    // The payment waits in the journal, to be asked again with invoice reuse.
    expect(answer.ok).toBe(false)
    await waitFor(() => invoicesOf(pr.id).length === 1)
    await first.core.stop()

    const second = await till(ALL)
    const day = { from: 0, to: Date.now() + 60_000 }
    const payments = async () => (await second.ok<{ sales: SaleView[] }>('sales:list', day)).sales
    await waitFor(async () => (await payments()).some((s) => s.phase === 'waiting'))
    expect(invoicesOf(pr.id)).toHaveLength(1)
    expect(await payments()).toEqual([
      expect.objectContaining({ paymentRequestId: pr.id, invoiceId: invoicesOf(pr.id)[0]?.id }),
    ])
  })

  it('after a crash during create, the restart finds the request by its reference and makes no second one', async () => {
    const first = await till(ALL, 300)
    rig.server.control.addFault({
      kind: 'latency',
      latencyMs: 800,
      pathPrefix: '/api/v1/stores',
      method: 'POST',
      times: 1,
    })
    rig.server.control.addFault({
      kind: 'error',
      status: 503,
      pathPrefix: '/api/v1/stores',
      method: 'GET',
      times: 1,
    })
    const answer = await first.call('payment-requests:create', { amount: '9', title: 'Crash' })
    expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('keeps checking') })
    await first.core.stop()
    await new Promise((r) => setTimeout(r, 900)) // BTCPay finishes the slow request meanwhile

    const second = await till(ALL)
    const list = async () =>
      (
        await second.ok<{ requests: PaymentRequestView[] }>('payment-requests:list', {
          includeArchived: true,
        })
      ).requests
    await waitFor(async () => (await list()).length === 1)
    const { existsSync, readFileSync } = await import('node:fs')
    const pendingFile = join(rig.dataDir, 'payment-requests-pending.json')
    await waitFor(() => !existsSync(pendingFile) || readFileSync(pendingFile, 'utf8') === '[]')
    expect(await list()).toHaveLength(1)
  })
})
