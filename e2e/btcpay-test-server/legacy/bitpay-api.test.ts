import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../server'
import { DEMO_STORE_ID, PAIRING_CODE_LIFETIME_MS } from '../core/state'
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
const data = (r: { json: unknown }): Json => (r.json as { data: Json }).data
const first = (r: { json: unknown }): Json => (r.json as { data: Json[] }).data[0]!

const postTokens = (body: unknown, headers: Record<string, string> = {}) =>
  request(`${server.url}/tokens`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { ...JSON_HEADERS, ...headers },
  })

async function createInvoice(signer: TestSigner, fields: Json = {}) {
  const body = JSON.stringify({ price: 12.5, currency: 'USD', token: 'x', ...fields })
  return signed(signer, `${server.url}/invoices`, { method: 'POST', body })
}

describe('POST /tokens: client-initiated pairing', () => {
  it('returns a 7-char code, the future token, 15 min expiry and the label; approval enables the SIN', async () => {
    const signer = new TestSigner()
    const r = await postTokens({ id: signer.sin, label: 'Till 1', facade: 'merchant' })
    expect(r.status).toBe(200)
    const d = first(r)
    expect(Object.keys(d).sort()).toEqual(
      [
        'dateCreated',
        'facade',
        'label',
        'pairingCode',
        'pairingExpiration',
        'policies',
        'token',
      ].sort(),
    )
    expect(d['pairingCode']).toMatch(/^[1-9A-HJ-NP-Za-km-z]{7}$/)
    expect(d['policies']).toEqual([])
    expect(d['facade']).toBe('merchant')
    expect(d['label']).toBe('Till 1')
    expect(d['token']).toMatch(/^[1-9A-HJ-NP-Za-km-z]{43,44}$/)
    expect((d['pairingExpiration'] as number) - (d['dateCreated'] as number)).toBe(
      PAIRING_CODE_LIFETIME_MS,
    )

    // Not yet approved: signed GET /tokens is empty, invoice calls are 403.
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({ data: [] })
    expect((await createInvoice(signer)).status).toBe(403)

    const approved = server.control.approvePairingCode(d['pairingCode'] as string)
    expect(approved).toEqual({ result: 'Complete', token: d['token'] })
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({
      data: [{ merchant: d['token'] }],
    })
    expect((await createInvoice(signer)).status).toBe(200)
  })

  it('can be approved through the /api-access-request page form', async () => {
    const signer = new TestSigner()
    const code = first(await postTokens({ id: signer.sin, label: 'Web till' }))[
      'pairingCode'
    ] as string
    const page = await request(`${server.url}/api-access-request?pairingCode=${code}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain(signer.sin)
    expect(page.text).toContain('Web till')
    expect(page.text).toContain('name="storeId"')
    const done = await request(`${server.url}/api-access-request`, {
      method: 'POST',
      body: new URLSearchParams({ pairingCode: code, storeId: DEMO_STORE_ID }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(done.text).toContain('Pairing is successful')
    expect(first(await signed(signer, `${server.url}/tokens`))).toHaveProperty('merchant')
    // Unknown code: redirect home.
    const unknown = await request(`${server.url}/api-access-request?pairingCode=zzzzzzz`)
    expect(unknown.status).toBe(302)
    expect(unknown.headers.get('location')).toContain('Unknown%20pairing%20code')
  })

  it('rejects a missing or invalid id with the doc message', async () => {
    for (const body of [{ label: 'x' }, { id: 'TfNotASin' }, { id: '' }]) {
      const r = await postTokens(body)
      expect(r.status).toBe(400)
      expect(r.json).toEqual({ error: "'id' property is required" })
    }
    const missing = await postTokens('')
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual({ error: 'The request body is missing' })
  })

  it('matches /tokens case-insensitively (2.3.6+)', async () => {
    const signer = new TestSigner()
    const r = await request(`${server.url}/TOKENS`, {
      method: 'POST',
      body: JSON.stringify({ id: signer.sin }),
      headers: JSON_HEADERS,
    })
    expect(r.status).toBe(200)
  })
})

describe('POST /tokens with pairingCode: server-initiated pairing', () => {
  it('completes with an unsigned body id; the code is single use', async () => {
    const signer = new TestSigner()
    const { pairingCode } = server.control.createPairingCode({ label: 'from UI' })
    const r = await postTokens({ id: signer.sin, pairingCode, label: 'ignored: code has one' })
    expect(r.status).toBe(200)
    const d = first(r)
    expect(d['pairingCode']).toBe(pairingCode)
    expect(d['label']).toBe('from UI')
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({
      data: [{ merchant: d['token'] }],
    })
    const again = await postTokens({ id: new TestSigner().sin, pairingCode })
    expect(again.status).toBe(404)
    expect(again.json).toEqual({ error: 'The specified pairingCode is not found' })
  })

  it('takes the SIN from a valid BitId signature (id may be omitted), else from the body', async () => {
    const signer = new TestSigner()
    const { pairingCode } = server.control.createPairingCode()
    const url = `${server.url}/tokens`
    const body = JSON.stringify({ pairingCode })
    const r = await signed(signer, url, { method: 'POST', body })
    expect(r.status).toBe(200)
    expect(server.control.listTokens().map((t) => t.sin)).toEqual([signer.sin])

    // A bad signature is not an error on this anonymous endpoint: the body id is used.
    const other = new TestSigner()
    const code2 = server.control.createPairingCode().pairingCode
    const body2 = JSON.stringify({ pairingCode: code2, id: other.sin })
    const r2 = await request(url, {
      method: 'POST',
      body: body2,
      headers: {
        ...JSON_HEADERS,
        'x-identity': signer.publicKeyHex,
        'x-signature': signer.sign(url, '{}'),
      },
    })
    expect(r2.status).toBe(200)
    expect(server.control.listTokens().map((t) => t.sin)).toContain(other.sin)
  })

  it('requires an id when unsigned', async () => {
    const { pairingCode } = server.control.createPairingCode()
    const r = await postTokens({ pairingCode })
    expect(r.status).toBe(400)
    expect(r.json).toEqual({ error: "'id' property is required, alternatively, use BitId" })
  })

  it('expires after 15 minutes (clock advanced, no real wait)', async () => {
    const { pairingCode } = server.control.createPairingCode()
    server.control.advanceClock(PAIRING_CODE_LIFETIME_MS - 1000)
    const stillOk = server.control.createPairingCode().pairingCode
    const ok = await postTokens({ id: new TestSigner().sin, pairingCode })
    expect(ok.status).toBe(200)
    server.control.advanceClock(PAIRING_CODE_LIFETIME_MS)
    const r = await postTokens({ id: new TestSigner().sin, pairingCode: stillOk })
    expect(r.status).toBe(400)
    expect(r.json).toEqual({ error: 'Error while pairing (Expired)' })
  })

  it('answers ReusedKey when the SIN is already paired to another store (code consumed)', async () => {
    const signer = new TestSigner()
    const other = server.control.createStore({ name: 'Other store' })
    const c1 = server.control.createPairingCode().pairingCode
    expect((await postTokens({ id: signer.sin, pairingCode: c1 })).status).toBe(200)
    const c2 = server.control.createPairingCode({ storeId: other.id }).pairingCode
    const r = await postTokens({ id: signer.sin, pairingCode: c2 })
    expect(r.status).toBe(400)
    expect(r.json).toEqual({ error: 'Error while pairing (ReusedKey)' })
    expect((await postTokens({ id: signer.sin, pairingCode: c2 })).status).toBe(404)
    // Same store again is fine: a second token row, the first one still wins.
    const first1 = server.control.listTokens()[0]!.token
    const c3 = server.control.createPairingCode().pairingCode
    expect((await postTokens({ id: signer.sin, pairingCode: c3 })).status).toBe(200)
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({
      data: [{ merchant: first1 }],
    })
  })
})

describe('public-key pairing ("Create token" with the terminal key)', () => {
  it('pairs the compressed key SIN through the control API', async () => {
    const signer = new TestSigner()
    const r = server.control.pairPublicKey({ publicKey: signer.publicKeyHex, label: 'pos' })
    expect(r.result).toBe('Complete')
    expect(r.sin).toBe(signer.sin)
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({
      data: [{ merchant: r.token }],
    })
  })

  it('pairs through the HTML form (uncompressed key pasted is compressed first)', async () => {
    const signer = new TestSigner()
    const { ECDH } = await import('node:crypto')
    const uncompressed = (
      ECDH.convertKey(signer.publicKey, 'secp256k1', undefined, undefined, 'uncompressed') as Buffer
    ).toString('hex')
    const form = await request(`${server.url}/stores/${DEMO_STORE_ID}/tokens/create`)
    expect(form.text).toContain('name="PublicKey"')
    const created = await request(`${server.url}/stores/${DEMO_STORE_ID}/tokens/create`, {
      method: 'POST',
      body: new URLSearchParams({ Label: 'form', PublicKey: uncompressed }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(created.status).toBe(302)
    const location = created.headers.get('location')!
    const code = new URL(location, server.url).searchParams.get('pairingCode')!
    const approvePage = await request(new URL(location, server.url).href)
    expect(approvePage.text).toContain(signer.sin)
    const done = await request(`${server.url}/api-access-request`, {
      method: 'POST',
      body: new URLSearchParams({ pairingCode: code, storeId: DEMO_STORE_ID }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(done.text).toContain('Pairing is successful')
    expect(first(await signed(signer, `${server.url}/tokens`))).toHaveProperty('merchant')
    const bad = await request(`${server.url}/stores/${DEMO_STORE_ID}/tokens/create`, {
      method: 'POST',
      body: new URLSearchParams({ PublicKey: '02abcd' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(bad.status).toBe(400)
  })

  it('server-initiated code from the form shows the code on approval', async () => {
    const created = await request(`${server.url}/stores/${DEMO_STORE_ID}/tokens/create`, {
      method: 'POST',
      body: new URLSearchParams({ Label: 'srv', PublicKey: '' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    const code = new URL(created.headers.get('location')!, server.url).searchParams.get(
      'pairingCode',
    )!
    const page = await request(`${server.url}/api-access-request?pairingCode=${code}`)
    expect(page.text).toContain('Server-Initiated Pairing')
    const done = await request(`${server.url}/api-access-request`, {
      method: 'POST',
      body: new URLSearchParams({ pairingCode: code, storeId: DEMO_STORE_ID }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(done.text).toContain(`Server initiated pairing code: ${code}`)
  })
})

describe('GET /tokens', () => {
  it('unsigned -> 200 {"data":[]}; bad signature -> 401; revoked -> {"data":[]}', async () => {
    const { signer, token } = await pairedSigner(server)
    expect((await request(`${server.url}/tokens`)).json).toEqual({ data: [] })
    const bad = await request(`${server.url}/tokens`, {
      headers: {
        ...JSON_HEADERS,
        'x-identity': signer.publicKeyHex,
        'x-signature': signer.sign('http://x/'),
      },
    })
    expect(bad.status).toBe(401)
    expect(server.control.revokeToken(token)).toBe(true)
    expect((await signed(signer, `${server.url}/tokens`)).json).toEqual({ data: [] })
  })
})

describe('POST /invoices', () => {
  it('creates an invoice with the legacy JSON shape', async () => {
    const { signer } = await pairedSigner(server)
    const r = await createInvoice(signer, {
      orderId: 'POS-1',
      itemDesc: 'Espresso',
      itemCode: 'esp',
      posData: 'table 4',
      buyer: { name: 'Ann', email: 'ann@example.com' },
      redirectAutomatically: false,
    })
    expect(r.status).toBe(200)
    expect((r.json as Json)['facade']).toBe('pos/invoice')
    const inv = data(r)
    expect(inv['id']).toMatch(/^[1-9A-HJ-NP-Za-km-z]{20,23}$/)
    expect(inv['url']).toBe(`${server.url}/invoice?id=${inv['id']}`)
    expect(inv['status']).toBe('new')
    expect(inv['exceptionStatus']).toBe(false)
    expect(inv['price']).toBe(12.5)
    expect(inv['currency']).toBe('USD')
    expect(inv['orderId']).toBe('POS-1')
    expect(inv['itemDesc']).toBe('Espresso')
    expect(inv['itemCode']).toBe('esp')
    expect(inv['posData']).toBe('table 4')
    // 12.50 USD at 50000 USD/BTC = 25000 sats exactly.
    expect(inv['btcPrice']).toBe('0.00025')
    expect(inv['btcDue']).toBe('0.00025')
    expect(inv['btcPaid']).toBe('0')
    expect(inv['rate']).toBe(50000)
    expect(typeof inv['invoiceTime']).toBe('number')
    expect((inv['expirationTime'] as number) - (inv['invoiceTime'] as number)).toBe(15 * 60_000)
    expect(inv['currentTime']).toBeGreaterThanOrEqual(inv['invoiceTime'] as number)
    expect(inv['buyer']).toMatchObject({ name: 'Ann', email: 'ann@example.com', locality: null })
    expect(typeof inv['token']).toBe('string')
    expect(inv['guid']).toMatch(/^[0-9a-f-]{36}$/)
    const address = inv['bitcoinAddress'] as string
    expect(address).toMatch(/^bcrt1q[02-9ac-hj-np-z]{38}$/)
    expect(inv['paymentUrls']).toEqual({
      BIP21: `bitcoin:${address}?amount=0.00025`,
      BIP72: null,
      BIP72b: null,
      BIP73: null,
      BOLT11: null,
    })
    const codes = inv['paymentCodes'] as Record<string, Json>
    expect(codes['BTC']!['BIP21']).toBe(`bitcoin:${address}?amount=0.00025`)
    expect(codes['BTC-LN']!['BOLT11']).toMatch(/^lightning:lnbcrt250000n1[02-9ac-hj-np-z]+$/)
    expect(inv['addresses']).toMatchObject({ BTC: address })
    expect(inv['paymentSubtotals']).toEqual({ BTC: 25000, 'BTC-LN': 25000 })
    expect(inv['exchangeRates']).toEqual({ BTC: { USD: 0 } })
    const crypto = inv['cryptoInfo'] as Json[]
    expect(crypto.map((c) => c['paymentType'])).toEqual(['BTC-CHAIN', 'BTC-LN'])
    expect(crypto[0]).toMatchObject({
      cryptoCode: 'BTC',
      price: '0.00025',
      due: '0.00025',
      paid: '0',
      txCount: 0,
    })
    expect(crypto[0]!['url']).toBe(`${server.url}/i/BTC-CHAIN/${inv['id']}`)
  })

  it('keeps amounts exact (no float drift) and rounds to the currency', async () => {
    const { signer } = await pairedSigner(server)
    const a = data(await createInvoice(signer, { price: 0.1 + 0.2, currency: 'usd' }))
    expect(a['price']).toBe(0.3)
    expect(a['currency']).toBe('USD')
    expect(a['btcPrice']).toBe('0.000006') // 30 cents / 50000 = 600 sats
    const b = data(await createInvoice(signer, { price: '19.99', currency: 'EUR' }))
    // 19.99 EUR at 46000 EUR/BTC = 43456.52... sats -> rounded up to 43457.
    expect(b['btcDue']).toBe('0.00043457')
    const c = data(await createInvoice(signer, { price: 1000, currency: 'JPY' }))
    expect(c['price']).toBe(1000)
    expect(c['btcDue']).toBe('0.00013334')
  })

  it('validates expirationTime, currency and body', async () => {
    const { signer } = await pairedSigner(server)
    const soon = await createInvoice(signer, { expirationTime: server.control.now() + 10_000 })
    expect(soon.status).toBe(400)
    expect(soon.json).toEqual({ error: 'The expirationTime is set too soon' })
    const later = await createInvoice(signer, { expirationTime: server.control.now() + 60_000 })
    expect(later.status).toBe(200)
    const bad = await signed(signer, `${server.url}/invoices`, { method: 'POST', body: '[1]' })
    expect(bad.status).toBe(400)
    expect(bad.json).toEqual({ error: 'Invalid invoice' })
    const currency = await createInvoice(signer, { currency: 'XYZ' })
    expect(currency.status).toBe(400)
  })

  it('routing gate: unsigned POST -> 404; non-JSON content type -> 404; 403 when unpaired/revoked', async () => {
    const body = JSON.stringify({ price: 1 })
    const unsigned = await request(`${server.url}/invoices`, {
      method: 'POST',
      body,
      headers: JSON_HEADERS,
    })
    expect(unsigned.status).toBe(404)
    const { signer, token } = await pairedSigner(server)
    const url = `${server.url}/invoices`
    const textPlain = await request(url, {
      method: 'POST',
      body,
      headers: { ...signer.headers(url, body), 'Content-Type': 'text/plain' },
    })
    expect(textPlain.status).toBe(404)
    const stranger = await createInvoice(new TestSigner())
    expect(stranger.status).toBe(403)
    expect(stranger.text).toBe('')
    server.control.revokeToken(token)
    const revoked = await createInvoice(signer)
    expect(revoked.status).toBe(403)
    expect(revoked.text).toBe('')
    const html = await signed(signer, url, {
      method: 'POST',
      body,
      headers: { Accept: 'text/html' },
    })
    expect(html.status).toBe(403)
    expect(html.headers.get('content-type')).toContain('text/html')
  })

  it('accepts Basic legacy API keys and anonymous invoices for anyone-can-invoice stores', async () => {
    const { authorization } = server.control.createLegacyApiKey()
    const body = JSON.stringify({ price: 5, currency: 'USD' })
    const basic = await request(`${server.url}/invoices`, {
      method: 'POST',
      body,
      headers: { ...JSON_HEADERS, Authorization: authorization },
    })
    expect(basic.status).toBe(200)
    const wrong = await request(`${server.url}/invoices`, {
      method: 'POST',
      body,
      headers: { ...JSON_HEADERS, Authorization: 'Basic bm9wZQ==' },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.json).toMatchObject({ error: 'ApiKey authentication failed' })
    const open = server.control.createStore({ anyoneCanInvoice: true })
    const anon = await request(`${server.url}/invoices?storeId=${open.id}`, {
      method: 'POST',
      body,
      headers: JSON_HEADERS,
    })
    expect(anon.status).toBe(200)
    const closed = await request(`${server.url}/invoices?storeId=${DEMO_STORE_ID}`, {
      method: 'POST',
      body,
      headers: JSON_HEADERS,
    })
    expect(closed.status).toBe(403)
  })
})

describe('GET /invoices/{id}', () => {
  it('needs ?token= or a JSON content type to reach the API, else the admin page redirects to login', async () => {
    const { signer } = await pairedSigner(server)
    const id = data(await createInvoice(signer))['id'] as string
    const withToken = await signed(signer, `${server.url}/invoices/${id}?token=anything`, {
      headers: { 'Content-Type': '' },
    })
    expect(withToken.status).toBe(200)
    expect(data(withToken)['id']).toBe(id)
    const jsonOnly = await signed(signer, `${server.url}/invoices/${id}`)
    expect(jsonOnly.status).toBe(200)
    const url = `${server.url}/invoices/${id}`
    const neither = await request(url, { headers: { ...signer.headers(url), Accept: 'text/html' } })
    expect(neither.status).toBe(302)
    expect(neither.headers.get('location')).toBe(
      `/login?ReturnUrl=${encodeURIComponent(`/invoices/${id}`)}`,
    )
  })

  it('404 Object not found for unknown ids and other stores; 401 on bad signature', async () => {
    const { signer } = await pairedSigner(server)
    const other = server.control.createStore()
    const { signer: otherSigner } = await pairedSigner(server, other.id)
    const id = data(await createInvoice(signer))['id'] as string
    const foreign = await signed(otherSigner, `${server.url}/invoices/${id}?token=t`)
    expect(foreign.status).toBe(404)
    expect(foreign.json).toEqual({ error: 'Object not found' })
    expect((await signed(signer, `${server.url}/invoices/nope?token=t`)).json).toEqual({
      error: 'Object not found',
    })
    const url = `${server.url}/invoices/${id}?token=t`
    const bad = await request(url, { headers: { ...JSON_HEADERS, ...signer.headers(url + 'x') } })
    expect(bad.status).toBe(401)
  })

  it('follows status and exceptionStatus through payments (legacy names)', async () => {
    const { signer } = await pairedSigner(server)
    const get = async (id: string) =>
      data(await signed(signer, `${server.url}/invoices/${id}?token=t`))
    const id = data(await createInvoice(signer))['id'] as string
    server.control.pay(id, { mode: 'partial' })
    let inv = await get(id)
    expect([inv['status'], inv['exceptionStatus'], inv['btcPaid'], inv['btcDue']]).toEqual([
      'new',
      'paidPartial',
      '0.000125',
      '0.000125',
    ])
    server.control.pay(id)
    inv = await get(id)
    expect([inv['status'], inv['exceptionStatus'], inv['btcDue']]).toEqual(['paid', false, '0'])
    server.control.confirm(id)
    inv = await get(id)
    expect([inv['status'], inv['exceptionStatus']]).toEqual(['complete', false])
    const payments = (inv['cryptoInfo'] as Json[])[0]!['payments'] as Json[]
    expect(payments).toHaveLength(2)
    expect(payments.every((p) => p['confirmed'] === true && p['completed'] === true)).toBe(true)

    const over = data(await createInvoice(signer))['id'] as string
    server.control.pay(over, { mode: 'over' })
    expect(await get(over)).toMatchObject({ status: 'paid', exceptionStatus: 'paidOver' })

    const late = data(await createInvoice(signer))['id'] as string
    server.control.advanceClock(15 * 60_000)
    expect((await get(late))['status']).toBe('expired')
    server.control.pay(late, { mode: 'late' })
    expect(await get(late)).toMatchObject({ status: 'expired', exceptionStatus: 'paidLater' })

    const invalid = data(await createInvoice(signer))['id'] as string
    server.control.pay(invalid)
    server.control.invalidate(invalid)
    expect(await get(invalid)).toMatchObject({ status: 'invalid', exceptionStatus: false })

    const marked = data(await createInvoice(signer))['id'] as string
    server.control.mark(marked, 'Settled')
    expect(await get(marked)).toMatchObject({ status: 'complete', exceptionStatus: 'marked' })

    const ln = data(await createInvoice(signer))['id'] as string
    server.control.pay(ln, { paymentMethod: 'BTC-LN' })
    expect(await get(ln)).toMatchObject({ status: 'complete' })
  })
})

describe('GET /invoices (list)', () => {
  it('requires hasAuth; filters by orderId, status, dates, limit/offset; newest first', async () => {
    const { signer } = await pairedSigner(server)
    const ids: string[] = []
    for (const orderId of ['A', 'B', 'A']) {
      ids.push(data(await createInvoice(signer, { orderId }))['id'] as string)
      server.control.advanceClock(1000)
    }
    server.control.pay(ids[1]!)
    const list = async (q: string) =>
      ((await signed(signer, `${server.url}/invoices${q}`)).json as { data: Json[] }).data.map(
        (i) => i['id'],
      )
    expect(await list('?token=t')).toEqual([ids[2], ids[1], ids[0]])
    expect(await list('?token=t&orderId=A')).toEqual([ids[2], ids[0]])
    expect(await list('?status=paid')).toEqual([ids[1]])
    expect(await list('?status=processing')).toEqual([ids[1]])
    expect(await list('?status=new')).toEqual([ids[2], ids[0]])
    expect(await list('?limit=1&offset=1')).toEqual([ids[1]])
    const today = new Date(server.control.now())
    const mmddyyyy = (d: Date): string =>
      `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`
    expect(await list(`?dateStart=${mmddyyyy(today)}&dateEnd=${mmddyyyy(today)}`)).toHaveLength(3)
    const tomorrow = new Date(today.getTime() + 2 * 86_400_000)
    expect(await list(`?dateStart=${mmddyyyy(tomorrow)}`)).toEqual([])
    // Another store's invoices are not listed.
    const other = server.control.createStore()
    const { signer: s2 } = await pairedSigner(server, other.id)
    expect(((await signed(s2, `${server.url}/invoices`)).json as { data: Json[] }).data).toEqual([])
    // Without auth headers the list is the admin page (login redirect).
    const plain = await request(`${server.url}/invoices`)
    expect(plain.status).toBe(302)
  })

  it('anonymous listing with ?storeId= fails (500, as BTCPay Forbid() with an unknown scheme)', async () => {
    const open = server.control.createStore({ anyoneCanInvoice: true })
    const r = await request(`${server.url}/invoices?storeId=${open.id}`, { headers: JSON_HEADERS })
    expect(r.status).toBe(500)
    const closed = await request(`${server.url}/invoices?storeId=${DEMO_STORE_ID}`, {
      headers: JSON_HEADERS,
    })
    expect(closed.status).toBe(403)
  })

  it('answers CORS preflight and sets Access-Control-Allow-Origin: *', async () => {
    const pre = await request(`${server.url}/invoices`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
    const r = await request(`${server.url}/tokens`, { headers: { Origin: 'http://app.example' } })
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
  })
})
