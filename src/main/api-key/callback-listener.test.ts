/**
 * The loopback listener over real HTTP: the one POST it takes, and each request it must refuse
 * without changing what the terminal receives.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  CallbackClosedError,
  CallbackExpiredError,
  startCallbackListener,
  type CallbackListener,
} from './callback-listener'

const KEY = 'Kx7f2b9c1d4e8a6f0b3c5d7e9a1b2c4d6e8f0a2b'
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString()
const validForm = form([
  ['__RequestVerificationToken', 'csrf'],
  ['apiKey', KEY],
  ['userId', 'user-1'],
  ['permissions[]', 'btcpay.store.cancreateinvoice:S1'],
  ['permissions[]', 'btcpay.store.canviewinvoices:S1'],
])
const FORM = 'application/x-www-form-urlencoded'

const listeners: CallbackListener[] = []
afterEach(() => {
  for (const l of listeners.splice(0)) l.close()
})

async function listen(options: Parameters<typeof startCallbackListener>[0] = {}) {
  const l = await startCallbackListener(options)
  listeners.push(l)
  return l
}

async function post(url: string, body: string, contentType = FORM, method = 'POST') {
  try {
    const r = await fetch(url, {
      method,
      headers: { 'content-type': contentType },
      ...(method === 'GET' ? {} : { body }),
    })
    return { status: r.status, text: await r.text() }
  } catch {
    return { status: 0, text: 'connection refused' }
  }
}

/** The payload, or 'pending' if nothing was accepted yet. */
async function state(l: CallbackListener) {
  return Promise.race([l.payload, new Promise((r) => setTimeout(() => r('pending'), 50))])
}

describe('callback listener', () => {
  it('listens on 127.0.0.1, a random port and a 256-bit random path', async () => {
    const a = await listen()
    const b = await listen()
    const ua = new URL(a.redirectUrl)
    expect(ua.hostname).toBe('127.0.0.1')
    expect(ua.pathname).toMatch(/^\/api-key\/[A-Za-z0-9_-]{43}$/)
    expect(a.redirectUrl).not.toBe(b.redirectUrl)
    expect(ua.port).not.toBe(new URL(b.redirectUrl).port)
  })

  it("accepts BTCPay's form POST once, answers 'you can close this tab' and closes", async () => {
    const l = await listen()
    const r = await post(l.redirectUrl, validForm)
    expect(r.status).toBe(200)
    expect(r.text).toContain('You can close this tab')
    await expect(l.payload).resolves.toEqual({
      apiKey: KEY,
      userId: 'user-1',
      permissions: ['btcpay.store.cancreateinvoice:S1', 'btcpay.store.canviewinvoices:S1'],
    })
  })

  it('accepts the same fields as JSON', async () => {
    const l = await listen()
    const body = JSON.stringify({ apiKey: KEY, userId: 'u', permissions: ['unrestricted'] })
    expect((await post(l.redirectUrl, body, 'application/json')).status).toBe(200)
    await expect(l.payload).resolves.toMatchObject({ apiKey: KEY, permissions: ['unrestricted'] })
  })

  it('a second POST is refused and the first key stays', async () => {
    const l = await listen()
    await post(l.redirectUrl, validForm)
    const second = await post(l.redirectUrl, form([['apiKey', 'Attacker0000000000000']]))
    expect([0, 410]).toContain(second.status)
    await expect(l.payload).resolves.toMatchObject({ apiKey: KEY })
  })

  it('a wrong path is refused (404) and changes nothing', async () => {
    const l = await listen()
    const wrong = new URL(l.redirectUrl)
    wrong.pathname = '/api-key/guess'
    expect((await post(wrong.href, validForm)).status).toBe(404)
    expect(await state(l)).toBe('pending')
    expect((await post(l.redirectUrl, validForm)).status).toBe(200)
  })

  it('a wrong method is refused (405) and changes nothing', async () => {
    const l = await listen()
    expect((await post(l.redirectUrl, '', FORM, 'GET')).status).toBe(405)
    expect((await post(l.redirectUrl, validForm, FORM, 'PUT')).status).toBe(405)
    expect(await state(l)).toBe('pending')
  })

  it('an oversize body is refused (413), declared or streamed, and changes nothing', async () => {
    const l = await listen({ maxBodyBytes: 1024 })
    const big = form([
      ['apiKey', KEY],
      ['pad', 'x'.repeat(4096)],
    ])
    expect([0, 413]).toContain((await post(l.redirectUrl, big)).status)
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 8; i++) c.enqueue(new TextEncoder().encode('x'.repeat(512)))
        c.close()
      },
    })
    const streamed = await fetch(l.redirectUrl, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: stream,
      duplex: 'half',
    } as RequestInit).then(
      (r) => r.status,
      () => 0,
    )
    expect([0, 413]).toContain(streamed)
    expect(await state(l)).toBe('pending')
    expect((await post(l.redirectUrl, validForm)).status).toBe(200)
  })

  it('a body that is not a key (no apiKey, odd type, bad JSON) is refused (400)', async () => {
    const l = await listen()
    expect((await post(l.redirectUrl, form([['userId', 'u']]))).status).toBe(400)
    expect((await post(l.redirectUrl, form([['apiKey', 'has spaces in it']]))).status).toBe(400)
    expect((await post(l.redirectUrl, validForm, 'text/plain')).status).toBe(400)
    expect((await post(l.redirectUrl, '{"apiKey":', 'application/json')).status).toBe(400)
    expect(await state(l)).toBe('pending')
  })

  it('after the time limit it refuses everything and reports the expiry', async () => {
    const l = await listen({ timeoutMs: 150 })
    await expect(l.payload).rejects.toBeInstanceOf(CallbackExpiredError)
    expect((await post(l.redirectUrl, validForm)).status).toBe(0)
  })

  it('close() stops it (the manager cancelled)', async () => {
    const l = await listen()
    l.close()
    await expect(l.payload).rejects.toBeInstanceOf(CallbackClosedError)
    expect((await post(l.redirectUrl, validForm)).status).toBe(0)
  })
})
