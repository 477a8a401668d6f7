import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt parameters; stored in the hash so they can be raised later without breaking old hashes. */
const N = 16384
const r = 8
const p = 1
const KEY_LENGTH = 32

export const PIN_HASH_PATTERN =
  /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/

function derive(pin: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((done, fail) =>
    scrypt(pin, salt, KEY_LENGTH, { N: n, r: rr, p: pp, maxmem: 64 * 1024 * 1024 }, (err, key) =>
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
  if (n > 1 << 20 || rr > 32 || pp > 16) return false
  const expected = Buffer.from(m[5] ?? '', 'base64url')
  const key = await derive(pin, Buffer.from(m[4] ?? '', 'base64url'), n, rr, pp)
  return key.length === expected.length && timingSafeEqual(key, expected)
}
