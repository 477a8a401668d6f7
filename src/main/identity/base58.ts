/**
 * Base58 (Bitcoin alphabet) and Base58Check, written on @noble/hashes so the app needs no extra
 * package (@scure/base is not installed). Only used for SINs, so speed does not matter.
 */
import { sha256 } from '@noble/hashes/sha2.js'

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]))

export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ''
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out
    n /= 58n
  }
  return '1'.repeat(zeros) + out
}

/** Throws `Error('invalid base58 ...')` on characters outside the alphabet. */
export function base58Decode(text: string): Uint8Array {
  let zeros = 0
  while (zeros < text.length && text[zeros] === '1') zeros++
  let n = 0n
  for (const c of text) {
    const v = INDEX.get(c)
    if (v === undefined) throw new Error('invalid base58 character')
    n = n * 58n + BigInt(v)
  }
  const body: number[] = []
  while (n > 0n) {
    body.unshift(Number(n & 0xffn))
    n >>= 8n
  }
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...body])
}

/** First four bytes of SHA256(SHA256(payload)). */
export function base58Checksum(payload: Uint8Array): Uint8Array {
  return sha256(sha256(payload)).slice(0, 4)
}

export function base58CheckEncode(payload: Uint8Array): string {
  const out = new Uint8Array(payload.length + 4)
  out.set(payload)
  out.set(base58Checksum(payload), payload.length)
  return base58Encode(out)
}

/** Returns the payload, or throws when the text is not Base58 or the checksum does not match. */
export function base58CheckDecode(text: string): Uint8Array {
  const all = base58Decode(text)
  if (all.length < 4) throw new Error('base58check: too short')
  const payload = all.slice(0, -4)
  const expected = base58Checksum(payload)
  const got = all.slice(-4)
  if (!expected.every((b, i) => b === got[i])) throw new Error('base58check: bad checksum')
  return payload
}
