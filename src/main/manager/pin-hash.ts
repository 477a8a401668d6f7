import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * scrypt parameters, stored in each hash so they can be raised without breaking old hashes.
 *
 * Why N = 2^16 (64 MiB per guess): a PIN has few digits, so the hash is all that stands between
 * a copied keychain entry and the PIN. At N = 2^16, r = 8 one guess costs about 0.17 s of one
 * laptop core (measured 2^14: ~45 ms, cost grows linearly in N); all 10^6 six-digit PINs on
 * 8 cores take 10^6 x 0.17 s / 8 ~ 5.9 hours (a 4-digit PIN still falls in ~3.5 minutes: the
 * rate limit in manager-lock.ts is what protects short PINs at the till). The old N = 2^14 took
 * ~1.5 hours for six digits. 64 MiB per guess also keeps GPUs from running thousands at once.
 */
const N = 65536
const r = 8
const p = 1
const KEY_LENGTH = 32
/** scrypt needs 128 * N * r bytes; room for the largest N we accept. */
const MAX_MEM = 256 * 1024 * 1024

export const PIN_HASH_PATTERN =
  /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/

function derive(pin: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((done, fail) =>
    scrypt(pin, salt, KEY_LENGTH, { N: n, r: rr, p: pp, maxmem: MAX_MEM }, (err, key) =>
      err ? fail(err) : done(key),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url): what a provisioning file carries as `managerPinHash`. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(pin, salt, N, r, p)
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPin(pin: string, hash: string): Promise<boolean> {
  const m = PIN_HASH_PATTERN.exec(hash)
  if (!m) return false
  const [n, rr, pp] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (n > 1 << 17 || rr > 8 || pp > 16) return false
  const expected = Buffer.from(m[5] ?? '', 'base64url')
  const key = await derive(pin, Buffer.from(m[4] ?? '', 'base64url'), n, rr, pp)
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** True for a hash made with weaker parameters than today's: re-hash it after the next good PIN. */
export function isWeakerThanCurrent(hash: string): boolean {
  const m = PIN_HASH_PATTERN.exec(hash)
  return !m || Number(m[1]) < N || Number(m[2]) < r
}
