/** Headers of a BitId-signed request to the legacy (BitPay-compatible) BTCPay API. */
import type { BitIdAuthHeaders, RequestSigner } from '../identity/signer'

export const X_ACCEPT_VERSION = '2.0.0'

export type LegacyApiHeaders = BitIdAuthHeaders & {
  'x-accept-version': string
  'Content-Type': string
  Accept: string
}

/**
 * `Content-Type: application/json` goes on GETs too: BTCPay routes `GET /invoices/{id}` to the
 * legacy API only with a JSON content type or a `token` query. `Accept: application/json` keeps
 * empty-body error pages from being rendered as HTML.
 */
export function legacyApiHeaders(auth: BitIdAuthHeaders): LegacyApiHeaders {
  return {
    'x-identity': auth['x-identity'],
    'x-signature': auth['x-signature'],
    'x-accept-version': X_ACCEPT_VERSION,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  }
}

/** Sign `url + body` (the exact strings that go on the wire) and build all headers. */
export function signedLegacyHeaders(
  signer: RequestSigner,
  url: string,
  body: string,
): LegacyApiHeaders {
  return legacyApiHeaders(signer.signRequest(url, body))
}
