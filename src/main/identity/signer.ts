/** What the HTTP layer needs from an identity. Holds no key material. */
export interface BitIdAuthHeaders {
  /** 33-byte compressed public key, lowercase hex. */
  'x-identity': string
  /** DER signature of url + body, lowercase hex. */
  'x-signature': string
}

export interface RequestSigner {
  readonly publicKeyHex: string
  readonly sin: string
  /** Sign the exact absolute URL that goes on the wire plus the exact body string ('' for GET). */
  signRequest(url: string, body: string): BitIdAuthHeaders
}
