import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as secp from '@noble/secp256k1'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import { base58CheckDecode, base58Checksum, base58Decode, base58Encode } from './base58'
import {
  bitIdMessage,
  compressedPublicKey,
  generateSecretKey,
  hash160,
  isValidSecretKeyHex,
  isValidSin,
  secretKeyFromHex,
  signBitId,
  sinFromPublicKey,
  sinPayload,
} from './bitid'
import { compactToDer, derToCompact } from './der'
import { opensslVerify } from './openssl-verify.testutil'

interface KeyVector {
  label: string
  privateKeyHex: string
  publicKeyHex: string
  sin: string
  hash160Hex: string
  sinPayloadHex: string
  checksumHex: string
}
interface SigningCase {
  id: string
  url: string
  body: string
  privateKeyHex?: string
  publicKeyHex: string
  digestHex: string
  signatureDerHex: string
  valid: boolean
  highSTwinDerHex?: string
  signedStringUtf8Hex?: string
}
interface CrossCheck {
  source: string
  privateKeyHex?: string
  publicKeyHex?: string
  sin?: string
  expectedSin?: string
  valid?: boolean
  expectedValid?: boolean
  message?: string
  expectedSignatureDerHex?: string
  signatureDerHex?: string
  highS?: boolean
}

// Source and licence of the vectors: testdata/README.md.
const vectors = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'testdata/bitid-vectors.json'), 'utf8'),
) as { keys: KeyVector[]; signingCases: SigningCase[]; libraryCrossChecks: CrossCheck[] }

const N = secp.Point.CURVE().n

function isLowSStrictDer(derHex: string): boolean {
  const compact = derToCompact(hexToBytes(derHex)) // throws when not strict DER
  if (bytesToHex(compactToDer(compact)) !== derHex) return false
  return !secp.Signature.fromBytes(compact).hasHighS()
}

/** Plain ECDSA verification, high S allowed (what BTCPay accepts), with noble. */
function nobleVerifyLax(pubHex: string, message: string, derHex: string): boolean {
  try {
    const compact = derToCompact(hexToBytes(derHex))
    return secp.verify(compact, bitIdMessage(message, ''), hexToBytes(pubHex), { lowS: false })
  } catch {
    return false
  }
}

describe('BitId key vectors', () => {
  it('has vectors to test', () => {
    expect(vectors.keys.length).toBeGreaterThan(0)
    expect(vectors.signingCases.length).toBeGreaterThan(0)
  })
  for (const k of vectors.keys) {
    it(`derives public key, hash160, payload, checksum and SIN for "${k.label}"`, () => {
      expect(isValidSecretKeyHex(k.privateKeyHex)).toBe(true)
      const pub = compressedPublicKey(secretKeyFromHex(k.privateKeyHex))
      expect(bytesToHex(pub)).toBe(k.publicKeyHex)
      expect(bytesToHex(hash160(pub))).toBe(k.hash160Hex)
      const payload = sinPayload(pub)
      expect(bytesToHex(payload)).toBe(k.sinPayloadHex)
      expect(bytesToHex(base58Checksum(payload))).toBe(k.checksumHex)
      expect(sinFromPublicKey(pub)).toBe(k.sin)
      expect(k.sin).toMatch(/^Tf.{33}$/)
      expect(isValidSin(k.sin)).toBe(true)
      expect(bytesToHex(base58CheckDecode(k.sin))).toBe(k.sinPayloadHex)
    })
  }
})

describe('BitId library cross-checks', () => {
  for (const c of vectors.libraryCrossChecks) {
    if (c.privateKeyHex && c.sin) {
      it(`SIN for ${c.source}`, () => {
        const pub = compressedPublicKey(secretKeyFromHex(c.privateKeyHex as string))
        if (c.publicKeyHex) expect(bytesToHex(pub)).toBe(c.publicKeyHex)
        expect(sinFromPublicKey(pub)).toBe(c.expectedSin ?? c.sin)
      })
    }
    if (!c.privateKeyHex && c.sin) {
      it(`SIN validity for ${c.sin}`, () => {
        expect(isValidSin(c.sin as string)).toBe(c.expectedValid ?? c.valid)
      })
    }
    if (c.expectedSignatureDerHex && c.privateKeyHex && c.message !== undefined) {
      it(`reproduces the signature of ${c.source}`, () => {
        const sk = secretKeyFromHex(c.privateKeyHex as string)
        expect(signBitId(sk, c.message as string, '')).toBe(c.expectedSignatureDerHex)
      })
    }
    if (c.signatureDerHex && c.publicKeyHex && c.message !== undefined) {
      it(`accepts the reference signature over "${c.message.slice(0, 12)}…" (${c.source})`, () => {
        const msg = c.message as string
        expect(opensslVerify(c.publicKeyHex as string, msg, c.signatureDerHex as string)).toBe(true)
        expect(nobleVerifyLax(c.publicKeyHex as string, msg, c.signatureDerHex as string)).toBe(
          true,
        )
      })
    }
  }
})

