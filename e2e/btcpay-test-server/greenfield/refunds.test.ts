// Refunds and pull payments as BTCPay makes them: GreenfieldInvoiceController.RefundInvoice and
// GetInvoiceRefundTriggerData, GreenfieldPullPaymentController, UIPullPaymentController.
import { describe, expect, it } from 'vitest'
import { validateComponent, validateResponse } from '../openapi/validator'
import { request } from '../test-helpers'
import type { Json } from './greenfield.testutil'
import { expectValid, S, useGreenfield } from './greenfield.testutil'

const g = useGreenfield()
const { key, call } = g

const REFUNDER = `btcpay.store.cancreatenonapprovedpullpayments:${S}`
const APPROVER = `btcpay.store.cancreatepullpayments:${S}`

/** A 20.00 USD invoice (40 000 sats at 50 000 USD/BTC), brought to a state by `settle`. */
async function invoice(
  settle: (id: string) => void = (id) => {
    g.server.control.pay(id)
    g.server.control.confirm(id)
  },
): Promise<string> {
  const k = key(`btcpay.store.cancreateinvoice:${S}`)
  const id = (
    (await call('POST', `/stores/${S}/invoices`, k, { amount: '20', currency: 'USD' })).json as Json
  )['id'] as string
  settle(id)
  return id
}

async function refund(k: string, id: string, body: Json) {
  const r = await call('POST', `/stores/${S}/invoices/${id}/refund`, k, body)
  if (r.status === 200) expectValid(validateResponse('Invoices_Refund', 200, r.json))
  return r
}

