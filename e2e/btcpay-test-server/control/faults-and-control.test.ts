import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../server'
import { DEMO_STORE_ID } from '../core/state'
import {
  JSON_HEADERS,
  pairedSigner,
  request,
  signed,
  TestSigner,
  withServer,
} from '../test-helpers'

let server: TestServer
beforeAll(async () => {
  server = await withServer()
})
afterAll(() => server.close())
afterEach(() => server.control.reset())

type Json = Record<string, unknown>
const ctl = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  request(`${server.url}/_control${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: JSON_HEADERS,
  })

describe('faults', () => {
  it('latency delays matching requests, N times', async () => {
    server.control.addFault({
      kind: 'latency',
      latencyMs: 300,
      method: 'GET',
      pathPrefix: '/tokens',
      times: 1,
    })
    let t = Date.now()
    expect((await request(`${server.url}/tokens`)).status).toBe(200)
    expect(Date.now() - t).toBeGreaterThanOrEqual(280)
    t = Date.now()
    await request(`${server.url}/tokens`)
    expect(Date.now() - t).toBeLessThan(200)
    // Method must match.
    server.control.addFault({
      kind: 'latency',
      latencyMs: 300,
      method: 'POST',
      pathPrefix: '/tokens',
    })
    t = Date.now()
    await request(`${server.url}/tokens`)
    expect(Date.now() - t).toBeLessThan(200)
  })

  it('error answers 5xx until cleared; count and path prefix are honoured', async () => {
    const f = server.control.addFault({ kind: 'error', status: 503, pathPrefix: '/api/v1/' })
    for (let i = 0; i < 3; i++) {
      const r = await request(`${server.url}/api/v1/api-keys/current`)
      expect(r.status).toBe(503)
      expect(r.text).toBe('Injected fault 503')
    }
    expect((await request(`${server.url}/tokens`)).status).toBe(200)
    expect(server.control.listFaults()[0]).toMatchObject({ id: f.id, hits: 3, remaining: null })
    expect(server.control.removeFault(f.id)).toBe(true)
    expect((await request(`${server.url}/api/v1/api-keys/current`)).status).toBe(401)
    server.control.addFault({ kind: 'error', status: 502, body: 'Bad Gateway', times: 2 })
    expect((await request(`${server.url}/tokens`)).text).toBe('Bad Gateway')
    expect((await request(`${server.url}/tokens`)).status).toBe(502)
    expect((await request(`${server.url}/tokens`)).status).toBe(200)
  })

  it('malformed-json answers 200 application/json that does not parse', async () => {
    server.control.addFault({ kind: 'malformed-json', pathPrefix: '/tokens', times: 1 })
    const r = await request(`${server.url}/tokens`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('application/json')
    expect(() => JSON.parse(r.text)).toThrow()
  })

  it('reset destroys the connection', async () => {
    server.control.addFault({ kind: 'reset', pathPrefix: '/invoices', times: 1 })
    await expect(fetch(`${server.url}/invoices/x?token=t`)).rejects.toThrow()
    // Once used up, the same request is answered normally (anonymous, no store: 403).
    expect(
      (await request(`${server.url}/invoices/x?token=t`, { headers: JSON_HEADERS })).status,
    ).toBe(403)
  })

  it('bad-signature forces 401 on valid BitId requests, then clears', async () => {
    const { signer, token } = await pairedSigner(server)
    server.control.addFault({ kind: 'bad-signature' })
    const r = await signed(signer, `${server.url}/tokens`)
    expect(r.status).toBe(401)
    expect(r.json).toMatchObject({ error: 'BitId authentication failed' })
    server.control.clearFaults()
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({
      data: [{ merchant: token }],
    })
  })

  it('never applies to /_control, and rejects unknown kinds', async () => {
    server.control.addFault({ kind: 'error', status: 500 })
    expect((await ctl('/info')).status).toBe(200)
    expect((await ctl('/faults', { kind: 'explode' })).status).toBe(400)
    expect((await ctl('/faults', undefined, 'DELETE')).status).toBe(200)
    expect(server.control.listFaults()).toEqual([])
  })
})

describe('control over HTTP', () => {
  it('drives a whole legacy flow: pairing code, invoice, pay, confirm', async () => {
    const info = (await ctl('/info')).json as Json
    expect(info).toMatchObject({ url: server.url, storeId: DEMO_STORE_ID })
    const code = (await ctl('/pairing-codes', { label: 'http' })).json as Json
    expect(code['pairingCode']).toMatch(/^[1-9A-HJ-NP-Za-km-z]{7}$/)
    const signer = new TestSigner()
    const pair = await request(`${server.url}/tokens`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ id: signer.sin, pairingCode: code['pairingCode'] }),
    })
    expect(pair.status).toBe(200)
    const body = JSON.stringify({ price: 3, currency: 'USD', orderId: 'ctl-1' })
    const inv = (
      (await signed(signer, `${server.url}/invoices`, { method: 'POST', body })).json as {
        data: Json
      }
    ).data
    const list = (await ctl('/invoices')).json as Json[]
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({
      id: inv['id'],
      orderId: 'ctl-1',
      status: 'New',
      dueSats: '6000',
    })
    expect(
      (await ctl(`/invoices/${inv['id']}/pay`, { mode: 'partial', amount: '0.00001' })).json,
    ).toMatchObject({
      status: 'New',
      exceptionStatus: 'PaidPartial',
      paidSats: '1000',
    })
    expect((await ctl(`/invoices/${inv['id']}/pay`, {})).json).toMatchObject({
      status: 'Processing',
      paidSats: '6000',
    })
    expect((await ctl(`/invoices/${inv['id']}/confirm`, {})).json).toMatchObject({
      status: 'Settled',
    })
    const conflict = await ctl(`/invoices/${inv['id']}/expire`, {})
    expect(conflict.status).toBe(409)
    expect((await ctl('/invoices/nope/pay', {})).status).toBe(404)
    expect((await ctl(`/invoices/${inv['id']}/pay`, { mode: 'sideways' })).status).toBe(400)
  })

  it('approves client-initiated codes, pairs public keys, revokes tokens, mints API keys', async () => {
    const signer = new TestSigner()
    const code = (
      (
        await request(`${server.url}/tokens`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ id: signer.sin }),
        })
      ).json as { data: Json[] }
    ).data[0]!['pairingCode'] as string
    const approved = (await ctl(`/pairing-codes/${code}/approve`, {})).json as Json
    expect(approved['result']).toBe('Complete')
    expect((await ctl(`/tokens/${approved['token']}`, undefined, 'DELETE')).status).toBe(200)
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({ data: [] })
    expect((await ctl(`/tokens/${approved['token']}`, undefined, 'DELETE')).status).toBe(404)

    const other = new TestSigner()
    const paired = (await ctl('/tokens', { publicKey: other.publicKeyHex, label: 'pk' }))
      .json as Json
    expect(paired).toMatchObject({ result: 'Complete', sin: other.sin })
    expect(((await ctl('/tokens')).json as Json[]).map((t) => t['sin'])).toEqual([other.sin])
    expect((await ctl('/tokens', { publicKey: 'nope' })).status).toBe(400)

    const k = (await ctl('/api-keys', { permissions: ['unrestricted'], label: 'ci' })).json as Json
    expect(k['apiKey']).toMatch(/^[0-9a-f]{40}$/)
    const current = await request(`${server.url}/api/v1/api-keys/current`, {
      headers: { Authorization: `token ${k['apiKey']}` },
    })
    expect(current.json).toMatchObject({ label: 'ci', permissions: ['unrestricted'] })
  })

  it('advances and freezes the clock; reset restores a fresh server', async () => {
    const before = ((await ctl('/clock')).json as Json)['now'] as number
    const after = ((await ctl('/clock/advance', { ms: 3_600_000 })).json as Json)['now'] as number
    expect(after - before).toBeGreaterThanOrEqual(3_600_000)
    expect(after - before).toBeLessThan(3_700_000)
    expect((await ctl('/clock/advance', { ms: -1 })).status).toBe(400)
    const frozen = ((await ctl('/clock/set', { epochMs: 1_700_000_000_000 })).json as Json)['now']
    expect(frozen).toBe(1_700_000_000_000)
    await new Promise((r) => setTimeout(r, 20))
    expect(((await ctl('/clock')).json as Json)['now']).toBe(1_700_000_000_000)
    await ctl('/stores', { name: 'Extra' })
    await ctl('/settings', { wsPingInitialMs: 5 })
    expect((await ctl('/settings', { wsPingIntervalMs: 0 })).status).toBe(400)
    expect((await ctl('/reset', {})).status).toBe(200)
    expect(server.state.stores.size).toBe(1)
    expect(
      Math.abs((((await ctl('/clock')).json as Json)['now'] as number) - Date.now()),
    ).toBeLessThan(1000)
    expect(((await ctl('/settings')).json as Json)['wsPingInitialMs']).toBe(30_000)
  })

  it('sets rates per store (exact conversion)', async () => {
    await ctl(`/stores/${DEMO_STORE_ID}/rates`, { currency: 'USD', rate: '62500.5' })
    const k = server.control.createApiKey({ permissions: ['unrestricted'] }).apiKey
    const r = await request(`${server.url}/api/v1/stores/${DEMO_STORE_ID}/invoices?`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, Authorization: `token ${k}` },
      body: JSON.stringify({ amount: '100' }),
    })
    const id = (r.json as Json)['id'] as string
    // 100 USD / 62500.5 = 0.00159998720... BTC -> 159999 sats (rounded up).
    expect(server.control.getInvoice(id).dueSats).toBe('159999')
    expect(
      (await ctl(`/stores/${DEMO_STORE_ID}/rates`, { currency: 'USD', rate: '-1' })).status,
    ).toBe(400)
  })
})
