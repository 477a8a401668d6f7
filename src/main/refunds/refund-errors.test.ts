import { describe, expect, it } from 'vitest'
import { BtcpayError } from '../btcpay/errors'
import { greenfieldHttpError } from '../btcpay/greenfield-client'
import { mayHaveActed, refundFailureText, voidFailureText } from './refund-errors'

const answer = (status: number, body: unknown) =>
  greenfieldHttpError(
    status,
    JSON.stringify(body),
    'POST',
    '/api/v1/stores/s/invoices/i/refund',
    [],
  )

describe('refund errors', () => {
  it("turns BTCPay's non-refundable answer into a sentence that says which sales can be refunded", () => {
    const text = refundFailureText(
      answer(400, { code: 'non-refundable', message: 'Cannot refund this invoice' }),
    )
    expect(text).toMatch(/only settled, invalid, or expired invoices that were paid late/)
  })

  it('names the missing permission', () => {
    const err = answer(403, {
      code: 'missing-permission',
      message: 'x',
      missingPermission: 'btcpay.store.cancreatenonapprovedpullpayments',
    })
    expect(refundFailureText(err)).toContain('btcpay.store.cancreatenonapprovedpullpayments')
    expect(refundFailureText(err)).toMatch(/Nothing was refunded/)
    expect(mayHaveActed(err)).toBe(false)
  })

  it('says a timed-out or failed server may have made the refund, so it is looked up before a retry', () => {
    const timeout = new BtcpayError({
      code: 'timeout',
      message: 'The BTCPay Server did not answer in time.',
    })
    expect(mayHaveActed(timeout)).toBe(true)
    expect(refundFailureText(timeout)).toMatch(/may have been made/)
    expect(mayHaveActed(answer(500, {}))).toBe(true)
    expect(mayHaveActed(new BtcpayError({ code: 'connection-refused', message: 'refused' }))).toBe(
      false,
    )
  })

  it('tells the cashier a failed void leaves the invoice payable, and why', () => {
    expect(voidFailureText(null)).toMatch(/stays payable.*no Greenfield API key/)
    expect(voidFailureText(new BtcpayError({ code: 'timeout', message: 't' }))).toMatch(
      /could not be reached/,
    )
    expect(
      voidFailureText(
        answer(403, {
          code: 'missing-permission',
          missingPermission: 'btcpay.store.canmodifyinvoices',
        }),
      ),
    ).toMatch(/canmodifyinvoices/)
  })
})
