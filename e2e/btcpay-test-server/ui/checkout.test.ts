import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { TestServer } from '../server'
import { DEMO_STORE_ID } from '../core/state'
import { gf, request, withServer } from '../test-helpers'

let server: TestServer
beforeAll(async () => {
  server = await withServer({ settings: { wsPingInitialMs: 150, wsPingIntervalMs: 100 } })
})
afterAll(() => server.close())
afterEach(() => {
  server.control.reset()
  server.control.setSettings({ wsPingInitialMs: 150, wsPingIntervalMs: 100 })
})

type Json = Record<string, unknown>

async function newInvoice(amount = '10'): Promise<string> {
  const k = server.control.createApiKey({
    permissions: [`btcpay.store.cancreateinvoice:${DEMO_STORE_ID}`],
  })
  const r = await request(`${server.url}/api/v1/stores/${DEMO_STORE_ID}/invoices`, {
    method: 'POST',
    headers: gf(k.apiKey),
    body: JSON.stringify({
      amount,
      currency: 'USD',
      metadata: { orderId: 'O-1', itemDesc: 'Latte' },
    }),
  })
  return (r.json as Json)['id'] as string
}

interface Frame {
  binary: boolean
  data: Buffer
}

/** Opens a status socket and records its frames. */
async function openSocket(
  path: string,
): Promise<{ ws: WebSocket; frames: Frame[]; closed: Promise<number> }> {
  const ws = new WebSocket(server.url.replace('http', 'ws') + path)
  const frames: Frame[] = []
  ws.on('message', (data: Buffer, binary: boolean) => frames.push({ binary, data }))
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, frames, closed }
}

/** Attempts an upgrade and returns the HTTP status of the refusal (or 101). */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(server.url.replace('http', 'ws') + path)
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', () => undefined)
  })
}

const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('status JSON', () => {
  it('answers /i/{id}/status anonymously with the checkout model', async () => {
    const id = await newInvoice()
    const r = await request(`${server.url}/i/${id}/status`)
    expect(r.status).toBe(200)
    const m = r.json as Json
    expect(m).toMatchObject({
      invoiceId: id,
      storeId: DEMO_STORE_ID,
      orderId: 'O-1',
      status: 'New',
      paymentMethodId: 'BTC-CHAIN',
      paymentMethodCurrency: 'BTC',
      due: '0.0002',
      paid: '0',
      orderAmount: '0.0002',
      invoiceCurrency: 'USD',
      itemDesc: 'Latte',
      storeName: 'Demo Store',
      activated: true,
    })
    expect(m['invoiceBitcoinUrl']).toBe(`bitcoin:${m['address']}?amount=0.0002`)
    expect(m['expirationSeconds']).toBeGreaterThan(890)
    expect(m['availablePaymentMethods']).toHaveLength(2)
    server.control.pay(id, { mode: 'partial' })
    const after = (await request(`${server.url}/i/${id}/status`)).json as Json
    expect([after['status'], after['due'], after['paid']]).toEqual(['New', '0.0001', '0.0001'])
    for (const alias of [
      `/i/${id}/BTC-LN/status`,
      `/invoice/${id}/status`,
      `/invoice/status?invoiceId=${id}&paymentMethodId=BTC-LN`,
    ]) {
      const a = await request(server.url + alias)
      expect(a.status).toBe(200)
      expect((a.json as Json)['invoiceId']).toBe(id)
    }
    expect(
      ((await request(`${server.url}/i/${id}/BTC-LN/status`)).json as Json)['invoiceBitcoinUrl'],
    ).toMatch(/^lightning:lnbcrt/)
    expect((await request(`${server.url}/i/nope/status`)).status).toBe(404)
  })
})

describe('status websocket', () => {
  it('sends a 1-byte binary frame per change and "ping" text when idle', async () => {
    const id = await newInvoice()
    const { ws, frames } = await openSocket(`/i/${id}/status/ws`)
    await until(() => frames.some((f) => !f.binary))
    const ping = frames.find((f) => !f.binary)!
    expect(ping.data.toString()).toBe('ping')
    frames.length = 0
    server.control.pay(id)
    await until(() => frames.some((f) => f.binary))
    const change = frames.find((f) => f.binary)!
    expect(change.data.length).toBe(1)
    server.control.confirm(id)
    await until(() => frames.filter((f) => f.binary).length === 2)
    // Still open after settlement; keeps pinging.
    expect(ws.readyState).toBe(WebSocket.OPEN)
    ws.close()
  })

  it('notices expiry driven by the clock', async () => {
    const id = await newInvoice()
    const { ws, frames } = await openSocket(`/invoice/status/ws?invoiceId=${id}`)
    server.control.advanceClock(15 * 60_000)
    await until(() => frames.some((f) => f.binary))
    expect(((await request(`${server.url}/i/${id}/status`)).json as Json)['status']).toBe('Expired')
    ws.close()
  })

  it('is refused (404) for unknown or final invoices; a plain GET is 404', async () => {
    expect(await upgradeStatus('/i/unknown/status/ws')).toBe(404)
    const settled = await newInvoice()
    server.control.pay(settled, { paymentMethod: 'BTC-LN' })
    expect(await upgradeStatus(`/i/${settled}/status/ws`)).toBe(404)
    const expired = await newInvoice()
    server.control.expire(expired)
    expect(await upgradeStatus(`/i/${expired}/status/ws`)).toBe(404)
    const invalid = await newInvoice()
    server.control.invalidate(invalid)
    expect(await upgradeStatus(`/i/${invalid}/BTC-CHAIN/status/ws`)).toBe(404)
    const open = await newInvoice()
    expect(await upgradeStatus(`/i/${open}/status/ws`)).toBe(101)
    expect((await request(`${server.url}/i/${open}/status/ws`)).status).toBe(404)
  })

  it('drops all sockets on demand and refuses new ones under a ws-refuse fault', async () => {
    const id = await newInvoice()
    const a = await openSocket(`/i/${id}/status/ws`)
    const b = await openSocket(`/i/${id}/status/ws`)
    expect(server.control.openWebsockets).toBe(2)
    expect(server.control.dropWebsockets()).toBe(2)
    expect(await a.closed).toBe(1001)
    expect(await b.closed).toBe(1001)
    const fault = server.control.addFault({ kind: 'ws-refuse', pathPrefix: '/i/', times: 1 })
    expect(await upgradeStatus(`/i/${id}/status/ws`)).toBe(503)
    expect(await upgradeStatus(`/i/${id}/status/ws`)).toBe(101)
    expect(server.control.listFaults().find((f) => f.id === fault.id)).toBeUndefined()
  })
})

describe('checkout page', () => {
  it('serves /i/{id}, /i/{id}/{pm} and /invoice?id= without X-Frame-Options; modal has a close button', async () => {
    const id = await newInvoice()
    const page = await request(`${server.url}/i/${id}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('x-frame-options')).toBeNull()
    expect(page.text).toContain(`data-invoice-id="${id}"`)
    expect(page.text).toContain("postMessage('loaded', '*')")
    expect(page.text).not.toContain('id="close"')
    const modal = await request(`${server.url}/i/${id}?view=modal`)
    expect(modal.text).toContain('id="close"')
    expect(modal.text).toContain("postMessage('close', '*')")
    expect((await request(`${server.url}/i/${id}/BTC-LN`)).text).toContain('lightning:lnbcrt')
    expect((await request(`${server.url}/invoice?id=${id}`)).status).toBe(200)
    expect((await request(`${server.url}/i/nope`)).status).toBe(404)
  })
})
