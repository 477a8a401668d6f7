/**
 * The transport against misbehaving loopback servers: each one is a real TCP server that keeps
 * offering bytes (or nothing), and counts what it managed to send and when its socket closed. A
 * till that buffered the body or kept the socket open would show it here.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { BtcpayError } from './errors'
import { HttpTransport } from './http-transport'

interface Misbehaving {
  href: string
  /** Body bytes the server got onto the wire before the client went away. */
  sent(): number
  /** Resolves with the ms from the request's arrival to the server seeing its socket close. */
  closed: Promise<number>
  /** TCP connections the client opened. */
  connections(): number
  close(): Promise<void>
}

const servers: Misbehaving[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function misbehave(
  play: (res: http.ServerResponse, count: (n: number) => void) => void,
): Promise<Misbehaving> {
  let sent = 0
  let onClosed: (ms: number) => void = () => {}
  const closed = new Promise<number>((resolve) => (onClosed = resolve))
  const server = http.createServer((req, res) => {
    const arrived = Date.now()
    req.socket.on('close', () => onClosed(Date.now() - arrived))
    play(res, (n) => (sent += n))
  })
  let connections = 0
  server.on('connection', () => connections++)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  const s: Misbehaving = {
    href: `http://127.0.0.1:${port}/api/v1/x`,
    sent: () => sent,
    closed,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
  servers.push(s)
  return s
}

/** Writes 64 KiB chunks as fast as the client reads them, up to `total` bytes. */
function flood(total: number, headers: http.OutgoingHttpHeaders = {}, status = 200) {
  return (res: http.ServerResponse, count: (n: number) => void) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let left = total
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        left -= chunk.length
        count(chunk.length)
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    res.on('close', () => (left = 0))
    pump()
  }
}

async function failureOf(p: Promise<unknown>): Promise<BtcpayError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(BtcpayError)
  return err as BtcpayError
}

const MB = 1024 * 1024

