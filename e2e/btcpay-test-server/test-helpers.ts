// Test-only helpers: a BitId signer on @noble/secp256k1 (independent of the server's OpenSSL
// verifier), the shared BitId vectors, a server fixture and small HTTP helpers.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as secp from '@noble/secp256k1'
import { hmac } from '@noble/hashes/hmac.js'
import { ripemd160 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { base58CheckEncode } from './core/encoding'
import type { TestServer } from './server'
import { startBtcpayTestServer } from './server'
import type { TestServerOptions } from './server'

secp.hashes.sha256 = sha256
secp.hashes.hmacSha256 = (k, m) => hmac(sha256, k, m)

// --- vectors ---------------------------------------------------------------------------------------

export interface VectorKey {
  label: string
  privateKeyHex: string
  publicKeyHex: string
  sin: string
}

export interface SigningCase {
  id: string
  method: string
  url: string
  body: string
  privateKeyHex?: string
  publicKeyHex: string
  digestHex: string
  signatureDerHex: string
  valid: boolean
  highSTwinDerHex?: string
}

export interface Vectors {
  keys: VectorKey[]
  signingCases: SigningCase[]
  libraryCrossChecks: Array<{
    publicKeyHex?: string
    sin: string
    expectedValid?: boolean
    valid?: boolean
  }>
}

/** The project's BitId vectors (provenance in testdata/README.md). */
export const VECTORS_PATH = resolve(import.meta.dirname, 'testdata/bitid-vectors.json')

export const loadVectors = (): Vectors => JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Vectors

export function vectorCase(v: Vectors, id: string): SigningCase {
  const c = v.signingCases.find((x) => x.id === id)
  if (!c) throw new Error(`vector ${id} missing`)
  return c
}

// --- signer ----------------------------------------------------------------------------------------

/** Strict DER from a 64-byte compact signature. */
export function compactToDer(compact: Uint8Array): string {
  const int = (b: Uint8Array): Uint8Array => {
    let i = 0
    while (i < b.length - 1 && b[i] === 0) i++
    const v = b.subarray(i)
    const padded = (v[0] ?? 0) & 0x80 ? concatBytes(Uint8Array.of(0), v) : v
    return concatBytes(Uint8Array.of(0x02, padded.length), padded)
  }
  const body = concatBytes(int(compact.subarray(0, 32)), int(compact.subarray(32, 64)))
  return bytesToHex(concatBytes(Uint8Array.of(0x30, body.length), body))
}

export class TestSigner {
  readonly secret: Uint8Array
  readonly publicKey: Uint8Array
  readonly publicKeyHex: string
  readonly sin: string

  constructor(privateKeyHex?: string) {
    this.secret = privateKeyHex ? hexToBytes(privateKeyHex) : secp.utils.randomSecretKey()
    this.publicKey = secp.getPublicKey(this.secret, true)
    this.publicKeyHex = bytesToHex(this.publicKey)
    const payload = concatBytes(Uint8Array.of(0x0f, 0x02), ripemd160(sha256(this.publicKey)))
    this.sin = base58CheckEncode(payload)
  }

  /** DER hex of ECDSA over SHA256(UTF-8(url + body)) (noble hashes once: prehash default). */
  sign(url: string, body = ''): string {
    return compactToDer(secp.sign(utf8ToBytes(url + body), this.secret))
  }

  /** The classic mistake: signing SHA256(SHA256(message)). */
  signDoubleHashed(url: string, body = ''): string {
    return compactToDer(secp.sign(sha256(utf8ToBytes(url + body)), this.secret))
  }

  headers(url: string, body = ''): Record<string, string> {
    return {
      'x-identity': this.publicKeyHex,
      'x-signature': this.sign(url, body),
      'x-accept-version': '2.0.0',
    }
  }
}

// --- server + HTTP -----------------------------------------------------------------------------------

export async function withServer(options: TestServerOptions = {}): Promise<TestServer> {
  return startBtcpayTestServer(options)
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  json: unknown
}

export async function request(
  url: string,
  init: {
    method?: string
    body?: string
    headers?: Record<string, string>
    redirect?: 'manual' | 'follow' | 'error'
  } = {},
): Promise<Reply> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    body: init.body,
    headers: init.headers,
    redirect: init.redirect ?? 'manual',
  })
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

export const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' }

/** A BitId-signed legacy request: signs exactly the URL and body that go on the wire. */
export function signed(
  signer: TestSigner,
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return request(url, {
    ...init,
    headers: { ...JSON_HEADERS, ...signer.headers(url, init.body ?? ''), ...init.headers },
  })
}

/** Pairs a fresh signer with the demo store (server-initiated code) and returns it with its token. */
export async function pairedSigner(
  server: TestServer,
  storeId?: string,
): Promise<{ signer: TestSigner; token: string }> {
  const signer = new TestSigner()
  const { pairingCode } = server.control.createPairingCode({ storeId })
  const body = JSON.stringify({ id: signer.sin, pairingCode, label: 'test' })
  const r = await request(`${server.url}/tokens`, { method: 'POST', body, headers: JSON_HEADERS })
  const data = (r.json as { data: Array<{ token: string }> }).data[0]
  if (r.status !== 200 || !data) throw new Error(`pairing failed: ${r.status} ${r.text}`)
  return { signer, token: data.token }
}

export const gf = (apiKey: string): Record<string, string> => ({
  ...JSON_HEADERS,
  Authorization: `token ${apiKey}`,
})
