// Identifier and address encodings used by BTCPay: Base58 (ids, tokens, pairing codes),
// Base58Check (SIN), bech32 (regtest addresses, BOLT11-looking strings).
import { createHash, randomBytes } from 'node:crypto'

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

export function base58Encode(bytes: Uint8Array): string {
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ''
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    out = '1' + out
  }
  return out
}

export function base58Decode(text: string): Uint8Array | null {
  let n = 0n
  for (const ch of text) {
    const i = B58.indexOf(ch)
    if (i < 0) return null
    n = n * 58n + BigInt(i)
  }
  const bytes: number[] = []
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn))
    n >>= 8n
  }
  for (const ch of text) {
    if (ch !== '1') break
    bytes.unshift(0)
  }
  return Uint8Array.from(bytes)
}

export const sha256 = (data: Uint8Array | string): Buffer =>
  createHash('sha256').update(data).digest()

export function base58CheckEncode(payload: Uint8Array): string {
  const checksum = sha256(sha256(payload)).subarray(0, 4)
  return base58Encode(Buffer.concat([payload, checksum]))
}

export function base58CheckDecode(text: string): Uint8Array | null {
  const raw = base58Decode(text)
  if (!raw || raw.length < 4) return null
  const payload = raw.subarray(0, raw.length - 4)
  const checksum = sha256(sha256(payload)).subarray(0, 4)
  return Buffer.compare(checksum, raw.subarray(raw.length - 4)) === 0 ? payload : null
}

/** SIN = Base58Check(0x0F 0x02 RIPEMD160(SHA256(pubkey bytes as given))). */
export function sinFromPublicKey(pub: Uint8Array): string {
  const h160 = createHash('ripemd160').update(sha256(pub)).digest()
  return base58CheckEncode(Buffer.concat([Buffer.from([0x0f, 0x02]), h160]))
}

/** NBitpayClient's ValidateSIN: Base58Check, 22 bytes, prefix 0x0F 0x02. */
export function isValidSin(sin: string): boolean {
  const payload = base58CheckDecode(sin)
  return !!payload && payload.length === 22 && payload[0] === 0x0f && payload[1] === 0x02
}

export const randomBase58 = (byteCount: number): string => base58Encode(randomBytes(byteCount))

/** TokenRepository.CreatePairingCodeAsync: Base58 of 6 random bytes, retried until 7 chars. */
export function newPairingCode(): string {
  for (;;) {
    const code = randomBase58(6)
    if (code.length === 7) return code
  }
}

// --- bech32 (BIP173) ---------------------------------------------------------------------------
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'

function polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
  let chk = 1
  for (const v of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ v
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i] ?? 0
  }
  return chk
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0))
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)]
}

export function bech32Encode(hrp: string, words: number[]): string {
  const mod = polymod([...hrpExpand(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31)
  return hrp + '1' + [...words, ...checksum].map((w) => BECH32[w]).join('')
}

export function toWords(bytes: Uint8Array): number[] {
  let acc = 0
  let bits = 0
  const out: number[] = []
  for (const b of bytes) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out.push((acc >>> bits) & 31)
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31)
  return out
}

/** A fresh regtest P2WPKH address (bcrt1q...). The key behind it is random: nothing can spend it. */
export function newRegtestAddress(): string {
  return bech32Encode('bcrt', [0, ...toWords(randomBytes(20))])
}

/**
 * A BOLT11-shaped regtest invoice string: correct prefix, amount multiplier and bech32 checksum,
 * random tagged-field data. It is not signed by any node and cannot be paid.
 */
export function newRegtestBolt11(sats: bigint): string {
  // 1 sat = 10 nano-BTC ("n" multiplier); BOLT11 amounts must not start with 0.
  const amount = sats > 0n ? `${sats * 10n}n` : ''
  return bech32Encode(`lnbcrt${amount}`, toWords(randomBytes(200)))
}
