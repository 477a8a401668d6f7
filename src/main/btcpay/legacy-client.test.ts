import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import { loadOrCreateIdentity } from '../identity/identity'
import type { Identity } from '../identity/identity'
import { DEFAULT_IDENTITY_ACCOUNT } from '../identity/identity'
import { opensslVerify } from '../identity/openssl-verify.testutil'
import type { LogFields, Logger } from '../log/logger'
import { BtcpayError } from './errors'
import type { BtcpayErrorCode } from './errors'
import { LegacyClient } from './legacy-client'
import type { LegacyClientOptions } from './legacy-client'

// ---------- a tiny loopback BTCPay stand-in ----------

interface Hit {
  method: string
  /** What BTCPay reconstructs: scheme + Host header + raw path and query. */
  fullUrl: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: string
  signatureValid: boolean
}

/** Every x-signature any test server received, for the secrets scan at the end. */
const sentSignatures = new Set<string>()

type Reply = (hit: Hit, res: http.ServerResponse) => void

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(text)
}

interface TestServer {
  base: string
  hits: Hit[]
  reply: Reply
  close(): Promise<void>
}

async function startServer(
  options: { tls?: { key: string; cert: string }; pathBase?: string } = {},
): Promise<TestServer> {
  const state: TestServer = {
    base: '',
    hits: [],
    reply: (_h, res) => json(res, 500, { error: 'no reply set' }),
    close: async () => {},
  }
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const fullUrl = `${options.tls ? 'https' : 'http'}://${req.headers.host}${req.url}`
      const u = new URL(fullUrl)
      const identity = String(req.headers['x-identity'] ?? '')
      const signature = String(req.headers['x-signature'] ?? '')
      let signatureValid: boolean
      try {
        signatureValid = opensslVerify(identity, fullUrl + body, signature)
      } catch {
        signatureValid = false
      }
      const hit: Hit = {
        method: req.method ?? '',
        fullUrl,
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body,
        signatureValid,
      }
      if (signature) sentSignatures.add(signature)
      state.hits.push(hit)
      state.reply(hit, res)
    })
  }
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  state.base = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${options.pathBase ?? ''}`
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    })
  return state
}

// ---------- fixtures ----------

const TOKEN = 'TokEn5ecretBase58xxxxxxxxxxxxxxxxxxxxxxxxxx'
const INVOICE = {
  id: 'Inv0ice1D',
  url: 'https://btcpay.example.com/invoice?id=Inv0ice1D',
  status: 'new',
  exceptionStatus: false,
  price: 12.5,
  currency: 'EUR',
  orderId: 'POS-0001',
  itemDesc: 'Café crème ☕',
  invoiceTime: 1700000000000,
  expirationTime: 1700000900000,
  currentTime: 1700000001234,
  btcPrice: '0.00025',
  btcDue: '0.00025',
  btcPaid: '0',
  rate: 50000.0,
  paymentUrls: { BIP21: 'bitcoin:bc1qxyz?amount=0.00025', BOLT11: null },
  cryptoInfo: [
    {
      cryptoCode: 'BTC',
      paymentType: 'BTC-CHAIN',
      address: 'bc1qxyz',
      due: '0.00025',
      totalDue: '0.00025',
      paymentUrls: { BIP21: 'bitcoin:bc1qxyz?amount=0.00025' },
      rate: 50000.0,
    },
  ],
  token: 'random-per-response',
}
const PAIRING = {
  data: [
    {
      policies: [],
      pairingCode: 'Ab3dE7k',
      pairingExpiration: 1700000900000,
      dateCreated: 1700000000000,
      facade: 'merchant',
      token: TOKEN,
      label: 'Till 1',
    },
  ],
}

const logLines: string[] = []
const log: Logger = Object.fromEntries(
  ['debug', 'info', 'warn', 'error'].map((level) => [
    level,
    (event: string, fields?: LogFields) =>
      void logLines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`),
  ]),
) as unknown as Logger

let identity: Identity
let privateKeyHex: string
let server: TestServer
const errors: unknown[] = []

