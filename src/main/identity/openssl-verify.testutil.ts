/**
 * TEST HELPER: verify a BitId signature with node:crypto (OpenSSL), independently of noble.
 * Mirrors what BTCPay does: SHA-256 once over UTF-8(url + body), ECDSA over secp256k1, DER.
 */
import crypto from 'node:crypto'

export function publicKeyFromCompressedHex(pub33Hex: string): crypto.KeyObject {
  const uncompressed = crypto.ECDH.convertKey(
    Buffer.from(pub33Hex, 'hex'),
    'secp256k1',
    undefined,
    undefined,
    'uncompressed',
  ) as Buffer
  const x = uncompressed.subarray(1, 33).toString('base64url')
  const y = uncompressed.subarray(33, 65).toString('base64url')
  return crypto.createPublicKey({ format: 'jwk', key: { kty: 'EC', crv: 'secp256k1', x, y } })
}

export function opensslVerify(pub33Hex: string, message: string, derHex: string): boolean {
  return crypto.verify(
    'sha256',
    Buffer.from(message, 'utf8'),
    publicKeyFromCompressedHex(pub33Hex),
    Buffer.from(derHex, 'hex'),
  )
}