describe('POST …/invoices/{id}/refund (RefundInvoice)', () => {
  it('refuses what InvoiceEntity.CanRefund refuses: New, Processing, Expired without payment', async () => {
    const k = key(REFUNDER)
    const newInvoice = await invoice(() => undefined)
    const processing = await invoice((id) => g.server.control.pay(id))
    const expired = await invoice((id) => g.server.control.expire(id))
    for (const id of [newInvoice, processing, expired]) {
      const r = await refund(k, id, { refundVariant: 'RateThen' })
      expect(r.status).toBe(400)
      expect(r.json).toEqual({ code: 'non-refundable', message: 'Cannot refund this invoice' })
    }
    const partlyThenExpired = await invoice((id) => {
      g.server.control.pay(id, { mode: 'partial', sats: 10_000 })
      g.server.control.expire(id)
    })
    expect((await refund(k, partlyThenExpired, { refundVariant: 'RateThen' })).json).toMatchObject({
      currency: 'BTC',
      amount: '0.0001',
    })
  })

  it('needs cancreatenonapprovedpullpayments; approved at once only with cancreatepullpayments', async () => {
    const id = await invoice()
    const denied = await refund(key(`btcpay.store.canmodifyinvoices:${S}`), id, {
      refundVariant: 'RateThen',
    })
    expect(denied.status).toBe(403)
    expect(denied.json).toMatchObject({
      missingPermission: 'btcpay.store.cancreatenonapprovedpullpayments',
    })
    const pending = await refund(key(REFUNDER), id, { refundVariant: 'RateThen' })
    expect(pending.json).toMatchObject({ autoApproveClaims: false, name: `Refund ${id}` })
    const approved = await refund(key(APPROVER), id, { refundVariant: 'RateThen' })
    expect(approved.json).toMatchObject({ autoApproveClaims: true })
    // Fiat is never approved at once (the BTC amount is fixed when a manager approves).
    expect((await refund(key(APPROVER), id, { refundVariant: 'Fiat' })).json).toMatchObject({
      autoApproveClaims: false,
    })
  })

  it('pays what each of the five variants says, minus subtractPercentage', async () => {
    const k = key(APPROVER)
    const id = await invoice()
    g.server.control.setRate(S, 'USD', '40000')
    const amount = async (body: Json) => {
      const r = await refund(k, id, body)
      expect(r.status).toBe(200)
      return [(r.json as Json)['amount'], (r.json as Json)['currency']]
    }
    expect(await amount({ refundVariant: 'RateThen' })).toEqual(['0.0004', 'BTC'])
    // 20.00 USD at today's 40 000 USD/BTC.
    expect(await amount({ refundVariant: 'CurrentRate' })).toEqual(['0.0005', 'BTC'])
    expect(await amount({ refundVariant: 'Fiat' })).toEqual(['20.00', 'USD'])
    expect(await amount({ refundVariant: 'Fiat', subtractPercentage: '2.5' })).toEqual([
      '19.50',
      'USD',
    ])
    expect(
      await amount({ refundVariant: 'Custom', customAmount: '5', customCurrency: 'EUR' }),
    ).toEqual(['5.00', 'EUR'])
    const notOver = await refund(k, id, { refundVariant: 'OverpaidAmount' })
    expect(notOver.status).toBe(422)
    expect(notOver.json).toEqual([{ path: 'RefundVariant', message: 'Invoice is not overpaid' }])
    const over = await invoice((i) => {
      g.server.control.pay(i, { mode: 'over' })
      g.server.control.confirm(i)
    })
    // 40 000 sats due at the invoice's rate of 40 000 USD/BTC = 50 000 sats; overpaid by 5 000.
    expect((await refund(k, over, { refundVariant: 'OverpaidAmount' })).json).toMatchObject({
      amount: '0.00005',
    })
  })

  it('answers 422 with BTCPay paths for a missing variant, a bad percentage, custom fields misused, a foreign method', async () => {
    const k = key(REFUNDER)
    const id = await invoice()
    const errs = async (body: Json) => {
      const r = await refund(k, id, body)
      expect(r.status).toBe(422)
      expectValid(validateComponent('ValidationProblemDetails', r.json))
      return (r.json as Json[]).map((e) => e['path'])
    }
    expect(await errs({})).toEqual(['RefundVariant'])
    expect(await errs({ refundVariant: 'Fiat', subtractPercentage: '101' })).toEqual([
      'SubtractPercentage',
    ])
    expect(await errs({ refundVariant: 'Fiat', customAmount: '1' })).toEqual(['CustomAmount'])
    expect(
      await errs({ refundVariant: 'Custom', customAmount: '0', customCurrency: 'XYZ' }),
    ).toEqual(['CustomAmount', 'CustomCurrency'])
    expect(await errs({ refundVariant: 'Fiat', payoutMethods: ['LTC-CHAIN'] })).toEqual([
      'PayoutMethods',
      'PayoutMethods',
    ])
  })
})

describe('GET …/invoices/{id}/refund/{paymentMethodId} (GetInvoiceRefundTriggerData)', () => {
  it('previews each variant’s amount for a payment method of the invoice', async () => {
    const k = key(REFUNDER)
    const id = await invoice((i) => {
      g.server.control.pay(i, { mode: 'over' })
      g.server.control.confirm(i)
    })
    g.server.control.setRate(S, 'USD', '40000')
    const r = await call('GET', `/invoices/${id}/refund/BTC-CHAIN`, k)
    expect(r.status).toBe(200)
    expectValid(validateResponse('Invoices_GetInvoiceRefundTriggerData', 200, r.json))
    expect(r.json).toEqual({
      paymentAmountThen: '0.00044',
      paymentAmountNow: '0.00055',
      invoiceAmount: '22.00',
      paymentCurrency: 'BTC',
      paymentCurrencyDivisibility: 8,
      invoiceCurrencyDivisibility: 2,
      invoiceCurrency: 'USD',
      overpaidPaymentAmount: '0.00004',
    })
    expect((await call('GET', `/invoices/${id}/refund/LTC-CHAIN`, k)).json).toMatchObject({
      code: 'invalid-payment-method',
    })
  })
})

