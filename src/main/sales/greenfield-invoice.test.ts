import { describe, expect, it } from 'vitest'
import type { GreenfieldInvoice, InvoicePaymentMethod } from '../btcpay/greenfield-models'
import { paymentStatusOf } from '../payments/payment-status'
import { tillInvoiceOf } from './greenfield-invoice'
import { paymentLinksOf } from './payment-links'

const invoice = (patch: Partial<GreenfieldInvoice> = {}): GreenfieldInvoice => ({
  id: 'inv1',
  storeId: 'store1',
  amount: '12.50',
  paidAmount: null,
  currency: 'USD',
  type: 'Standard',
  checkoutLink: 'https://btcpay.example.com/i/inv1',
  status: 'New',
  additionalStatus: 'None',
  createdTime: 1_700_000_000,
  expirationTime: 1_700_000_900,
  monitoringExpiration: null,
  archived: false,
  metadata: { orderId: 'TILL-7', posData: { terminal: 'Bar' } },
  availableStatusesForManualMarking: [],
  ...patch,
})

const method = (id: string, patch: Partial<InvoicePaymentMethod> = {}): InvoicePaymentMethod => ({
  paymentMethodId: id,
  currency: 'BTC',
  activated: true,
  destination: 'dest',
  paymentLink: id === 'BTC-CHAIN' ? 'bitcoin:bc1qx?amount=0.00025' : 'lightning:lnbc250u1x',
  rate: '50000',
  amount: '0.00025',
  due: '0.00010',
  totalPaid: '0.00015',
  paymentMethodPaid: '0.00015',
  payments: [],
  ...patch,
})

// BTCPay builds the legacy and the Greenfield answer from one InvoiceEntity; these are the pairs
// its InvoiceEntity.GetInvoiceState gives (shared docs/btcpay-protocol.md §1.12).
describe('a Greenfield invoice read by the till', () => {
  it.each([
    ['New', 'None', 'waiting'],
    ['New', 'PaidPartial', 'partial'],
    ['Processing', 'None', 'paid'],
    ['Processing', 'PaidOver', 'overpaid'],
    ['Settled', 'None', 'settled'],
    ['Settled', 'Marked', 'settled'],
    ['Expired', 'PaidLate', 'paid-late'],
    ['Expired', 'PaidPartial', 'expired'],
    ['Invalid', 'Marked', 'invalid'],
  ] as const)('%s + %s is %s', (status, additionalStatus, phase) => {
    const till = tillInvoiceOf(invoice({ status, additionalStatus }), [method('BTC-CHAIN')])
    expect(paymentStatusOf(till, 1_700_000_100_000).phase).toBe(phase)
  })

  it('keeps order id, posData, times in ms and the BTC amounts as the server wrote them', () => {
    const till = tillInvoiceOf(invoice(), [method('BTC-CHAIN'), method('BTC-LN')])
    expect(till).toMatchObject({
      orderId: 'TILL-7',
      posData: '{"terminal":"Bar"}',
      url: 'https://btcpay.example.com/i/inv1',
      invoiceTime: 1_700_000_000_000,
      expirationTime: 1_700_000_900_000,
      btcPrice: '0.00025',
      btcDue: '0.00010',
      btcPaid: '0.00015',
      rate: '50000',
    })
    expect(paymentLinksOf(till)).toMatchObject({
      bip21: 'bitcoin:bc1qx?amount=0.00025',
      bolt11: 'lightning:lnbc250u1x',
    })
  })

  it('an LNURL method is never shown as a BOLT11 invoice', () => {
    const till = tillInvoiceOf(invoice(), [
      method('BTC-LNURL', { paymentLink: 'lightning:lnurl1abc' }),
      method('BTC-CHAIN'),
    ])
    expect(paymentLinksOf(till)).toMatchObject({ bip21: expect.any(String), bolt11: null })
  })
})