beforeAll(async () => {
  const vault = createMemoryVaultForTests()
  identity = await loadOrCreateIdentity(vault)
  privateKeyHex = vault.entries.get(DEFAULT_IDENTITY_ACCOUNT) as string
  server = await startServer()
})
afterAll(async () => {
  await server.close()
})

function client(extra: Partial<LegacyClientOptions> = {}): LegacyClient {
  return new LegacyClient({
    baseUrl: server.base,
    identity,
    token: TOKEN,
    timeoutMs: 2_000,
    retry: { limit: 2, delayMs: () => 10 },
    log,
    ...extra,
  })
}

async function expectError(p: Promise<unknown>, code: BtcpayErrorCode): Promise<BtcpayError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  errors.push(err)
  expect(err).toBeInstanceOf(BtcpayError)
  expect((err as BtcpayError).code).toBe(code)
  expect((err as BtcpayError).message.length).toBeGreaterThan(20)
  return err as BtcpayError
}

function expectSignedJsonHeaders(hit: Hit): void {
  expect(hit.signatureValid).toBe(true)
  expect(hit.headers['x-identity']).toBe(identity.publicKeyHex)
  expect(hit.headers['x-signature']).toMatch(/^30[0-9a-f]+$/)
  expect(hit.headers['x-accept-version']).toBe('2.0.0')
  expect(hit.headers['content-type']).toBe('application/json')
  expect(hit.headers.accept).toBe('application/json')
}

function reset(reply: Reply): void {
  server.hits.length = 0
  server.reply = reply
}

// ---------- happy paths ----------

