/**
 * The Greenfield client against a loopback HTTP server that answers with BTCPay's own shapes
 * (shared docs/btcpay-protocol.md §6.6): what it sends, and what every kind of failure becomes.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LogFields, Logger } from '../log/logger'
import { BtcpayError } from './errors'
import { GreenfieldClient } from './greenfield-client'
import type { GreenfieldClientOptions } from './greenfield-client'

interface Hit {
  method: string
  url: URL
  headers: http.IncomingHttpHeaders
  body: string
}
type Reply = (hit: Hit, req: http.IncomingMessage, res: http.ServerResponse) => void

const KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0'
const STORE = '6bq3RnSHSPpHZZqrQJZmYBp1fNCxUXSr5o3WaG1qm3Jw'
let base = ''
let hits: Hit[] = []
let reply: Reply = (_h, _q, res) => json(res, 500, {})
const logLines: string[] = []
let server: http.Server

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(text)
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const hit = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', base),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      hits.push(hit)
      reply(hit, req, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  // Nothing the client logged carries the key, whatever the server echoed.
  expect(logLines.join('\n')).not.toContain(KEY)
})
beforeEach(() => {
  hits = []
})

const recordingLog: Logger = {
  debug: (e: string, f?: LogFields) => void logLines.push(e + JSON.stringify(f ?? {})),
  info: (e: string, f?: LogFields) => void logLines.push(e + JSON.stringify(f ?? {})),
  warn: (e: string, f?: LogFields) => void logLines.push(e + JSON.stringify(f ?? {})),
  error: (e: string, f?: LogFields) => void logLines.push(e + JSON.stringify(f ?? {})),
}

function client(extra: Partial<GreenfieldClientOptions> = {}): GreenfieldClient {
  return new GreenfieldClient({
    baseUrl: base,
    apiKey: KEY,
    storeId: STORE,
    timeoutMs: 1_000,
    retry: { limit: 1, delayMs: () => 5 },
    log: recordingLog,
    ...extra,
  })
}

async function failure(p: Promise<unknown>): Promise<BtcpayError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(BtcpayError)
  const e = err as BtcpayError
  expect(e.message).not.toContain(KEY)
  expect(JSON.stringify(e)).not.toContain(KEY)
  return e
}

const invoice = {
  id: 'INV1',
  storeId: STORE,
  amount: '12.50',
  currency: 'EUR',
  type: 'Standard',
  checkoutLink: 'http://x/i/INV1',
  status: 'New',
  additionalStatus: 'None',
  createdTime: 1_700_000_000,
  expirationTime: 1_700_000_900,
  monitoringExpiration: 1_700_003_600,
  metadata: { orderId: 'T1-1' },
  archived: false,
}

describe('GreenfieldClient requests', () => {
  it('GET /api/v1/api-keys/current with "Authorization: token <key>"', async () => {
    reply = (_h, _q, res) =>
      json(res, 200, { apiKey: KEY, label: 'Till', permissions: ['btcpay.store.canviewinvoices'] })
    const key = await client().getCurrentApiKey()
    expect(key.permissions).toEqual(['btcpay.store.canviewinvoices'])
    expect(hits[0]?.method).toBe('GET')
    expect(hits[0]?.url.pathname).toBe('/api/v1/api-keys/current')
    expect(hits[0]?.headers.authorization).toBe(`token ${KEY}`)
  })

  it('DELETE /api/v1/api-keys/current revokes the key (empty 200 answer)', async () => {
    reply = (_h, _q, res) => res.writeHead(200).end()
    await client().revokeCurrentApiKey()
    expect(hits[0]?.method).toBe('DELETE')
    expect(hits[0]?.url.pathname).toBe('/api/v1/api-keys/current')
  })

  it('creates an invoice on the store route, the amount sent and returned as decimal text', async () => {
    reply = (_h, _q, res) => json(res, 200, invoice)
    const got = await client().createInvoice({
      amount: '12.50',
      currency: 'EUR',
      metadata: { orderId: 'T1-1' },
    })
    expect(hits[0]?.url.pathname).toBe(`/api/v1/stores/${STORE}/invoices`)
    expect(JSON.parse(hits[0]?.body ?? '')).toMatchObject({ amount: '12.50', currency: 'EUR' })
    expect(hits[0]?.headers['content-type']).toBe('application/json')
    expect(got.amount).toBe('12.50')
    expect(got.createdTime).toBe(1_700_000_000)
  })

  it('keeps amounts sent as JSON numbers exact (12.50 stays "12.50", 0.1 never 0.1000000001)', async () => {
    reply = (_h, _q, res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(
          `{"id":"PR1","storeId":"${STORE}","status":"Pending","amount":12.50,"currency":"EUR",` +
            `"title":"Table 4","createdTime":1700000000,"expiryDate":null,"archived":false}`,
        )
    const pr = await client().getPaymentRequest('PR1')
    expect(pr.amount).toBe('12.50')
    expect(pr.expiryDate).toBeNull()
    expect(hits[0]?.url.pathname).toBe(`/api/v1/stores/${STORE}/payment-requests/PR1`)
  })

  it('lists invoices by orderId (repeatable) and encodes ids in paths', async () => {
    reply = (_h, _q, res) => json(res, 200, [invoice])
    await client().listInvoices({ orderId: ['T1-1', 'T1-2'] })
    expect(hits[0]?.url.searchParams.getAll('orderId')).toEqual(['T1-1', 'T1-2'])
    reply = (_h, _q, res) => json(res, 200, [])
    await client().getInvoicePaymentMethods('a/b')
    expect(hits[1]?.url.pathname).toBe(`/api/v1/stores/${STORE}/invoices/a%2Fb/payment-methods`)
  })

  it('pays a payment request, refunds an invoice and reads the pull payment and its payouts', async () => {
    const pull = {
      id: 'PP1',
      name: 'Refund INV1',
      currency: 'BTC',
      amount: 0.00025,
      expiresAt: null,
      viewLink: 'http://x/pull-payments/PP1',
    }
    reply = (h, _q, res) => {
      if (h.url.pathname.endsWith('/pay')) return json(res, 200, invoice)
      if (h.url.pathname.endsWith('/refund')) return json(res, 200, pull)
      if (h.url.pathname.endsWith('/payouts')) return json(res, 200, [])
      json(res, 200, pull)
    }
    const gf = client()
    await gf.payPaymentRequest('PR1', { allowPendingInvoiceReuse: true })
    expect(JSON.parse(hits[0]?.body ?? '')).toEqual({ allowPendingInvoiceReuse: true })
    const refund = await gf.refundInvoice('INV1', {
      refundVariant: 'RateThen',
      payoutMethodId: 'BTC-CHAIN',
      subtractPercentage: '2.5',
    })
    expect(refund.amount).toBe('0.00025')
    expect(hits[1]?.url.pathname).toBe(`/api/v1/stores/${STORE}/invoices/INV1/refund`)
    await gf.getPullPayment('PP1')
    await gf.listPullPaymentPayouts('PP1')
    expect(hits.map((h) => h.url.pathname).slice(2)).toEqual([
      '/api/v1/pull-payments/PP1',
      '/api/v1/pull-payments/PP1/payouts',
    ])
  })

  it('refuses a float-looking or negative amount and a missing store before any request', async () => {
    await expect(client().createInvoice({ amount: '-1', currency: 'EUR' })).rejects.toMatchObject({
      code: 'invalid-input',
    })
    await expect(client({ storeId: null }).getInvoice('x')).rejects.toMatchObject({
      code: 'invalid-input',
    })
    expect(() => client({ apiKey: 'two words' })).toThrow(BtcpayError)
    expect(hits).toHaveLength(0)
  })
})

describe('GreenfieldClient failures', () => {
  it('422 [{path, message}] → validation, each field kept and found case-insensitively', async () => {
    reply = (_h, _q, res) =>
      json(res, 422, [
        { path: 'Amount', message: 'Amount should be more than 0' },
        { path: 'Checkout.PaymentMethods[0]', message: 'Invalid payment method' },
      ])
    const e = await failure(client().createInvoice({ amount: '1', currency: 'EUR' }))
    expect(e.code).toBe('validation')
    expect(e.fieldMessage('amount')).toBe('Amount should be more than 0')
    expect(e.fieldMessage('checkout.paymentMethods[0]')).toBe('Invalid payment method')
    expect(e.message).toContain('Amount: Amount should be more than 0')
  })

  it('400 {code, message} → bad-request with the server code and its words', async () => {
    reply = (_h, _q, res) =>
      json(res, 400, { code: 'archived', message: 'You cannot pay an archived payment request' })
    const e = await failure(client().payPaymentRequest('PR1'))
    expect(e.code).toBe('bad-request')
    expect(e.serverCode).toBe('archived')
    expect(e.message).toContain('You cannot pay an archived payment request')
  })

  it('401 → unauthorized, telling the manager to authorize again', async () => {
    reply = (_h, _q, res) =>
      json(res, 401, {
        code: 'unauthenticated',
        message: 'ApiKey authentication failed: Unknown API Key',
      })
    const e = await failure(client().getCurrentApiKey())
    expect(e.code).toBe('unauthorized')
    expect(e.message).toMatch(/did not accept the API key.*Authorize the terminal again/)
  })

  it('403 missing-permission → names the permission in words and as BTCPay spells it', async () => {
    reply = (_h, _q, res) =>
      json(res, 403, {
        code: 'missing-permission',
        missingPermission: 'btcpay.store.cancreatenonapprovedpullpayments',
        message: 'Insufficient API Permissions.',
      })
    const e = await failure(
      client().refundInvoice('INV1', { refundVariant: 'Fiat', payoutMethodId: 'BTC-CHAIN' }),
    )
    expect(e.code).toBe('missing-permission')
    expect(e.missingPermission).toBe('btcpay.store.cancreatenonapprovedpullpayments')
    expect(e.message).toContain('may not refund')
    expect(e.message).toContain('"btcpay.store.cancreatenonapprovedpullpayments"')
  })

  it('404 {code: invoice-not-found} → not-found', async () => {
    reply = (_h, _q, res) =>
      json(res, 404, { code: 'invoice-not-found', message: 'The invoice was not found' })
    const e = await failure(client().getInvoice('nope'))
    expect(e.code).toBe('not-found')
    expect(e.serverCode).toBe('invoice-not-found')
  })

  it('5xx → server-error after the GET retry; a POST is sent once', async () => {
    reply = (_h, _q, res) => res.writeHead(502).end('<html>Bad gateway</html>')
    expect((await failure(client().getInvoice('INV1'))).code).toBe('server-error')
    expect(hits).toHaveLength(2)
    hits = []
    expect((await failure(client().createInvoice({ currency: 'EUR' }))).code).toBe('server-error')
    expect(hits).toHaveLength(1)
  })

  it('a garbage or wrongly shaped 200 body → malformed-response', async () => {
    reply = (_h, _q, res) => res.writeHead(200).end('<html>login</html>')
    expect((await failure(client().getInvoice('INV1'))).code).toBe('malformed-response')
    reply = (_h, _q, res) => json(res, 200, { id: 'INV1', amount: 'lots' })
    expect((await failure(client().getInvoice('INV1'))).code).toBe('malformed-response')
  })

  it('a reset connection → network; a silent server → timeout', async () => {
    reply = (_h, req) => req.socket.destroy()
    expect((await failure(client({ retry: { limit: 0 } }).getInvoice('INV1'))).code).toBe('network')
    reply = () => {}
    const started = Date.now()
    const e = await failure(client({ timeoutMs: 300, retry: { limit: 0 } }).getInvoice('INV1'))
    expect(e.code).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it('a server that echoes the key in its message never gets it into the error', async () => {
    reply = (_h, _q, res) => json(res, 400, { code: 'generic-error', message: `bad key ${KEY}` })
    const e = await failure(client().getInvoice('INV1'))
    expect(e.message).toContain('[redacted]')
  })
})
