import { AppError, type ErrorCode } from '../../shared/ipc/result'
import { say, type Sentence } from '../../shared/ipc/sentence'
import { BtcpayError, type BtcpayErrorCode } from './errors'

const codes: Record<BtcpayErrorCode, ErrorCode> = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  'missing-permission': 'forbidden',
  validation: 'bad-request',
  'not-found': 'not-found',
  'bad-request': 'bad-request',
  'pairing-expired': 'pairing-expired',
  'pairing-reused-key': 'pairing-reused-key',
  'pairing-code-unknown': 'pairing-code-unknown',
  'rate-limited': 'rate-limited',
  'unexpected-redirect': 'unexpected-redirect',
  'server-error': 'server-error',
  'connection-refused': 'connection-refused',
  dns: 'dns',
  tls: 'tls',
  timeout: 'timeout',
  'malformed-response': 'malformed-response',
  'response-too-large': 'malformed-response',
  network: 'network',
  'not-paired': 'not-paired',
  'invalid-input': 'bad-input',
}

/** The till's error code for a client's. */
export const errorCodeOf = (code: BtcpayErrorCode): ErrorCode => codes[code]

/** Greenfield routes live under /api/v1; its 401 and 403 speak of the API key, not the BitId signature. */
const isGreenfield = (err: BtcpayError) => err.path?.includes('/api/v1/') === true

/**
 * What a BTCPay client failure tells the person at the till, as sentences: the words of its code,
 * or of the finer reason it knows, then what BTCPay itself wrote, as it wrote it.
 */
export function btcpayWords(err: BtcpayError): Sentence[] {
  switch (err.code) {
    case 'missing-permission':
      return [say('server.missing-permission', { permission: err.missingPermission ?? '' })]
    case 'response-too-large':
      return [say('server.too-large')]
    case 'validation': {
      const text = err.fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message))
      return text.length > 0
        ? [say('server.refused-fields', { text: text.join('; ').slice(0, 2000) })]
        : [say('failed', { code: 'bad-request' })]
    }
    case 'unauthorized':
    case 'forbidden':
      if (isGreenfield(err))
        return [
          say(err.code === 'unauthorized' ? 'server.api-key-refused' : 'server.api-key-forbidden'),
        ]
  }
  const words = [say('failed', { code: codes[err.code] })]
  if (err.serverMessage && (err.code === 'bad-request' || err.code === 'not-found'))
    words.push(say('server.said', { text: err.serverMessage.slice(0, 2000) }))
  return words
}

/** A BTCPay client failure as the renderer sees it; its message is already written for people. */
export function toAppError(err: unknown): unknown {
  return err instanceof BtcpayError
    ? new AppError(codes[err.code], err.message, undefined, undefined, btcpayWords(err))
    : err
}
