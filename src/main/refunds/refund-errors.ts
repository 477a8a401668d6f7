/**
 * Why a refund or a void did not happen, in one sentence for the person at the till, and whether
 * BTCPay can have acted on the request anyway (then the ledger entry stays `requested` and is
 * looked up before any retry).
 */
import { say } from '../../shared/ipc/sentence'
import { BtcpayError, type BtcpayErrorCode } from '../btcpay/errors'
import { btcpayWords } from '../btcpay/to-app-error'
import type { Said } from './refund-notes'

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
export function refundFailure(err: unknown): Said {
  if (!(err instanceof BtcpayError))
    return {
      text: 'The refund failed inside the terminal. Nothing was refunded.',
      words: [say('refund.failed-inside')],
    }
  if (err.serverCode === 'non-refundable') {
    return {
      text:
        'BTCPay refuses to refund this sale in its present state: only settled, invalid, or expired ' +
        'invoices that were paid late, too much or in part can be refunded.',
      words: [say('refund.non-refundable')],
    }
  }
  if (err.code === 'not-found')
    return {
      text: "BTCPay does not know this sale's invoice in the store of the API key. Nothing was refunded.",
      words: [say('refund.invoice-unknown')],
    }
  if (mayHaveActed(err)) {
    return {
      text: `${err.message} The refund may have been made: the terminal checks with BTCPay before trying again.`,
      words: [...btcpayWords(err), say('refund.may-have-been-made')],
    }
  }
  return {
    text: `${err.message} Nothing was refunded.`,
    words: [...btcpayWords(err), say('refund.nothing-refunded')],
  }
}

/** Why a void did not happen (`err` null: no API key to void with). */
type VoidProblem = 'no-api-key' | 'no-permission' | 'refused' | 'unreachable'

const voidWhy: Record<VoidProblem, string> = {
  'no-api-key': 'this terminal has no Greenfield API key to void it with',
  'no-permission':
    'the API key may not modify invoices (permission "btcpay.store.canmodifyinvoices")',
  refused: 'BTCPay refused to mark it invalid',
  unreachable: 'BTCPay could not be reached',
}

/** A void that did not go through: the sale is still cancelled here, but the customer can pay. */
export function voidFailure(err: unknown): Said {
  const problem: VoidProblem =
    err === null
      ? 'no-api-key'
      : err instanceof BtcpayError && err.code === 'missing-permission'
        ? 'no-permission'
        : err instanceof BtcpayError && (err.code === 'bad-request' || err.code === 'validation')
          ? 'refused'
          : 'unreachable'
  return {
    text:
      `Cancelled here, but the invoice stays payable at BTCPay until it expires: ${voidWhy[problem]}. The ` +
      'terminal keeps watching it and says so if the customer pays anyway.',
    words: [say('void.stays-payable', { problem })],
  }
}
