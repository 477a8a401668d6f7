// GreenfieldPaymentRequestsController and PaymentRequestService behaviour, each test naming what
// of BTCPay it reproduces; every response checked against the OpenAPI templates.
import { describe, expect, it } from 'vitest'
import { validateRequest, validateResponse } from '../openapi/validator'
import type { Json } from './greenfield.testutil'
import { expectValid, S, useGreenfield } from './greenfield.testutil'

const g = useGreenfield()
const { key, call } = g

describe('payment requests', () => {
  const prKey = (): string =>
    key(`btcpay.store.canmodifypaymentrequests:${S}`, `btcpay.store.canviewinvoices:${S}`)

  it('create, get, list, update, archive, with OpenAPI shapes', async () => {
    const k = prKey()
    const body = {
      amount: '25.00',
      currency: 'USD',
      title: 'Table 5',
      description: '<p>Dinner</p>',
      referenceId: 'T5',
    }
    expectValid(validateRequest('PaymentRequests_CreatePaymentRequest', body))
    const created = await call('POST', `/stores/${S}/payment-requests`, k, body)
    expect(created.status).toBe(200)
    expectValid(validateResponse('PaymentRequests_CreatePaymentRequest', 200, created.json))
    const pr = created.json as Json
    expect(pr).toMatchObject({
      storeId: S,
      currency: 'USD',
      title: 'Table 5',
      status: 'Pending',
      archived: false,
      referenceId: 'T5',
      expiryDate: null,
      allowCustomPaymentAmounts: false,
    })
    // BTCPay writes the PR amount as a JSON number (decimal scale kept).
    expect(created.text).toContain('"amount":25.00')
    const id = pr['id'] as string
    const got = await call('GET', `/payment-requests/${id}`, k)
    expectValid(validateResponse('PaymentRequests_GetPaymentRequest', 200, got.json))
    const listed = await call('GET', `/stores/${S}/payment-requests`, k)
    expectValid(validateResponse('PaymentRequests_GetPaymentRequests', 200, listed.json))
    expect((listed.json as Json[]).map((p) => p['id'])).toEqual([id])

    const updated = await call('PUT', `/stores/${S}/payment-requests/${id}`, k, {
      ...body,
      title: 'Table 6',
      amount: '30',
    })
    expect(updated.status).toBe(200)
    expectValid(validateResponse('PaymentRequests_UpdatePaymentRequest', 200, updated.json))
    expect(updated.json).toMatchObject({ title: 'Table 6', amount: 30 })

    expect((await call('DELETE', `/stores/${S}/payment-requests/${id}`, k)).status).toBe(200)
    expect((await call('DELETE', `/stores/${S}/payment-requests/${id}`, k)).status).toBe(404)
    expect((await call('GET', `/stores/${S}/payment-requests`, k)).json).toEqual([])
    expect(
      ((await call('GET', `/stores/${S}/payment-requests?includeArchived=true`, k)).json as Json[])
        .length,
    ).toBe(1)
    const missing = await call('GET', `/stores/${S}/payment-requests/nope`, k)
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual({
      code: 'payment-request-not-found',
      message: 'The payment request was not found',
    })
  })

  it('validates create/update (422) and needs canmodifypaymentrequests', async () => {
    const k = prKey()
    const bad = await call('POST', `/stores/${S}/payment-requests`, k, {
      amount: '0',
      currency: 'XXX',
    })
    expect(bad.status).toBe(422)
    expect(bad.json).toEqual([
      { path: 'Amount', message: 'Please provide an amount greater than 0' },
      { path: 'Currency', message: 'Invalid currency' },
      { path: 'Title', message: 'Title is required' },
    ])
    const viewOnly = key(`btcpay.store.canviewpaymentrequests:${S}`)
    const denied = await call('POST', `/stores/${S}/payment-requests`, viewOnly, {
      amount: '1',
      title: 't',
    })
    expect(denied.status).toBe(403)
    expect(denied.json).toMatchObject({
      missingPermission: 'btcpay.store.canmodifypaymentrequests',
    })
  })

  it('pay: creates invoices for the due amount, reuses pending ones, and reports the PR status', async () => {
    const k = prKey()
    const pr = (
      await call('POST', `/stores/${S}/payment-requests`, k, {
        amount: '30',
        title: 'Split bill',
        allowCustomPaymentAmounts: true,
      })
    ).json as Json
    const id = pr['id'] as string
    const viewer = key(`btcpay.store.canviewpaymentrequests:${S}`)
    const payBody = { amount: '10' }
    expectValid(validateRequest('PaymentRequests_Pay', payBody))
    const inv = await call('POST', `/stores/${S}/payment-requests/${id}/pay`, viewer, payBody)
    expect(inv.status).toBe(200)
    expectValid(validateResponse('PaymentRequests_Pay', 200, inv.json))
    expect(inv.json).toMatchObject({
      amount: '10.00',
      currency: 'USD',
      metadata: { orderId: `PAY_REQUEST_${id}`, paymentRequestId: id },
    })
    const invoiceId = (inv.json as Json)['id'] as string
    const reused = await call('POST', `/payment-requests/${id}/pay`, viewer, {
      amount: '10',
      allowPendingInvoiceReuse: true,
    })
    expect((reused.json as Json)['id']).toBe(invoiceId)
    g.server.control.pay(invoiceId)
    expect(((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']).toBe(
      'Pending',
    )
    const rest = await call('POST', `/payment-requests/${id}/pay`, viewer, {})
    expect((rest.json as Json)['amount']).toBe('20.00')
    g.server.control.pay((rest.json as Json)['id'] as string)
    expect(((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']).toBe(
      'Processing',
    )
    g.server.control.confirm(invoiceId)
    g.server.control.confirm((rest.json as Json)['id'] as string)
    expect(((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']).toBe(
      'Completed',
    )
    const paid = await call('POST', `/payment-requests/${id}/pay`, viewer, {})
    expect(paid.status).toBe(400)
    expect(paid.json).toEqual({
      code: 'already-paid',
      message: 'This payment request is already paid',
    })
    expectValid(validateResponse('PaymentRequests_Pay', 400, paid.json))
  })

  it('pay errors: custom amount not allowed (422), archived, expired, not found', async () => {
    const k = prKey()
    const mk = async (extra: Json) =>
      (
        (
          await call('POST', `/stores/${S}/payment-requests`, k, {
            amount: '5',
            title: 't',
            ...extra,
          })
        ).json as Json
      )['id'] as string
    const fixed = await mk({})
    const custom = await call('POST', `/payment-requests/${fixed}/pay`, k, { amount: '1' })
    expect(custom.status).toBe(422)
    expect(custom.json).toEqual([
      { path: 'Amount', message: "This payment request doesn't allow custom payment amount" },
    ])
    expectValid(validateResponse('PaymentRequests_Pay', 422, custom.json))
    const archived = await mk({})
    await call('DELETE', `/payment-requests/${archived}`, k)
    expect((await call('POST', `/payment-requests/${archived}/pay`, k, {})).json).toMatchObject({
      code: 'archived',
    })
    const expiring = await mk({ expiryDate: Math.floor(g.server.control.now() / 1000) + 60 })
    g.server.control.advanceClock(61_000)
    expect((await call('POST', `/payment-requests/${expiring}/pay`, k, {})).json).toMatchObject({
      code: 'expired',
    })
    expect(((await call('GET', `/payment-requests/${expiring}`, k)).json as Json)['status']).toBe(
      'Expired',
    )
    expect((await call('POST', `/payment-requests/nope/pay`, k, {})).status).toBe(404)
  })
})

describe('payment requests as BTCPay keeps them (PaymentRequestService, InvoiceRepository)', () => {
  const modify = (): string =>
    key(`btcpay.store.canmodifypaymentrequests:${S}`, `btcpay.store.canviewinvoices:${S}`)
  const nowSeconds = (): number => Math.floor(g.server.control.now() / 1000)

  async function create(k: string, extra: Json = {}): Promise<string> {
    const r = await call('POST', `/stores/${S}/payment-requests`, k, {
      amount: '30',
      currency: 'USD',
      title: 'Tab',
      ...extra,
    })
    expect(r.status).toBe(200)
    return (r.json as Json)['id'] as string
  }
  async function pay(k: string, id: string, body: Json = {}): Promise<Json> {
    const r = await call('POST', `/payment-requests/${id}/pay`, k, body)
    expect(r.status).toBe(200)
    expectValid(validateResponse('PaymentRequests_Pay', 200, r.json))
    return r.json as Json
  }
  const status = async (k: string, id: string): Promise<unknown> =>
    ((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']

  it('status is stored: once the expiry passes while Pending it is Expired for good, even if paid later', async () => {
    const k = modify()
    const id = await create(k, { expiryDate: nowSeconds() + 60 })
    const inv = await pay(k, id)
    g.server.control.advanceClock(61_000)
    expect(await status(k, id)).toBe('Expired')
    // The invoice itself (15 min) is still payable; paying it does not revive the request.
    g.server.control.pay(inv['id'] as string)
    g.server.control.confirm(inv['id'] as string)
    expect(await status(k, id)).toBe('Expired')
    // Removing the expiry brings an Expired request back to Pending, then it is recomputed.
    const put = await call('PUT', `/payment-requests/${id}`, k, {
      amount: '30',
      title: 'Tab',
      expiryDate: null,
    })
    expect((put.json as Json)['status']).toBe('Completed')
  })

  it('the amount due counts payments on every invoice: a partly paid New or Expired one too, not a late payment', async () => {
    const k = modify()
    const id = await create(k, { allowCustomPaymentAmounts: true })
    const first = await pay(k, id, { amount: '10' })
    // 10 000 sats at 50 000 USD/BTC = 5.00 USD, paid while the invoice was New.
    g.server.control.pay(first['id'] as string, { mode: 'partial', sats: 10_000 })
    expect((await pay(k, id))['amount']).toBe('25.00')
    g.server.control.expire(first['id'] as string)
    // Expired with a partial payment: still counted (the new invoice of 25.00 is reused below).
    const again = await pay(k, id, { allowPendingInvoiceReuse: true })
    expect(again['amount']).toBe('25.00')
    // A payment received after the invoice expired is not counted (GetContributionsByPaymentMethodId).
    g.server.control.pay(first['id'] as string, { sats: 10_000 })
    const third = await pay(k, id, { amount: '25' })
    expect(third['amount']).toBe('25.00')
  })

  it('referenceId and e-mail are copied into the invoices: textSearch finds them', async () => {
    const k = modify()
    const id = await create(k, { referenceId: 'TAB-42', email: 'guest@example.com' })
    const inv = await pay(k, id)
    expect(inv['metadata']).toMatchObject({
      orderId: `PAY_REQUEST_${id}`,
      paymentRequestId: id,
      buyerEmail: 'guest@example.com',
    })
    const found = await call('GET', `/stores/${S}/invoices?textSearch=tab-42`, k)
    expectValid(validateResponse('Invoices_GetInvoices', 200, found.json))
    expect((found.json as Json[]).map((i) => i['id'])).toEqual([inv['id']])
  })

  it('allowPendingInvoiceReuse returns an invoice only while New and unpaid or partly paid', async () => {
    const k = modify()
    const id = await create(k, { allowCustomPaymentAmounts: true })
    const reuse = { allowPendingInvoiceReuse: true }
    const unpaid = await pay(k, id, reuse)
    expect((await pay(k, id, reuse))['id']).toBe(unpaid['id'])
    g.server.control.pay(unpaid['id'] as string, { mode: 'partial', sats: 2_000 })
    expect((await pay(k, id, reuse))['id']).toBe(unpaid['id'])
    // An amount different from the pending invoice's price: a new invoice.
    const other = await pay(k, id, { ...reuse, amount: '1' })
    expect(other['id']).not.toBe(unpaid['id'])
    g.server.control.expire(other['id'] as string)
    g.server.control.pay(unpaid['id'] as string, { mode: 'partial', sats: 1_000 })
    g.server.control.expire(unpaid['id'] as string)
    // Both Expired now: never reused.
    const fresh = await pay(k, id, reuse)
    expect([unpaid['id'], other['id']]).not.toContain(fresh['id'])
    // Paid in full (Processing): not reused either.
    g.server.control.pay(fresh['id'] as string)
    expect(await status(k, id)).toBe('Processing')
  })

  it('/pay checks in BTCPay order: 404, 422, archived, already-paid (unconfirmed counts), expired', async () => {
    const k = modify()
    expect((await call('POST', `/payment-requests/nope/pay`, k, { amount: '-1' })).status).toBe(404)
    // 422 before archived.
    const archived = await create(k, { expiryDate: nowSeconds() + 60 })
    const paid = await pay(k, archived)
    g.server.control.pay(paid['id'] as string)
    await call('DELETE', `/payment-requests/${archived}`, k)
    g.server.control.advanceClock(61_000)
    const invalid = await call('POST', `/payment-requests/${archived}/pay`, k, { amount: '0' })
    expect(invalid.status).toBe(422)
    // archived before already-paid and expired.
    const a = await call('POST', `/payment-requests/${archived}/pay`, k, {})
    expect(a.json).toMatchObject({ code: 'archived' })
    expectValid(validateResponse('PaymentRequests_Pay', 400, a.json))
    // already-paid (payment still unconfirmed) before expired.
    const unconfirmed = await create(k, { expiryDate: nowSeconds() + 60 })
    g.server.control.pay((await pay(k, unconfirmed))['id'] as string)
    g.server.control.advanceClock(61_000)
    const b = await call('POST', `/payment-requests/${unconfirmed}/pay`, k, {})
    expect(b.json).toEqual({
      code: 'already-paid',
      message: 'This payment request is already paid',
    })
    const c = await call(
      'POST',
      `/payment-requests/${await create(k, { expiryDate: nowSeconds() - 1 })}/pay`,
      k,
      {},
    )
    expect(c.json).toEqual({ code: 'expired', message: 'This payment request is expired' })
  })
})

describe('control: the customer pays a payment request from the phone', () => {
  it('pays part, then the rest, reusing the pending invoice as the public page does; over HTTP too', async () => {
    const k = key(`btcpay.store.canmodifypaymentrequests:${S}`)
    const id = (
      (
        await call('POST', `/stores/${S}/payment-requests`, k, {
          amount: '30',
          title: 'Deposit',
          allowCustomPaymentAmounts: true,
        })
      ).json as Json
    )['id'] as string
    const part = g.server.control.payPaymentRequest(id, { amount: '10' })
    expect(part).toMatchObject({ status: 'Pending', amountDue: '20.00' })
    expect(part.invoice).toMatchObject({ price: '10.00', orderId: `PAY_REQUEST_${id}` })
    const rest = await fetch(`${g.server.url}/_control/payment-requests/${id}/pay`, {
      method: 'POST',
      body: JSON.stringify({ paymentMethod: 'BTC-LN' }),
    })
    // The on-chain part still waits for its confirmation; the Lightning rest settled at once.
    expect(await rest.json()).toMatchObject({ status: 'Processing', amountDue: '0.00' })
    g.server.control.confirm(part.invoice.id)
    expect(((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']).toBe(
      'Completed',
    )
    expect(() => g.server.control.payPaymentRequest(id)).toThrow(/already-paid/)
  })
})
