import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkBitIdSignature, parseDerLax, strictDer, verifyBitId } from './bitid-verify'
import { isValidSin, sinFromPublicKey } from '../core/encoding'
import type { TestServer } from '../server'
import {
  JSON_HEADERS,
  loadVectors,
  pairedSigner,
  request,
  signed,
  TestSigner,
  vectorCase,
  withServer,
} from '../test-helpers'

const vectors = loadVectors()
const hex = (s: string): Buffer => Buffer.from(s, 'hex')
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/** The high-S twin (n - s) of a DER signature, as elliptic without `canonical` would emit. */
function highSTwin(derHex: string): string {
  const { r, s } = parseDerLax(hex(derHex))!
  const int = (v: bigint): Buffer => {
    const b = Buffer.from(v.toString(16).padStart(64, '0'), 'hex')
    const trimmed = b.subarray(b.findIndex((x) => x !== 0))
    const enc = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed
    return Buffer.concat([Buffer.from([0x02, enc.length]), enc])
  }
  const body = Buffer.concat([int(r), int(N - s)])
  return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('hex')
}

describe('SIN derivation', () => {
  it.each(vectors.keys.map((k) => [k.label, k] as const))(
    'matches the vector for key %s',
    (_l, key) => {
      expect(sinFromPublicKey(hex(key.publicKeyHex))).toBe(key.sin)
      expect(new TestSigner(key.privateKeyHex).sin).toBe(key.sin)
      expect(isValidSin(key.sin)).toBe(true)
    },
  )

  it('validates SINs like NBitpayClient (checksum, 22 bytes, 0x0F 0x02)', () => {
    for (const c of vectors.libraryCrossChecks) {
      if (c.expectedValid !== undefined) expect(isValidSin(c.sin)).toBe(c.expectedValid)
      else if (c.publicKeyHex) expect(sinFromPublicKey(hex(c.publicKeyHex))).toBe(c.sin)
    }
    expect(isValidSin('not-a-sin')).toBe(false)
    // A valid Base58Check string with the wrong version bytes (a bitcoin address) is rejected.
    expect(isValidSin('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2')).toBe(false)
  })

  it('derives a different SIN from the uncompressed encoding of the same key', () => {
    const key = vectors.keys[0]!
    const signer = new TestSigner(key.privateKeyHex)
    const uncompressed = Buffer.concat([
      Buffer.from([4]),
      hex('79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
      hex('483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'),
    ])
    expect(sinFromPublicKey(uncompressed)).not.toBe(signer.sin)
  })
})

describe('BitId verification against the shared vectors', () => {
  for (const c of vectors.signingCases) {
    it(`${c.id} -> ${c.valid ? 'accepted' : 'rejected'}`, () => {
      expect(checkBitIdSignature(c.publicKeyHex, c.signatureDerHex, c.url, c.body)).toBe(c.valid)
    })
  }

  it('accepts the high-S twins (BTCPay normalises S before verifying)', () => {
    const twins = vectors.signingCases.filter((c) => c.highSTwinDerHex)
    expect(twins.length).toBeGreaterThan(0)
    for (const c of twins) {
      const sig = parseDerLax(hex(c.highSTwinDerHex!))!
      expect(sig.s > N / 2n).toBe(true)
      expect(highSTwin(c.signatureDerHex)).toBe(c.highSTwinDerHex)
      expect(checkBitIdSignature(c.publicKeyHex, c.highSTwinDerHex!, c.url, c.body)).toBe(true)
    }
  })

  it('rejects the scheme-mismatch case: an https-signed URL checked as http', () => {
    const c = vectorCase(vectors, 'invalid/scheme-mismatch')
    expect(c.url.startsWith('http://')).toBe(true)
    expect(checkBitIdSignature(c.publicKeyHex, c.signatureDerHex, c.url, c.body)).toBe(false)
    expect(
      checkBitIdSignature(
        c.publicKeyHex,
        c.signatureDerHex,
        c.url.replace('http:', 'https:'),
        c.body,
      ),
    ).toBe(true)
  })

  it('rejects a signature over SHA256(SHA256(message)) (double-hashed)', () => {
    const c = vectorCase(vectors, 'one/get-invoice')
    const signer = new TestSigner(c.privateKeyHex)
    expect(checkBitIdSignature(c.publicKeyHex, signer.sign(c.url), c.url, '')).toBe(true)
    expect(checkBitIdSignature(c.publicKeyHex, signer.signDoubleHashed(c.url), c.url, '')).toBe(
      false,
    )
  })

  it('hashes UTF-8 of url + body (non-ASCII body)', () => {
    const signer = new TestSigner()
    const url = 'http://127.0.0.1:1/invoices'
    const body = '{"itemDesc":"Café crème ☕"}'
    expect(checkBitIdSignature(signer.publicKeyHex, signer.sign(url, body), url, body)).toBe(true)
    expect(
      checkBitIdSignature(signer.publicKeyHex, signer.sign(url, body), url, body.normalize('NFD')),
    ).toBe(false)
  })

  it('returns the SIN of the x-identity bytes as received and accepts upper-case hex', () => {
    const c = vectorCase(vectors, 'one/post-invoice')
    expect(
      verifyBitId(c.publicKeyHex.toUpperCase(), c.signatureDerHex.toUpperCase(), c.url, c.body),
    ).toBe(vectors.keys[0]!.sin)
  })

  it('rejects malformed identities, signatures and relative URLs', () => {
    const c = vectorCase(vectors, 'one/post-invoice')
    expect(checkBitIdSignature('zz', c.signatureDerHex, c.url, c.body)).toBe(false)
    expect(checkBitIdSignature(c.publicKeyHex.slice(2), c.signatureDerHex, c.url, c.body)).toBe(
      false,
    )
    expect(checkBitIdSignature('02' + '00'.repeat(32), c.signatureDerHex, c.url, c.body)).toBe(
      false,
    )
    expect(checkBitIdSignature(c.publicKeyHex, c.signatureDerHex.slice(1), c.url, c.body)).toBe(
      false,
    )
    expect(checkBitIdSignature(c.publicKeyHex, '3000', c.url, c.body)).toBe(false)
    expect(checkBitIdSignature(c.publicKeyHex, c.signatureDerHex, '/invoices', c.body)).toBe(false)
  })
})

describe('lax DER parsing (ecdsa_signature_parse_der_lax)', () => {
  const c = vectorCase(vectors, 'one/get-invoice')
  const strict = hex(c.signatureDerHex)
  const { r, s } = parseDerLax(strict)!

  it('round-trips strict DER', () => {
    expect(strictDer(r, s).toString('hex')).toBe(c.signatureDerHex)
  })

  it('accepts padding zeros, a wrong sequence length, long-form lengths and trailing bytes', () => {
    const rb = Buffer.from(r.toString(16).padStart(64, '0'), 'hex')
    const sb = Buffer.from(s.toString(16).padStart(64, '0'), 'hex')
    const variants = [
      // extra leading zeros on r
      Buffer.concat([
        Buffer.from([0x30, 0x47, 0x02, 0x23, 0, 0, 0]),
        rb,
        Buffer.from([0x02, 0x20]),
        sb,
      ]),
      // sequence length byte lying
      Buffer.concat([Buffer.from([0x30, 0x00]), strict.subarray(2)]),
      // long-form length for r (0x81 0x20)
      Buffer.concat([
        Buffer.from([0x30, 0x45, 0x02, 0x81, 0x20]),
        rb,
        Buffer.from([0x02, 0x20]),
        sb,
      ]),
      // trailing garbage
      Buffer.concat([strict, Buffer.from([0xde, 0xad])]),
    ]
    for (const v of variants) {
      expect(parseDerLax(v)).toEqual({ r, s })
      expect(checkBitIdSignature(c.publicKeyHex, v.toString('hex'), c.url, c.body)).toBe(true)
    }
  })

  it('treats r >= n as an invalid (zero) signature and truncated input as unparseable', () => {
    const big = Buffer.concat([
      Buffer.from([0x30, 0x44, 0x02, 0x20]),
      Buffer.alloc(32, 0xff),
      strict.subarray(strict.length - 34),
    ])
    expect(parseDerLax(big)).toEqual({ r: 0n, s: 0n })
    expect(parseDerLax(strict.subarray(0, 10))).toBeNull()
  })
})

describe('BitId over HTTP', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await withServer()
  })
  afterAll(() => server.close())

  it('accepts a signed GET /tokens made with noble (URL = http:// + Host + path + raw query)', async () => {
    const { signer, token } = await pairedSigner(server)
    const r = await signed(signer, `${server.url}/tokens?x=a%20b&y=(1)`)
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ data: [{ merchant: token }] })
  })

  it('accepts a high-S signature on the wire', async () => {
    const { signer, token } = await pairedSigner(server)
    const url = `${server.url}/tokens`
    const der = highSTwin(signer.sign(url))
    expect(parseDerLax(hex(der))!.s > N / 2n).toBe(true)
    const res = await request(url, {
      headers: { ...JSON_HEADERS, 'x-identity': signer.publicKeyHex, 'x-signature': der },
    })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ data: [{ merchant: token }] })
  })

  it('rejects an https-signed URL sent to this http server (scheme mismatch) with 401 JSON', async () => {
    const { signer } = await pairedSigner(server)
    const url = `${server.url}/tokens`
    const res = await request(url, {
      headers: { ...JSON_HEADERS, ...signer.headers(url.replace('http://', 'https://')) },
    })
    expect(res.status).toBe(401)
    expect(res.json).toEqual({
      errors: [{ error: 'BitId authentication failed' }],
      error: 'BitId authentication failed',
    })
  })

  it('rejects a signature whose Host differs (localhost vs 127.0.0.1)', async () => {
    const { signer } = await pairedSigner(server)
    const url = `${server.url}/tokens`
    const res = await request(url, {
      headers: { ...JSON_HEADERS, ...signer.headers(url.replace('127.0.0.1', 'localhost')) },
    })
    expect(res.status).toBe(401)
  })

  it('rejects a tampered body and a double-hashed signature', async () => {
    const { signer } = await pairedSigner(server)
    const url = `${server.url}/invoices`
    const body = JSON.stringify({ price: 1, currency: 'USD' })
    const tampered = await request(url, {
      method: 'POST',
      body: body.replace('1', '2'),
      headers: { ...JSON_HEADERS, ...signer.headers(url, body) },
    })
    expect(tampered.status).toBe(401)
    const doubled = await request(url, {
      method: 'POST',
      body,
      headers: {
        ...JSON_HEADERS,
        'x-identity': signer.publicKeyHex,
        'x-signature': signer.signDoubleHashed(url, body),
      },
    })
    expect(doubled.status).toBe(401)
  })

  it('never checks the token value: any token in the body or query works for a paired SIN', async () => {
    const { signer } = await pairedSigner(server)
    const body = JSON.stringify({ price: 2, currency: 'USD', token: 'not-my-token' })
    const created = await signed(signer, `${server.url}/invoices`, { method: 'POST', body })
    expect(created.status).toBe(200)
    const id = (created.json as { data: { id: string } }).data.id
    const got = await signed(signer, `${server.url}/invoices/${id}?token=garbage`)
    expect(got.status).toBe(200)
  })

  it('an uncompressed x-identity verifies but maps to another SIN (unpaired -> 403)', async () => {
    const { signer } = await pairedSigner(server)
    const { ECDH } = await import('node:crypto')
    const uncompressed = (
      ECDH.convertKey(signer.publicKey, 'secp256k1', undefined, undefined, 'uncompressed') as Buffer
    ).toString('hex')
    const url = `${server.url}/invoices?token=x`
    const res = await request(url, {
      headers: { ...JSON_HEADERS, 'x-identity': uncompressed, 'x-signature': signer.sign(url) },
    })
    expect(res.status).toBe(403)
    expect(res.text).toBe('')
  })
})
