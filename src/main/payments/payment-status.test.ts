import { describe, expect, it } from 'vitest'
import { legacyInvoiceSchema } from '../btcpay/legacy-models'
import type { LegacyInvoice } from '../btcpay/legacy-models'
import type { ExceptionStatusName, LegacyStatusName, PaymentPhase } from './payment-status'
import {
  DEFAULT_EXPIRED_GRACE_MS,
  normalizeExceptionStatus,
  paymentStatusOf,
  phaseOf,
  samePaymentStatus,
} from './payment-status'

const EXPIRES = 1_700_000_900_000
const NOW = 1_700_000_100_000

/** A legacy invoice as the client hands it over (numbers kept as text, then parsed by zod). */
function invoice(fields: Record<string, unknown> = {}): LegacyInvoice {
  return legacyInvoiceSchema.parse({
    id: 'Inv1',
    url: 'https://btcpay.example.com/invoice?id=Inv1',
    status: 'new',
    exceptionStatus: false,
    price: '12.5',
    currency: 'USD',
    invoiceTime: '1700000000000',
    expirationTime: String(EXPIRES),
    currentTime: String(NOW),
    btcPrice: '0.00025',
    btcDue: '0.00025',
    btcPaid: '0',
    cryptoInfo: [
      { cryptoCode: 'BTC', paymentType: 'BTC-CHAIN', due: '0.00025', totalDue: '0.00025' },
    ],
    ...fields,
  })
}

const WIRE_EXCEPTION: Record<ExceptionStatusName, string | false> = {
  none: false,
  paidPartial: 'paidPartial',
  paidOver: 'paidOver',
  paidLate: 'paidLater',
  marked: 'marked',
}

// Every row of the table in payment-status.ts: [status, exception, phase, final (inside grace)].
const TABLE: [LegacyStatusName, ExceptionStatusName, PaymentPhase, boolean][] = [
  ['new', 'none', 'waiting', false],
  ['new', 'paidPartial', 'partial', false],
  ['new', 'paidOver', 'waiting', false],
  ['new', 'paidLate', 'paid-late', false],
  ['new', 'marked', 'waiting', false],
  ['paid', 'none', 'paid', false],
  ['paid', 'paidPartial', 'paid', false],
  ['paid', 'paidOver', 'overpaid', false],
  ['paid', 'paidLate', 'paid-late', false],
  ['paid', 'marked', 'paid', false],
  ['complete', 'none', 'settled', true],
  ['complete', 'paidPartial', 'settled', true],
  ['complete', 'paidOver', 'overpaid', true],
  ['complete', 'paidLate', 'settled', true],
  ['complete', 'marked', 'settled', true],
  ['expired', 'none', 'expired', false],
  ['expired', 'paidPartial', 'expired', false],
  ['expired', 'paidOver', 'paid-late', true],
  ['expired', 'paidLate', 'paid-late', true],
  ['expired', 'marked', 'expired', false],
  ['invalid', 'none', 'invalid', true],
  ['invalid', 'paidPartial', 'invalid', true],
  ['invalid', 'paidOver', 'invalid', true],
  ['invalid', 'paidLate', 'invalid', true],
  ['invalid', 'marked', 'invalid', true],
]

describe('the phase table', () => {
  it.each(TABLE)('%s + %s → %s (final %s)', (status, exception, phase, final) => {
    expect(phaseOf(status, exception)).toBe(phase)
    const s = paymentStatusOf(invoice({ status, exceptionStatus: WIRE_EXCEPTION[exception] }), NOW)
    expect(s).toMatchObject({
      invoiceId: 'Inv1',
      phase,
      legacyStatus: status,
      exceptionStatus: exception,
      confirmed: status === 'complete',
      final,
      expiresAt: EXPIRES,
      observedAt: NOW,
    })
  })

  it('covers every combination exactly once', () => {
    expect(new Set(TABLE.map(([s, e]) => `${s}/${e}`)).size).toBe(25)
  })
})

describe('wire values', () => {
  it('reads paidLater (2.x) and paidLate (1.x) alike, false as none, unknown as none', () => {
    expect(normalizeExceptionStatus('paidLater')).toBe('paidLate')
    expect(normalizeExceptionStatus('paidLate')).toBe('paidLate')
    expect(normalizeExceptionStatus(null)).toBe('none')
    expect(normalizeExceptionStatus('somethingNew')).toBe('none')
    const late = paymentStatusOf(invoice({ status: 'expired', exceptionStatus: 'paidLate' }), NOW)
    expect(late).toMatchObject({ phase: 'paid-late', exceptionStatus: 'paidLate', final: true })
  })

  it("reads 1.x's confirmed as complete (settled, final)", () => {
    expect(paymentStatusOf(invoice({ status: 'confirmed' }), NOW)).toMatchObject({
      phase: 'settled',
      legacyStatus: 'complete',
      confirmed: true,
      final: true,
    })
  })
})

