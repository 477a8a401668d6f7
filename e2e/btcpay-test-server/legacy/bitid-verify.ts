// BitId verification as BTCPay does it (NBitpayClient CheckBitIDSignature on NBitcoin), with
// Node's OpenSSL as the verifier: SHA-256 once over UTF-8(url + body), lax DER parsing (libsecp256k1
// ecdsa_signature_parse_der_lax), high S accepted, SIN from the x-identity bytes as received.
import { createPublicKey, ECDH, verify } from 'node:crypto'
import { sinFromPublicKey } from '../core/encoding'

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/** Strict hex (either case, even length), as NBitcoin's hex decoder requires. */
export function decodeHex(text: string): Uint8Array | null {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(text)) return null
  return Buffer.from(text, 'hex')
}

const toBigInt = (bytes: Uint8Array): bigint =>
  bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'))

/**
 * Port of ecdsa_signature_parse_der_lax. Returns null where the C code returns 0 (unparseable);
 * an r or s that overflows 32 bytes or the group order yields {r:0,s:0}, which never verifies.
 */
export function parseDerLax(input: Uint8Array): { r: bigint; s: bigint } | null {
  const len = input.length
  let pos = 0
  const byteAt = (i: number): number => input[i] ?? 0
  if (pos === len || byteAt(pos) !== 0x30) return null
  pos++
  if (pos === len) return null
  let lenbyte = byteAt(pos++)
  if (lenbyte & 0x80) {
    lenbyte -= 0x80
    if (lenbyte > len - pos) return null
    pos += lenbyte
  }
  const readInt = (): { start: number; length: number } | null => {
    if (pos === len || byteAt(pos) !== 0x02) return null
    pos++
    if (pos === len) return null
    let lb = byteAt(pos++)
    let intLen: number
    if (lb & 0x80) {
      lb -= 0x80
      if (lb > len - pos) return null
      while (lb > 0 && byteAt(pos) === 0) {
        pos++
        lb--
      }
      if (lb >= 8) return null
      intLen = 0
      while (lb > 0) {
        intLen = intLen * 256 + byteAt(pos)
        pos++
        lb--
      }
    } else {
      intLen = lb
    }
    if (intLen > len - pos) return null
    const start = pos
    pos += intLen
    return { start, length: intLen }
  }
  const rPart = readInt()
  if (!rPart) return null
  const sPart = readInt()
  if (!sPart) return null
  const value = (part: { start: number; length: number }): bigint | null => {
    let { start, length } = part
    while (length > 0 && byteAt(start) === 0) {
      start++
      length--
    }
    if (length > 32) return null
    return toBigInt(input.subarray(start, start + length))
  }
  const r = value(rPart)
  const s = value(sPart)
  if (r === null || s === null || r >= N || s >= N) return { r: 0n, s: 0n }
  return { r, s }
}

function derInt(v: bigint): Buffer {
  let hex = v.toString(16)
  if (hex.length % 2) hex = '0' + hex
  let bytes = Buffer.from(hex, 'hex')
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes])
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes])
}

/** Strict DER of (r, s) with s normalised to the low half, as NBitcoin does before verifying. */
export function strictDer(r: bigint, s: bigint): Buffer {
  const lowS = s > N / 2n ? N - s : s
  const body = Buffer.concat([derInt(r), derInt(lowS)])
  return Buffer.concat([Buffer.from([0x30, body.length]), body])
}

/** A public key (33-byte compressed or 65-byte uncompressed) as an OpenSSL key object, or null. */
function publicKeyObject(pub: Uint8Array): ReturnType<typeof createPublicKey> | null {
  const prefix = pub[0]
  const shapeOk =
    (pub.length === 33 && (prefix === 0x02 || prefix === 0x03)) ||
    (pub.length === 65 && prefix === 0x04)
  if (!shapeOk) return null
  try {
    const point = ECDH.convertKey(pub, 'secp256k1', undefined, undefined, 'uncompressed') as Buffer
    const b64url = (b: Buffer): string => b.toString('base64url')
    return createPublicKey({
      key: {
        kty: 'EC',
        crv: 'secp256k1',
        x: b64url(point.subarray(1, 33)),
        y: b64url(point.subarray(33, 65)),
      },
      format: 'jwk',
    })
  } catch {
    return null
  }
}

function isAbsoluteUri(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol.length > 1 && u.host.length > 0
  } catch {
    return false
  }
}

/** CheckBitIDSignature: true when `signatureHex` signs SHA256(UTF-8(url + body)) under `identityHex`. */
export function checkBitIdSignature(
  identityHex: string,
  signatureHex: string,
  url: string,
  body: string,
): boolean {
  if (!isAbsoluteUri(url)) return false
  const pub = decodeHex(identityHex)
  const sigBytes = decodeHex(signatureHex)
  if (!pub || !sigBytes) return false
  const key = publicKeyObject(pub)
  const sig = parseDerLax(sigBytes)
  if (!key || !sig || sig.r === 0n || sig.s === 0n) return false
  return verify('sha256', Buffer.from(url + body, 'utf8'), key, strictDer(sig.r, sig.s))
}

/** The SIN of a verified request: computed from the x-identity bytes exactly as received. */
export function verifyBitId(
  identityHex: string,
  signatureHex: string,
  url: string,
  body: string,
): string | null {
  if (!checkBitIdSignature(identityHex, signatureHex, url, body)) return null
  const pub = decodeHex(identityHex)
  return pub ? sinFromPublicKey(pub) : null
}

/** The compressed form of a public key given in hex (33 or 65 bytes), or null if invalid. */
export function compressPublicKey(hex: string): Buffer | null {
  const pub = decodeHex(hex.trim())
  if (!pub || !publicKeyObject(pub)) return null
  return ECDH.convertKey(pub, 'secp256k1', undefined, undefined, 'compressed') as Buffer
}