describe('HttpTransport against hostile servers', () => {
  it('a body of gigabytes (no length given) stops at the 1 MB budget and the socket closes', async () => {
    const server = await misbehave(flood(4 * 1024 * MB))
    const transport = new HttpTransport({ timeoutMs: 10_000, retry: { limit: 0 } })
    const rssBefore = process.memoryUsage().rss
    const started = Date.now()
    const err = await failureOf(transport.send({ method: 'GET', href: server.href, headers: {} }))
    expect(err.code).toBe('response-too-large')
    expect(err.message).toMatch(/larger answer than expected/)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(await server.closed).toBeLessThan(3_000)
    // What left the server is the budget plus what the kernel's socket buffers held, not GBs.
    expect(server.sent()).toBeLessThan(16 * MB)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * MB)
  })

  it('a declared Content-Length over the budget is refused before reading the body', async () => {
    const server = await misbehave(flood(8 * MB, { 'Content-Length': String(8 * MB) }))
    const transport = new HttpTransport({ timeoutMs: 10_000 })
    const err = await failureOf(transport.send({ method: 'GET', href: server.href, headers: {} }))
    expect(err.code).toBe('response-too-large')
    await server.closed
    expect(server.sent()).toBeLessThan(8 * MB)
  })

  it('an error status with a huge body is capped the same way', async () => {
    const server = await misbehave(flood(1024 * MB, {}, 500))
    const transport = new HttpTransport({ timeoutMs: 10_000, retry: { limit: 0 } })
    const err = await failureOf(transport.send({ method: 'POST', href: server.href, headers: {} }))
    expect(err.code).toBe('response-too-large')
    expect(server.sent()).toBeLessThan(16 * MB)
  })

  it('an endless trickle (a byte every 50 ms) times out at the deadline and the socket closes', async () => {
    const server = await misbehave((res, count) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer)
        res.write(' ')
        count(1)
      }, 50)
      res.on('close', () => clearInterval(timer))
    })
    const transport = new HttpTransport({ timeoutMs: 600, retry: { limit: 0 } })
    const started = Date.now()
    const err = await failureOf(transport.send({ method: 'GET', href: server.href, headers: {} }))
    expect(err.code).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(await server.closed).toBeLessThan(1_500)
  })

  it('headers then silence times out at the deadline and the socket closes', async () => {
    const server = await misbehave((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.flushHeaders()
    })
    const transport = new HttpTransport({ timeoutMs: 500, retry: { limit: 0 } })
    const started = Date.now()
    const err = await failureOf(transport.send({ method: 'POST', href: server.href, headers: {} }))
    expect(err.code).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(await server.closed).toBeLessThan(1_500)
  })

  it('a retried GET gets a fresh deadline per attempt and still ends with a typed timeout', async () => {
    let requests = 0
    const server = await misbehave((res) => {
      requests++
      res.writeHead(200).flushHeaders()
    })
    const transport = new HttpTransport({
      timeoutMs: 300,
      retry: { limit: 1, delayMs: () => 10 },
    })
    const err = await failureOf(transport.send({ method: 'GET', href: server.href, headers: {} }))
    expect(err.code).toBe('timeout')
    expect(requests).toBe(2)
  })

  it('an answer cut short (the connection closes mid-body) fails at once as a network error', async () => {
    const server = await misbehave((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' })
      res.write('{"data":{"id":"abc"')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const transport = new HttpTransport({ timeoutMs: 10_000, retry: { limit: 0 } })
    const started = Date.now()
    const err = await failureOf(transport.send({ method: 'POST', href: server.href, headers: {} }))
    expect(err.code).toBe('network')
    expect(Date.now() - started).toBeLessThan(2_000) // not the 10 s deadline
  })

  it('requests one after another share one kept-alive connection', async () => {
    const server = await misbehave((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
    })
    const transport = new HttpTransport()
    for (let i = 0; i < 5; i++) {
      const reply = await transport.send({
        method: 'POST',
        href: server.href,
        headers: {},
        body: '{}',
      })
      expect(reply.status).toBe(200)
    }
    expect(server.connections()).toBe(1)
  })

  it('a body within the budget arrives whole, whatever its status', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(900 * 1024) })
    const server = await misbehave((res) => {
      res.writeHead(422, { 'Content-Type': 'application/json' }).end(body)
    })
    const reply = await new HttpTransport().send({ method: 'POST', href: server.href, headers: {} })
    expect(reply).toEqual({ status: 422, text: body })
  })
})

describe('a request held back until it may leave (sendAfter)', () => {
  it('leaves once sendAfter resolves, and its deadline starts then', async () => {
    let arrivedAt = 0
    const server = await misbehave((res) => {
      arrivedAt = Date.now()
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
    })
    let open: () => void = () => {}
    const sendAfter = new Promise<void>((r) => (open = r))
    const transport = new HttpTransport({ timeoutMs: 300, retry: { limit: 0 } })
    const reply = transport.send({ method: 'POST', href: server.href, headers: {}, sendAfter })
    await new Promise((r) => setTimeout(r, 400)) // longer than the deadline: nothing left yet
    expect(arrivedAt).toBe(0)
    const openedAt = Date.now()
    open()
    expect(await reply).toEqual({ status: 200, text: '{"ok":true}' })
    expect(arrivedAt).toBeGreaterThanOrEqual(openedAt)
  })

  it('sends nothing when sendAfter rejects, and fails with its reason', async () => {
    let requests = 0
    const server = await misbehave((res) => {
      requests++
      res.writeHead(200).end('{}')
    })
    const diskFull = new Error('ENOSPC: the sale could not be written')
    const err = await new HttpTransport()
      .send({ method: 'POST', href: server.href, headers: {}, sendAfter: Promise.reject(diskFull) })
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(err).toBe(diskFull)
    await new Promise((r) => setTimeout(r, 50))
    expect(requests).toBe(0)
  })
})