describe('LegacyClient requests', () => {
  it('requestPairing: signed POST /tokens {id, label}', async () => {
    reset((_h, res) => json(res, 200, PAIRING))
    const r = await client({ token: null }).requestPairing({ label: 'Till 1 ☕' })
    expect(r).toEqual({
      pairingCode: 'Ab3dE7k',
      pairingExpiration: 1700000900000,
      token: TOKEN,
      approvalUrl: `${server.base}/api-access-request?pairingCode=Ab3dE7k`,
    })
    const [hit] = server.hits
    if (!hit) throw new Error('no hit')
    expect(hit.method).toBe('POST')
    expect(hit.path).toBe('/tokens')
    expect(JSON.parse(hit.body)).toEqual({ id: identity.sin, label: 'Till 1 ☕' })
    expectSignedJsonHeaders(hit)
  })

  it('completePairing: POST /tokens {id, pairingCode, label}', async () => {
    reset((_h, res) => json(res, 200, PAIRING))
    expect(
      await client({ token: null }).completePairing({ pairingCode: ' Ab3dE7k ', label: 'Till 1' }),
    ).toEqual({
      token: TOKEN,
    })
    const hit = server.hits[0] as Hit
    expect(JSON.parse(hit.body)).toEqual({
      id: identity.sin,
      pairingCode: 'Ab3dE7k',
      label: 'Till 1',
    })
    expectSignedJsonHeaders(hit)
  })

  it('completePairing refuses a malformed code without calling the server', async () => {
    reset((_h, res) => json(res, 200, PAIRING))
    await expectError(client().completePairing({ pairingCode: 'abc' }), 'invalid-input')
    await expectError(client().completePairing({ pairingCode: 'Ab3dE70' }), 'invalid-input')
    expect(server.hits).toHaveLength(0)
  })

  it('getTokens: signed GET /tokens → merchant token or null', async () => {
    reset((_h, res) => json(res, 200, { data: [{ merchant: TOKEN }] }))
    expect(await client({ token: null }).getTokens()).toBe(TOKEN)
    const hit = server.hits[0] as Hit
    expect(hit.method).toBe('GET')
    expect(hit.body).toBe('')
    expectSignedJsonHeaders(hit)
    reset((_h, res) => json(res, 200, { data: [] }))
    expect(await client({ token: null }).getTokens()).toBeNull()
  })

  it('createInvoice: token in the body, price sent and returned as exact decimal text', async () => {
    reset((_h, res) =>
      json(
        res,
        200,
        `{"facade":"pos/invoice","data":${JSON.stringify(INVOICE).replace('"price":12.5', '"price":12.50')}}`,
      ),
    )
    const inv = await client().createInvoice({
      price: '12.50',
      currency: 'eur',
      orderId: 'POS-0001',
      itemDesc: 'Café crème ☕',
    })
    expect(inv.price).toBe('12.50')
    expect(inv.id).toBe('Inv0ice1D')
    expect(inv.status).toBe('new')
    expect(inv.exceptionStatus).toBeNull()
    expect(inv.invoiceTime).toBe(1700000000000)
    expect(inv.btcDue).toBe('0.00025')
    expect(inv.cryptoInfo[0]?.paymentUrls?.BIP21).toBe('bitcoin:bc1qxyz?amount=0.00025')
    expect(inv).not.toHaveProperty('token')
    const hit = server.hits[0] as Hit
    expect(hit.method).toBe('POST')
    expect(hit.path).toBe('/invoices')
    expect(hit.query.has('token')).toBe(false)
    expect(hit.body).toBe(
      '{"price":12.50,"currency":"EUR","orderId":"POS-0001","itemDesc":"Café crème ☕",' +
        `"redirectAutomatically":false,"token":"${TOKEN}"}`,
    )
    expectSignedJsonHeaders(hit)
  })

  it('createInvoice without price makes a top-up invoice; bad input is refused locally', async () => {
    reset((_h, res) => json(res, 200, { data: INVOICE }))
    await client().createInvoice({ currency: 'EUR', orderId: 'POS-2' })
    expect(JSON.parse((server.hits[0] as Hit).body)).not.toHaveProperty('price')
    server.hits.length = 0
    for (const price of ['12,50', '-1', '1e3', '0', '0.00', '12.', 'NaN']) {
      await expectError(
        client().createInvoice({ price, currency: 'EUR', orderId: 'x' }),
        'invalid-input',
      )
    }
    await expectError(
      client({ token: null }).createInvoice({ price: '1', currency: 'EUR', orderId: 'x' }),
      'not-paired',
    )
    expect(server.hits).toHaveLength(0)
  })

  it('getInvoice: signed GET /invoices/{id}?token=', async () => {
    reset((_h, res) => json(res, 200, { data: INVOICE }))
    const inv = await client().getInvoice('Inv0ice1D')
    expect(inv.price).toBe('12.5')
    const hit = server.hits[0] as Hit
    expect(hit.path).toBe('/invoices/Inv0ice1D')
    expect(hit.query.get('token')).toBe(TOKEN)
    expectSignedJsonHeaders(hit)
  })

  it('listInvoices: signed GET /invoices?token=&orderId=', async () => {
    reset((_h, res) =>
      json(res, 200, {
        data: [INVOICE, { ...INVOICE, id: 'Two', status: 'paid', exceptionStatus: 'paidPartial' }],
      }),
    )
    const list = await client().listInvoices({ orderId: 'POS 0001 (ü)', limit: 10 })
    expect(list.map((i) => [i.id, i.status, i.exceptionStatus])).toEqual([
      ['Inv0ice1D', 'new', null],
      ['Two', 'paid', 'paidPartial'],
    ])
    const hit = server.hits[0] as Hit
    expect(hit.path).toBe('/invoices')
    expect(hit.query.get('token')).toBe(TOKEN)
    expect(hit.query.get('orderId')).toBe('POS 0001 (ü)')
    expect(hit.query.get('limit')).toBe('10')
    expectSignedJsonHeaders(hit)
  })

  it('keeps the server path base in the signed and sent URL', async () => {
    const based = await startServer({ pathBase: '/btcpay' })
    based.reply = (_h, res) => json(res, 200, { data: INVOICE })
    try {
      await client({ baseUrl: `${based.base}/` }).getInvoice('a b/c')
      const hit = based.hits[0] as Hit
      expect(hit.path).toBe('/btcpay/invoices/a%20b%2Fc')
      expect(hit.signatureValid).toBe(true)
    } finally {
      await based.close()
    }
  })
})

// ---------- errors ----------

