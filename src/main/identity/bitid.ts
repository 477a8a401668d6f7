/**
 * BitId primitives (see shared docs/bitid.md): key generation, compressed public key, SIN, and the
 * request signature `DER(ECDSA(SHA256(utf8(url + body))))` with RFC6979 nonces and low S.
 *
 * The functions that take a secret key are for the identity service in this folder only; nothing
 * here returns or logs a secret key except `generateSecretKey`, whose result goes straight into the
 * vault.
 */
import * as secp from '@noble/secp256k1'
import { sha256 } from '@noble/hashes/sha2.js'
import { hmac } from '@noble/hashes/hmac.js'
import { ripemd160 } from '@noble/hashes/legacy.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { base58CheckDecode, base58CheckEncode } from './base58'
import { compactToDer } from './der'

// The sync API of noble v3 needs these hooks; set them once, at module load.
secp.hashes.sha256 = sha256
secp.hashes.hmacSha256 = (key, msg) => hmac(sha256, key, msg)

const SIN_PREFIX = Uint8Array.of(0x0f, 0x02)
const HEX64 = /^[0-9a-f]{64}$/

/** A fresh 32-byte secp256k1 secret from the platform CSPRNG. */
export function generateSecretKey(): Uint8Array {
  return secp.utils.randomSecretKey()
}

/** True for 64 lowercase hex characters encoding a scalar in [1, n-1]. */
export function isValidSecretKeyHex(hex: string): boolean {
  return HEX64.test(hex) && secp.utils.isValidSecretKey(hexToBytes(hex))
}

export function secretKeyFromHex(hex: string): Uint8Array {
  if (!isValidSecretKeyHex(hex)) throw new Error('not a valid secp256k1 secret key')
  return hexToBytes(hex)
}

export function secretKeyToHex(secretKey: Uint8Array): string {
  return bytesToHex(secretKey)
}

/** 33-byte SEC1 compressed public key. */
export function compressedPublicKey(secretKey: Uint8Array): Uint8Array {
  return secp.getPublicKey(secretKey, true)
}

/** RIPEMD160(SHA256(pub)). */
export function hash160(publicKey: Uint8Array): Uint8Array {
  return ripemd160(sha256(publicKey))
}

/** 0x0f 0x02 ‖ hash160(pub33), the 22 bytes that Base58Check turns into the SIN. */
export function sinPayload(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 33) throw new Error('SIN needs the 33-byte compressed public key')
  const out = new Uint8Array(22)
  out.set(SIN_PREFIX)
  out.set(hash160(publicKey), 2)
  return out
}

export function sinFromPublicKey(publicKey: Uint8Array): string {
  return base58CheckEncode(sinPayload(publicKey))
}

/** Same check as BTCPay's ValidateSIN: Base58Check, 22 bytes, prefix 0x0f 0x02. */
export function isValidSin(sin: string): boolean {
  try {
    const payload = base58CheckDecode(sin)
    return payload.length === 22 && payload[0] === 0x0f && payload[1] === 0x02
  } catch {
    return false
  }
}

/** UTF-8 bytes of the string BitId signs: the absolute on-wire URL followed by the exact body. */
export function bitIdMessage(url: string, body: string): Uint8Array {
  return new TextEncoder().encode(url + body)
}

/**
 * Sign `url + body`: SHA-256 once (noble's default prehash), RFC6979, low S, strict DER, lowercase
 * hex. Never pass a digest here: that would sign SHA256(digest) (vector `invalid/double-hashed`).
 */
export function signBitId(secretKey: Uint8Array, url: string, body: string): string {
  const compact = secp.sign(bitIdMessage(url, body), secretKey, { lowS: true, prehash: true })
  return bytesToHex(compactToDer(compact))
}