describe('the refund’s pull payment (GreenfieldPullPaymentController, UIPullPaymentController)', () => {
  it('is public by id, claimed by the customer, approved, paid, and its payouts listed', async () => {
    const id = await invoice()
    const pp = (await refund(key(REFUNDER), id, { refundVariant: 'Fiat' })).json as Json
    const ppId = pp['id'] as string
    expect(pp['viewLink']).toBe(`${g.server.url}/pull-payments/${ppId}`)
    const anonymous = await request(`${g.server.url}/api/v1/pull-payments/${ppId}`)
    expectValid(validateResponse('PullPayments_GetPullPayment', 200, anonymous.json))
    expect(anonymous.json).toEqual(pp)
    const pageBefore = await request(pp['viewLink'] as string)
    expect(pageBefore.text).toContain('<span id="left">20.00</span>')

    const claimed = g.server.control.claimPullPayment(ppId, { amount: '15' })
    expect(claimed).toMatchObject({
      state: 'AwaitingApproval',
      originalAmount: '15.00',
      payoutAmount: null,
    })
    const approved = g.server.control.approvePayout(claimed.id)
    // 15.00 USD at 50 000 USD/BTC.
    expect(approved).toMatchObject({ state: 'AwaitingPayment', payoutAmount: '0.0003' })
    g.server.control.payPayout(claimed.id)
    const payouts = await request(`${g.server.url}/api/v1/pull-payments/${ppId}/payouts`)
    expectValid(validateResponse('PullPayments_GetPayouts', 200, payouts.json))
    expect(payouts.json).toMatchObject([
      { id: claimed.id, state: 'Completed', payoutMethodId: 'BTC-CHAIN' },
    ])
    // The customer claims the rest on the page.
    const form = new URLSearchParams({
      Destination: 'bcrt1qexample',
      ClaimedAmount: '5',
      SelectedPayoutMethod: 'BTC-CHAIN',
    })
    const posted = await request(pp['viewLink'] as string, {
      method: 'POST',
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(posted.status).toBe(302)
    const pageAfter = await request(pp['viewLink'] as string)
    expect(pageAfter.text).toContain('<span id="left">0.00</span>')
    expect(() => g.server.control.claimPullPayment(ppId, { amount: '0.01' })).toThrow(/exceeds/)
  })

  it('offers LNURL-withdraw only for a BTC pull payment payable over Lightning', async () => {
    const id = await invoice((i) => g.server.control.pay(i, { paymentMethod: 'BTC-LN' }))
    const k = key(APPROVER)
    const btcLn = (await refund(k, id, { refundVariant: 'RateThen', payoutMethods: ['BTC-LN'] }))
      .json as Json
    const lnurl = await request(
      `${g.server.url}/api/v1/pull-payments/${btcLn['id'] as string}/lnurl`,
    )
    expect(lnurl.status).toBe(200)
    expectValid(validateResponse('PullPayments_GetPullPaymentLNURL', 200, lnurl.json))
    expect((lnurl.json as Json)['lnurlBech32']).toMatch(/^LNURL1[02-9ACDEFGHJKLMNPQRSTUVWXYZ]+$/)
    expect((lnurl.json as Json)['lnurlUri']).toBe(
      `lnurlw://${g.server.url.replace('http://', '')}/BTC/UILNURL/withdraw/pp/${btcLn['id'] as string}`,
    )
    const fiat = (await refund(k, id, { refundVariant: 'Fiat', payoutMethods: ['BTC-LN'] }))
      .json as Json
    const none = await request(`${g.server.url}/api/v1/pull-payments/${fiat['id'] as string}/lnurl`)
    expect(none.status).toBe(400)
    expect(none.json).toMatchObject({ code: 'lnurl-not-supported' })
    // Auto-approved: the claim goes straight to AwaitingPayment.
    expect(g.server.control.claimPullPayment(btcLn['id'] as string).state).toBe('AwaitingPayment')
  })
})
