/**
 * Why a refund or a void did not happen, in one sentence for the person at the till, and whether
 * BTCPay can have acted on the request anyway (then the ledger entry stays `requested` and is
 * looked up before any retry).
 */
import { BtcpayError, type BtcpayErrorCode } from '../btcpay/errors'

/** Errors after which the request certainly created nothing at BTCPay. */
const NEVER_SENT: ReadonlySet<BtcpayErrorCode> = new Set([
  'connection-refused',
  'dns',
  'tls',
  'bad-request',
  'validation',
  'unauthorized',
  'forbidden',
  'missing-permission',
  'not-found',
  'invalid-input',
  'unexpected-redirect',
  'rate-limited',
])

export const NO_API_KEY =
  'This terminal has no Greenfield API key, so it cannot reach refunds and voids. Add one in ' +
  'Manager › API key.'

/** Whether a failed request may still have been carried out by BTCPay. */
export function mayHaveActed(err: unknown): boolean {
  return !(err instanceof BtcpayError && NEVER_SENT.has(err.code))
}

/** A refund that did not go through, in words. */
export function refundFailureText(err: unknown): string {
  if (!(err instanceof BtcpayError))
    return 'The refund failed inside the terminal. Nothing was refunded.'
  if (err.serverCode === 'non-refundable') {
    return (
      'BTCPay refuses to refund this sale in its present state: only settled, invalid, or expired ' +
      'invoices that were paid late, too much or in part can be refunded.'
    )
  }
  if (err.code === 'not-found')
    return "BTCPay does not know this sale's invoice in the store of the API key. Nothing was refunded."
  if (mayHaveActed(err)) {
    return `${err.message} The refund may have been made: the terminal checks with BTCPay before trying again.`
  }
  return `${err.message} Nothing was refunded.`
}

/** A void that did not go through: the sale is still cancelled here, but the customer can pay. */
export function voidFailureText(err: unknown): string {
  const why =
    err === null
      ? 'this terminal has no Greenfield API key to void it with'
      : err instanceof BtcpayError && err.code === 'missing-permission'
        ? 'the API key may not modify invoices (permission "btcpay.store.canmodifyinvoices")'
        : err instanceof BtcpayError && (err.code === 'bad-request' || err.code === 'validation')
          ? 'BTCPay refused to mark it invalid'
          : 'BTCPay could not be reached'
  return (
    `Cancelled here, but the invoice stays payable at BTCPay until it expires: ${why}. The ` +
    'terminal keeps watching it and says so if the customer pays anyway.'
  )
}