describe('LegacyClient error mapping', () => {
  it('401 with a JSON body (BTCPay ≥ 2.3.6) → unauthorized', async () => {
    const msg = 'BitId authentication failed'
    reset((_h, res) => json(res, 401, { errors: [{ error: msg }], error: msg }))
    const e = await expectError(client().getTokens(), 'unauthorized')
    expect(e.status).toBe(401)
    expect(e.serverMessage).toBe(msg)
    expect(server.hits).toHaveLength(1) // 4xx is never retried
  })

  it('401 with an empty body (older servers) → unauthorized', async () => {
    reset((_h, res) => res.writeHead(401).end())
    await expectError(client().getInvoice('x'), 'unauthorized')
  })

  it('403 with an empty body → forbidden (not paired / revoked)', async () => {
    reset((_h, res) => res.writeHead(403).end())
    const e = await expectError(
      client().createInvoice({ price: '1', currency: 'EUR', orderId: 'o' }),
      'forbidden',
    )
    expect(e.message).toMatch(/Pair the terminal/)
  })

  it('404 {error} → not-found with the server text', async () => {
    reset((_h, res) => json(res, 404, { error: 'Object not found' }))
    const e = await expectError(client().getInvoice('nope'), 'not-found')
    expect(e.message).toContain('Object not found')
    expect(server.hits).toHaveLength(1)
  })

  it('pairing errors get their own codes', async () => {
    const cases: [number, string, BtcpayErrorCode][] = [
      [400, 'Error while pairing (Expired)', 'pairing-expired'],
      [400, 'Error while pairing (ReusedKey)', 'pairing-reused-key'],
      [404, 'The specified pairingCode is not found', 'pairing-code-unknown'],
      [400, "'id' property is required", 'bad-request'],
    ]
    for (const [status, error, code] of cases) {
      reset((_h, res) => json(res, status, { error }))
      const e = await expectError(client().completePairing({ pairingCode: 'Ab3dE7k' }), code)
      expect(e.serverMessage).toBe(error)
    }
  })

  it('a server error text that echoes the token is redacted', async () => {
    reset((h, res) => json(res, 400, { error: `bad token ${h.query.get('token')}` }))
    const e = await expectError(client().getInvoice('x'), 'bad-request')
    expect(e.serverMessage).toBe('bad token [redacted]')
  })

  it('500 on GET is retried with the same URL and a still-valid signature', async () => {
    reset((_h, res) => json(res, 500, { error: 'boom' }))
    await expectError(client().getInvoice('x'), 'server-error')
    expect(server.hits).toHaveLength(3)
    expect(new Set(server.hits.map((h) => h.fullUrl)).size).toBe(1)
    expect(new Set(server.hits.map((h) => h.headers['x-signature'])).size).toBe(1)
    expect(server.hits.every((h) => h.signatureValid)).toBe(true)
  })

  it('a GET succeeds after transient 503 / 429 answers', async () => {
    let n = 0
    reset((_h, res) =>
      ++n < 3 ? json(res, n === 1 ? 503 : 429, {}) : json(res, 200, { data: INVOICE }),
    )
    expect((await client().getInvoice('x')).id).toBe('Inv0ice1D')
    expect(server.hits).toHaveLength(3)
  })

  it('429 on GET that never clears → rate-limited, after the retry limit', async () => {
    reset((_h, res) => res.writeHead(429, { 'Retry-After': '3600' }).end())
    const started = Date.now()
    await expectError(client({ retry: { limit: 1, maxDelayMs: 50 } }).getTokens(), 'rate-limited')
    expect(Date.now() - started).toBeLessThan(1_500) // Retry-After is capped
    expect(server.hits).toHaveLength(2)
  })

  it('POST is never retried: 500 on createInvoice hits the server once', async () => {
    reset((_h, res) => json(res, 500, { error: 'boom' }))
    await expectError(
      client().createInvoice({ price: '1', currency: 'EUR', orderId: 'o' }),
      'server-error',
    )
    expect(server.hits).toHaveLength(1)
    reset((_h, res) => res.destroy())
    await expectError(
      client().createInvoice({ price: '1', currency: 'EUR', orderId: 'o' }),
      'network',
    )
    expect(server.hits).toHaveLength(1)
  })

  it('a redirect is not followed', async () => {
    reset((_h, res) => res.writeHead(302, { Location: 'https://elsewhere.example/login' }).end())
    await expectError(client().getInvoice('x'), 'unexpected-redirect')
    expect(server.hits).toHaveLength(1)
  })

  it('non-JSON or wrongly shaped answers → malformed-response', async () => {
    reset((_h, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'),
    )
    await expectError(client().getInvoice('x'), 'malformed-response')
    expect(server.hits).toHaveLength(1)
    reset((_h, res) => json(res, 200, { data: { ...INVOICE, price: 'twelve' } }))
    await expectError(client().getInvoice('x'), 'malformed-response')
    reset((_h, res) => json(res, 200, { data: { ...INVOICE, status: 'weird' } }))
    await expectError(client().getInvoice('x'), 'malformed-response')
    reset((_h, res) => json(res, 200, { data: [] }))
    await expectError(client().requestPairing({ label: 'x' }), 'malformed-response')
  })

  it('a slow server → timeout (GETs retried on timeout)', async () => {
    reset(() => {}) // never answers
    const started = Date.now()
    await expectError(
      client({ timeoutMs: 150, retry: { limit: 1, delayMs: () => 10 } }).getTokens(),
      'timeout',
    )
    expect(server.hits).toHaveLength(2)
    expect(Date.now() - started).toBeLessThan(2_000)
    reset(() => {})
    await expectError(
      client({ timeoutMs: 150 }).createInvoice({ price: '1', currency: 'EUR', orderId: 'o' }),
      'timeout',
    )
    expect(server.hits).toHaveLength(1)
  })

  it('closed port → connection-refused', async () => {
    const closed = await startServer()
    const base = closed.base
    await closed.close()
    const e = await expectError(client({ baseUrl: base }).getTokens(), 'connection-refused')
    expect(e.causeCode).toBe('ECONNREFUSED')
  })

  it('unknown host → dns', async () => {
    const e = await expectError(
      client({ baseUrl: 'https://btcpay-does-not-exist.invalid' }).getTokens(),
      'dns',
    )
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(e.causeCode)
  })

  describe('TLS', () => {
    let dir = ''
    let cert: { key: string; cert: string } | null = null
    let reason = ''
    try {
      dir = mkdtempSync(join(tmpdir(), 'pos-tls-'))
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      )
      cert = {
        key: readFileSync(join(dir, 'key.pem'), 'utf8'),
        cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      }
    } catch (err) {
      reason = `openssl could not create a test certificate: ${String(err)}`
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true })
    }
    if (!cert) console.warn(`[btcpay] TLS test skipped: ${reason}`)

    it.skipIf(!cert)('a self-signed certificate → tls, not retried', async () => {
      const tlsServer = await startServer({ tls: cert as { key: string; cert: string } })
      tlsServer.reply = (_h, res) => json(res, 200, { data: [] })
      try {
        const e = await expectError(client({ baseUrl: tlsServer.base }).getTokens(), 'tls')
        expect(e.causeCode).toMatch(/SELF_SIGNED|CERT/)
        expect(tlsServer.hits).toHaveLength(0)
      } finally {
        await tlsServer.close()
      }
    })
  })
})

describe('no secrets in errors or logs', () => {
  it('no error message, JSON, inspect output or log line contains the key, a signature or the token', () => {
    expect(errors.length).toBeGreaterThan(20)
    const signatures = sentSignatures
    expect(signatures.size).toBeGreaterThan(10)
    for (const line of logLines) expect(line).not.toMatch(/x-signature/i)
    const secrets = [privateKeyHex, TOKEN]
    for (const e of errors) {
      const views = [
        (e as Error).message,
        (e as Error).stack ?? '',
        JSON.stringify(e),
        inspect(e, { showHidden: true, depth: 5 }),
      ].join('\n')
      for (const s of [...secrets, ...signatures]) expect(views).not.toContain(s)
      expect(views).not.toMatch(/30(44|45|46)02[0-9a-f]{60,}/) // anything that looks like DER hex
      expect(views).not.toContain('token=')
    }
    const allLogs = logLines.join('\n')
    for (const s of secrets) expect(allLogs).not.toContain(s)
    expect(allLogs).not.toMatch(/30(44|45|46)02[0-9a-f]{60,}/)
    expect(allLogs).not.toContain('token=')
  })
})
