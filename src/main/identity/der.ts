/**
 * Strict DER for ECDSA signatures. @noble/secp256k1 v3 only speaks the 64-byte compact form
 * (r ‖ s), so we encode DER ourselves. All lengths are < 128, so one-byte lengths suffice.
 */

function derInteger(be32: Uint8Array): Uint8Array {
  let i = 0
  while (i < be32.length - 1 && be32[i] === 0) i++
  const trimmed = be32.slice(i)
  const needsPad = ((trimmed[0] ?? 0) & 0x80) !== 0
  const value = needsPad ? Uint8Array.from([0, ...trimmed]) : trimmed
  return Uint8Array.from([0x02, value.length, ...value])
}

/** Compact 64-byte r ‖ s → strict DER `30 len 02 len r 02 len s`. */
export function compactToDer(compact: Uint8Array): Uint8Array {
  if (compact.length !== 64) throw new Error('compact signature must be 64 bytes')
  const r = derInteger(compact.subarray(0, 32))
  const s = derInteger(compact.subarray(32, 64))
  return Uint8Array.from([0x30, r.length + s.length, ...r, ...s])
}

function readStrictInteger(der: Uint8Array, at: number): { value: Uint8Array; next: number } {
  if (der[at] !== 0x02) throw new Error('DER: expected INTEGER')
  const len = der[at + 1]
  if (len === undefined || len === 0 || len > 33) throw new Error('DER: bad INTEGER length')
  const start = at + 2
  const value = der.slice(start, start + len)
  if (value.length !== len) throw new Error('DER: truncated')
  const first = value[0] ?? 0
  if (first & 0x80) throw new Error('DER: negative INTEGER')
  if (len > 1 && first === 0 && ((value[1] ?? 0) & 0x80) === 0) {
    throw new Error('DER: non-minimal INTEGER')
  }
  const unpadded = first === 0 && len > 1 ? value.slice(1) : value
  if (unpadded.length > 32) throw new Error('DER: INTEGER too large')
  const out = new Uint8Array(32)
  out.set(unpadded, 32 - unpadded.length)
  return { value: out, next: start + len }
}

/**
 * Strict DER → compact 64 bytes. Rejects anything that is not minimally encoded, so it doubles as
 * the "is this strict DER" check in tests. (BTCPay itself parses laxly; we only ever emit strict.)
 */
export function derToCompact(der: Uint8Array): Uint8Array {
  if (der[0] !== 0x30) throw new Error('DER: expected SEQUENCE')
  if (der[1] !== der.length - 2) throw new Error('DER: bad SEQUENCE length')
  const r = readStrictInteger(der, 2)
  const s = readStrictInteger(der, r.next)
  if (s.next !== der.length) throw new Error('DER: trailing bytes')
  const out = new Uint8Array(64)
  out.set(r.value, 0)
  out.set(s.value, 32)
  return out
}
