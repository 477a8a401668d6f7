import { describe, expect, it } from 'vitest'
import { findCauseCode, networkErrorCode, redact } from './errors'
import { httpErrorCode } from './legacy-client'

describe('networkErrorCode', () => {
  const table: [string | undefined, string][] = [
    ['ECONNREFUSED', 'connection-refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['ETIMEDOUT', 'timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['ECONNRESET', 'network'],
    ['UND_ERR_SOCKET', 'network'],
    [undefined, 'network'],
  ]
  for (const [cause, code] of table) {
    it(`${cause} → ${code}`, () => expect(networkErrorCode(cause)).toBe(code))
  }
  it('finds the code in the cause chain of "TypeError: fetch failed"', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    })
    expect(findCauseCode(err)).toBe('ECONNREFUSED')
  })
})

describe('httpErrorCode', () => {
  it('maps statuses and pairing texts', () => {
    expect(httpErrorCode(401, undefined)).toBe('unauthorized')
    expect(httpErrorCode(403, undefined)).toBe('forbidden')
    expect(httpErrorCode(404, 'Object not found')).toBe('not-found')
    expect(httpErrorCode(404, 'The specified pairingCode is not found')).toBe(
      'pairing-code-unknown',
    )
    expect(httpErrorCode(400, 'Error while pairing (Expired)')).toBe('pairing-expired')
    expect(httpErrorCode(400, 'Error while pairing (ReusedKey)')).toBe('pairing-reused-key')
    expect(httpErrorCode(400, 'Invalid invoice')).toBe('bad-request')
    expect(httpErrorCode(415, undefined)).toBe('bad-request')
    expect(httpErrorCode(429, undefined)).toBe('rate-limited')
    expect(httpErrorCode(302, undefined)).toBe('unexpected-redirect')
    expect(httpErrorCode(502, undefined)).toBe('server-error')
  })
})

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redact('a SECRET b SECRET', ['SECRET', undefined, null, ''])).toBe(
      'a [redacted] b [redacted]',
    )
  })
})
