import { describe, expect, it } from 'vitest'
import { say } from '../../../shared/ipc/sentence'
import type { PaymentRequestDetail, PaymentRequestView } from '../../../shared/payment-request'
import { defaultSettings } from '../../../shared/settings'
import { fakePosApi, ok } from './fake-pos-api.testutil'
import { createPaymentRequestsStore } from './payment-requests-store'

const made: PaymentRequestView = {
  id: 'pr-1',
  title: 'Tab 4',
  status: 'Pending',
  amountMinor: 4000,
  currency: 'USD',
  email: null,
  description: null,
  expiresAt: null,
  referenceId: 'T4',
  allowCustomPaymentAmounts: true,
  archived: false,
  createdAt: 1_700_000_000_000,
  publicUrl: 'https://btcpay.example.com/payment-requests/pr-1',
}
const detail: PaymentRequestDetail = { request: made, paidMinor: 0, dueMinor: 4000, invoices: [] }
const input = { amount: '40', title: 'Tab 4', referenceId: 'T4' }
const billLaterDefaults = {
  billLaterTitle: 'Catering',
  billLaterExpiryDays: 14,
  billLaterAllowPartial: false,
}

describe('payment requests store: Bill later and the form', () => {
  it('Bill later opens the form with the typed amount; a created request opens on its page', async () => {
    const fake = fakePosApi()
    const store = createPaymentRequestsStore(fake.api)
    store.getState().billLater('40', 'Coffee for the office', billLaterDefaults)
    expect(store.getState().page).toEqual({
      kind: 'new',
      amount: '40',
      title: 'Coffee for the office',
      expiryDays: 14,
      allowPartial: false,
    })
    fake.on('createPaymentRequest', () => ok(made))
    fake.on('getPaymentRequest', () => ok(detail))
    expect(await store.getState().createPaymentRequest(input)).toBe(true)
    expect(store.getState()).toMatchObject({
      page: { kind: 'detail', id: 'pr-1' },
      detail,
      busy: false,
    })
    expect(fake.calls.map((c) => c.method)).toEqual(['createPaymentRequest', 'getPaymentRequest'])
  })

  it('Bill later starts from the settings: their title when the cashier typed no description', () => {
    const store = createPaymentRequestsStore(fakePosApi().api)
    store.getState().billLater('12.50', '', billLaterDefaults)
    expect(store.getState().page).toEqual({
      kind: 'new',
      amount: '12.50',
      title: 'Catering',
      expiryDays: 14,
      allowPartial: false,
    })
    store
      .getState()
      .billLater('5', '', { ...defaultSettings, billLaterExpiryDays: null, billLaterTitle: '' })
    expect(store.getState().page).toEqual({
      kind: 'new',
      amount: '5',
      title: '',
      expiryDays: null,
      allowPartial: true,
    })
  })

  it('a refusal keeps the form, with the server’s sentence on the field it names', async () => {
    const fake = fakePosApi()
    const store = createPaymentRequestsStore(fake.api)
    store.getState().show({ kind: 'edit', request: made })
    fake.on('updatePaymentRequest', () => ({
      ok: false,
      code: 'bad-request',
      message: 'Amount cannot change once there is an invoice',
      fields: [{ field: 'amount', message: 'Amount cannot change once there is an invoice' }],
      words: [
        say('server.refused-fields', { text: 'Amount cannot change once there is an invoice' }),
      ],
    }))
    expect(
      await store.getState().updatePaymentRequest({ ...input, paymentRequestId: 'pr-1' }),
    ).toBe(false)
    expect(store.getState()).toMatchObject({
      page: { kind: 'edit', request: made },
      busy: false,
      error:
        'The BTCPay Server refused some of the values sent: Amount cannot change once there is an invoice',
      fields: [{ field: 'amount' }],
    })
  })
})
