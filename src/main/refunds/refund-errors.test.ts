import { describe, expect, it } from 'vitest'
import { BtcpayError } from '../btcpay/errors'
import { greenfieldHttpError } from '../btcpay/greenfield-client'
import { mayHaveActed, refundFailure, voidFailure } from './refund-errors'

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
    const said = refundFailure(
      answer(400, { code: 'non-refundable', message: 'Cannot refund this invoice' }),
    )
    expect(said.text).toMatch(/only settled, invalid, or expired invoices that were paid late/)
    expect(said.words).toEqual([{ id: 'refund.non-refundable' }])
  })

  it('names the missing permission', () => {
    const err = answer(403, {
      code: 'missing-permission',
      message: 'x',
      missingPermission: 'btcpay.store.cancreatenonapprovedpullpayments',
    })
    expect(refundFailure(err).text).toContain('btcpay.store.cancreatenonapprovedpullpayments')
    expect(refundFailure(err).text).toMatch(/Nothing was refunded/)
    expect(refundFailure(err).words).toEqual([
      {
        id: 'server.missing-permission',
        params: { permission: 'btcpay.store.cancreatenonapprovedpullpayments' },
      },
      { id: 'refund.nothing-refunded' },
    ])
    expect(mayHaveActed(err)).toBe(false)
  })

  it('says a timed-out or failed server may have made the refund, so it is looked up before a retry', () => {
    const timeout = new BtcpayError({
      code: 'timeout',
      message: 'The BTCPay Server did not answer in time.',
    })
    expect(mayHaveActed(timeout)).toBe(true)
    expect(refundFailure(timeout).text).toMatch(/may have been made/)
    expect(refundFailure(timeout).words.at(-1)).toEqual({ id: 'refund.may-have-been-made' })
    expect(mayHaveActed(answer(500, {}))).toBe(true)
    expect(mayHaveActed(new BtcpayError({ code: 'connection-refused', message: 'refused' }))).toBe(
      false,
    )
  })

  it('tells the cashier a failed void leaves the invoice payable, and why', () => {
    expect(voidFailure(null).text).toMatch(/stays payable.*no Greenfield API key/)
    expect(voidFailure(null).words).toEqual([
      { id: 'void.stays-payable', params: { problem: 'no-api-key' } },
    ])
    expect(voidFailure(new BtcpayError({ code: 'timeout', message: 't' })).text).toMatch(
      /could not be reached/,
    )
    expect(
      voidFailure(
        answer(403, {
          code: 'missing-permission',
          missingPermission: 'btcpay.store.canmodifyinvoices',
        }),
      ).text,
    ).toMatch(/canmodifyinvoices/)
  })
})
