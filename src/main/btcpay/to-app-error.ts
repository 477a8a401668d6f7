import { AppError, type ErrorCode } from '../../shared/ipc/result'
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

/** A BTCPay client failure as the renderer sees it; its message is already written for people. */
export function toAppError(err: unknown): unknown {
  return err instanceof BtcpayError ? new AppError(codes[err.code], err.message) : err
}
