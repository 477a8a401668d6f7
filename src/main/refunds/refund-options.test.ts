import { describe, expect, it } from 'vitest'
import type { RefundPreview } from '../btcpay/greenfield-models'
import {
  afterKeeping,
  defaultVariant,
  fiatMinorOf,
  refundOptionsOf,
  whyNotRefundable,
} from './refund-options'

const preview = (over: Partial<RefundPreview> = {}): RefundPreview => ({
  paymentAmountThen: '0.00025',
  paymentAmountNow: '0.00020833',
  invoiceAmount: '12.50',
  paymentCurrency: 'BTC',
  invoiceCurrency: 'USD',
  overpaidPaymentAmount: null,
  ...over,
})

describe('whyNotRefundable follows BTCPay CanRefund', () => {
  const sale = (status: string, exceptionStatus = 'none') =>
    whyNotRefundable({ status, exceptionStatus, invoiceId: 'inv' } as never)

  it('accepts settled, invalid and expired-with-money sales', () => {
    expect(sale('complete')).toBeNull()
    expect(sale('invalid')).toBeNull()
    for (const x of ['paidLate', 'paidOver', 'paidPartial']) expect(sale('expired', x)).toBeNull()
  })

  it('refuses a sale still processing, an open one and an unpaid expired one, saying why', () => {
    expect(sale('paid')?.text).toMatch(/still being confirmed/)
    expect(sale('paid')?.words).toEqual([{ id: 'refund.still-confirming' }])
    expect(sale('new')?.text).toMatch(/Cancel it instead/)
    expect(sale('expired')?.text).toMatch(/without payment/)
    expect(
      whyNotRefundable({ status: 'not-created', exceptionStatus: 'none', invoiceId: null })?.text,
    ).toMatch(/never got an invoice/)
  })
})

describe('refundOptionsOf', () => {
  it('offers the fiat amount first, then the bitcoin paid, today’s value and a custom part', () => {
    const { options, paidMinor } = refundOptionsOf(
      { currency: 'USD', exceptionStatus: 'none' },
      preview(),
    )
    expect(paidMinor).toBe(1250)
    expect(options.map((o) => o.variant)).toEqual(['Fiat', 'RateThen', 'CurrentRate', 'Custom'])
    expect(options[0]).toMatchObject({ amount: '12.50', amountCurrency: 'USD', fiatMinor: 1250 })
    expect(options[1]).toMatchObject({ amount: '0.00025', amountCurrency: 'BTC' })
    expect(options[2]).toMatchObject({ amount: '0.00020833', amountCurrency: 'BTC' })
    expect(defaultVariant(options)).toBe('Fiat')
  })

  it('offers the overpaid part of an overpaid sale first, valued in the sale currency', () => {
    const { options } = refundOptionsOf(
      { currency: 'USD', exceptionStatus: 'paidOver' },
      preview({
        paymentAmountThen: '0.000275',
        invoiceAmount: '13.75',
        overpaidPaymentAmount: '0.000025',
      }),
    )
    const over = options.find((o) => o.variant === 'OverpaidAmount')
    expect(over).toMatchObject({ amount: '0.000025', fiatMinor: 125 })
    expect(defaultVariant(options)).toBe('OverpaidAmount')
  })

  it('keeps zero-decimal and three-decimal currencies exact', () => {
    expect(fiatMinorOf('1875', 'JPY')).toBe(1875)
    expect(fiatMinorOf('1.250', 'BHD')).toBe(1250)
    expect(fiatMinorOf('12.505', 'USD')).toBeNull()
    expect(fiatMinorOf('12.5000', 'USD')).toBe(1250)
  })
})

describe('afterKeeping', () => {
  it('keeps a percentage as a fee, rounding half up to the minor unit', () => {
    expect(afterKeeping(1250, undefined)).toBe(1250)
    expect(afterKeeping(1250, '10')).toBe(1125)
    expect(afterKeeping(1250, '2.5')).toBe(1219) // 1218.75
    expect(afterKeeping(1250, '100')).toBe(0)
  })

  it('refuses a percentage over 100 or that is not a number', () => {
    expect(afterKeeping(1250, '100.01')).toBeNull()
    expect(afterKeeping(1250, 'ten')).toBeNull()
  })
})