describe('amounts', () => {
  it('gives the full amount due while waiting, nothing paid', () => {
    expect(paymentStatusOf(invoice(), NOW)).toMatchObject({
      dueText: '0.00025',
      paidText: null,
    })
  })

  it('gives the exact remaining and paid amounts of a partial payment', () => {
    const s = paymentStatusOf(
      invoice({
        exceptionStatus: 'paidPartial',
        btcDue: '0.000125',
        btcPaid: '0.000125',
      }),
      NOW,
    )
    expect(s).toMatchObject({ phase: 'partial', dueText: '0.000125', paidText: '0.000125' })
  })

  it('keeps the paid part of an expired partial payment, with nothing due', () => {
    const s = paymentStatusOf(
      invoice({ status: 'expired', exceptionStatus: 'paidPartial', btcPaid: '0.0001' }),
      NOW,
    )
    expect(s).toMatchObject({ phase: 'expired', dueText: null, paidText: '0.0001' })
  })

  it('derives the paid amount exactly from cryptoInfo when there is no on-chain method', () => {
    const s = paymentStatusOf(
      invoice({
        exceptionStatus: 'paidPartial',
        btcDue: null,
        btcPaid: null,
        cryptoInfo: [
          { cryptoCode: 'BTC', paymentType: 'BTC-LN', due: '0.00010001', totalDue: '0.00025' },
        ],
      }),
      NOW,
    )
    expect(s).toMatchObject({ dueText: '0.00010001', paidText: '0.00014999' })
  })

  it('prefers the on-chain cryptoInfo entry', () => {
    const s = paymentStatusOf(
      invoice({
        btcDue: null,
        btcPaid: null,
        cryptoInfo: [
          { cryptoCode: 'BTC', paymentType: 'BTC-LN', due: '0.1', totalDue: '0.1' },
          { cryptoCode: 'BTC', paymentType: 'BTC-CHAIN', due: '0.2', totalDue: '0.3' },
        ],
      }),
      NOW,
    )
    expect(s).toMatchObject({ dueText: '0.2', paidText: '0.1' })
  })

  it('reports an overpayment as paid (more than the price), nothing due', () => {
    const s = paymentStatusOf(
      invoice({
        status: 'paid',
        exceptionStatus: 'paidOver',
        btcDue: '-0.00001',
        btcPaid: '0.00026',
      }),
      NOW,
    )
    expect(s).toMatchObject({ phase: 'overpaid', dueText: null, paidText: '0.00026' })
  })
})

describe('expired invoices and the late-payment grace period', () => {
  const expired = (serverNow: number) =>
    invoice({ status: 'expired', currentTime: String(serverNow) })

  it('is not final inside the grace period, measured on the server clock', () => {
    expect(paymentStatusOf(expired(EXPIRES + 1000), 0).final).toBe(false)
    expect(paymentStatusOf(expired(EXPIRES + DEFAULT_EXPIRED_GRACE_MS - 1), 0).final).toBe(false)
    expect(paymentStatusOf(expired(EXPIRES + DEFAULT_EXPIRED_GRACE_MS), 0).final).toBe(true)
  })

  it('takes a configured grace period, and the local clock without currentTime', () => {
    expect(paymentStatusOf(expired(EXPIRES + 5000), 0, { expiredGraceMs: 5000 }).final).toBe(true)
    const noServerTime = invoice({ status: 'expired', currentTime: undefined })
    expect(paymentStatusOf(noServerTime, EXPIRES + 10, { expiredGraceMs: 100 }).final).toBe(false)
    expect(paymentStatusOf(noServerTime, EXPIRES + 100, { expiredGraceMs: 100 }).final).toBe(true)
  })
})

describe('samePaymentStatus', () => {
  it('ignores only observedAt', () => {
    const a = paymentStatusOf(invoice(), NOW)
    expect(samePaymentStatus(a, paymentStatusOf(invoice(), NOW + 5))).toBe(true)
    expect(samePaymentStatus(a, paymentStatusOf(invoice({ btcDue: '0.0002' }), NOW))).toBe(false)
  })
})