describe('BitId signing vectors', () => {
  for (const c of vectors.signingCases) {
    if (c.valid && c.privateKeyHex) {
      it(`signs ${c.id} byte for byte`, () => {
        const sk = secretKeyFromHex(c.privateKeyHex as string)
        expect(bytesToHex(sha256(bitIdMessage(c.url, c.body)))).toBe(c.digestHex)
        if (c.signedStringUtf8Hex) {
          expect(bytesToHex(bitIdMessage(c.url, c.body))).toBe(c.signedStringUtf8Hex)
        }
        const der = signBitId(sk, c.url, c.body)
        expect(der).toBe(c.signatureDerHex)
        expect(isLowSStrictDer(der)).toBe(true)
        expect(opensslVerify(c.publicKeyHex, c.url + c.body, der)).toBe(true)
        if (c.highSTwinDerHex) {
          // the elliptic-style twin is valid too (BTCPay accepts it), but we never emit it
          expect(opensslVerify(c.publicKeyHex, c.url + c.body, c.highSTwinDerHex)).toBe(true)
          expect(isLowSStrictDer(c.highSTwinDerHex)).toBe(false)
        }
      })
    } else if (c.valid) {
      it(`accepts ${c.id} under verification`, () => {
        expect(opensslVerify(c.publicKeyHex, c.url + c.body, c.signatureDerHex)).toBe(true)
        expect(nobleVerifyLax(c.publicKeyHex, c.url + c.body, c.signatureDerHex)).toBe(true)
      })
    } else {
      it(`rejects ${c.id} under verification`, () => {
        expect(opensslVerify(c.publicKeyHex, c.url + c.body, c.signatureDerHex)).toBe(false)
        expect(nobleVerifyLax(c.publicKeyHex, c.url + c.body, c.signatureDerHex)).toBe(false)
      })
    }
  }
})

describe('BitId signatures against an independent verifier (OpenSSL)', () => {
  const bodies = [
    '',
    '{"price":12.5,"currency":"USD"}',
    '{"itemDesc":"Café crème ☕","orderId":"Ünïcødé-😀"}',
    '{"label":"Кассa №1 — 東京"}',
  ]
  it('verifies 200 signatures over random keys and messages, all low-S strict DER', () => {
    for (let i = 0; i < 200; i++) {
      const sk = generateSecretKey()
      const pubHex = bytesToHex(compressedPublicKey(sk))
      const url = `https://pay.example.com/btcpay/invoices/${crypto.randomBytes(8).toString('hex')}?token=${i}`
      const body = (bodies[i % bodies.length] as string) + crypto.randomBytes(i % 7).toString('hex')
      const der = signBitId(sk, url, body)
      expect(der).toMatch(/^30[0-9a-f]+$/)
      expect(isLowSStrictDer(der)).toBe(true)
      expect(opensslVerify(pubHex, url + body, der)).toBe(true)
      // the signature is bound to the exact string: a changed URL (http vs https) fails
      expect(opensslVerify(pubHex, url.replace('https:', 'http:') + body, der)).toBe(false)
    }
  })

  it('DER-encodes short r/s and top-bit values strictly', () => {
    const cases = [
      new Uint8Array(64).fill(0x01),
      Uint8Array.from([...new Uint8Array(31), 1, ...new Uint8Array(31), 2]),
      Uint8Array.from([0x80, ...new Uint8Array(31), 0x7f, ...new Uint8Array(31).fill(0xff)]),
      Uint8Array.from([0, 0x80, ...new Uint8Array(30), 0, 0, 0x01, ...new Uint8Array(29)]),
    ]
    for (const compact of cases) {
      const der = compactToDer(compact)
      expect(bytesToHex(derToCompact(der))).toBe(bytesToHex(compact))
      expect(der[1]).toBe(der.length - 2)
    }
    expect(() => derToCompact(hexToBytes('3006020200010201ff'))).toThrow()
  })
})

describe('secret key validation', () => {
  it('rejects 0, n, n+1, wrong length and upper-case / non-hex', () => {
    const hex = (v: bigint) => v.toString(16).padStart(64, '0')
    expect(isValidSecretKeyHex(hex(0n))).toBe(false)
    expect(isValidSecretKeyHex(hex(N))).toBe(false)
    expect(isValidSecretKeyHex(hex(N + 1n))).toBe(false)
    expect(isValidSecretKeyHex(hex(N - 1n))).toBe(true)
    expect(isValidSecretKeyHex('01')).toBe(false)
    expect(isValidSecretKeyHex('zz'.repeat(32))).toBe(false)
    expect(isValidSecretKeyHex('AB'.repeat(32))).toBe(false)
    expect(isValidSecretKeyHex(`${'ab'.repeat(32)}\n`)).toBe(false)
  })
  it('generates distinct valid keys', () => {
    const a = bytesToHex(generateSecretKey())
    const b = bytesToHex(generateSecretKey())
    expect(a).not.toBe(b)
    expect(isValidSecretKeyHex(a) && isValidSecretKeyHex(b)).toBe(true)
  })
})

describe('base58', () => {
  it('round-trips, keeps leading zeros, and rejects bad characters and checksums', () => {
    for (const bytes of [new Uint8Array(0), Uint8Array.of(0, 0, 1), crypto.randomBytes(25)]) {
      expect(bytesToHex(base58Decode(base58Encode(bytes)))).toBe(bytesToHex(bytes))
    }
    expect(base58Encode(Uint8Array.of(0, 0, 0x39))).toBe('11z')
    expect(() => base58Decode('0OIl')).toThrow()
    expect(isValidSin('Tf1Jc1xSbqasm5QLwwSQc5umddx2h7mAMhX')).toBe(false)
    expect(isValidSin('')).toBe(false)
  })
})
