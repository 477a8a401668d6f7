import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBtcpayTestServer } from '../../../e2e/btcpay-test-server'
import type { TestServer } from '../../../e2e/btcpay-test-server'
import type { SocketDown } from './status-socket'
import { openStatusSocket, statusSocketUrl } from './status-socket'
import { newInvoice, pairedClient, waitFor } from './watch-helpers.testutil'

describe('statusSocketUrl', () => {
  it('uses ws:// for http and wss:// for https, keeping the path base', () => {
    expect(statusSocketUrl('http://127.0.0.1:23000', 'AbC')).toBe(
      'ws://127.0.0.1:23000/i/AbC/status/ws',
    )
    expect(statusSocketUrl('https://shop.example.com/btcpay/', 'AbC')).toBe(
      'wss://shop.example.com/btcpay/i/AbC/status/ws',
    )
    expect(statusSocketUrl('https://shop.example.com:8443', 'a/b?c')).toBe(
      'wss://shop.example.com:8443/i/a%2Fb%3Fc/status/ws',
    )
  })

  it('refuses other schemes', () => {
    expect(() => statusSocketUrl('ftp://example.com', 'x')).toThrow()
  })
})

describe('openStatusSocket against the BTCPay test server', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startBtcpayTestServer()
  })
  afterEach(async () => {
    await server.close()
  })

  function open(invoiceId: string, idleTimeoutMs?: number) {
    const seen = { open: 0, triggers: 0, down: [] as SocketDown[] }
    const socket = openStatusSocket({
      url: statusSocketUrl(server.url, invoiceId),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      onOpen: () => seen.open++,
      onTrigger: () => seen.triggers++,
      onDown: (d) => seen.down.push(d),
    })
    return { seen, socket }
  }

  it('reports a 404 for an unknown invoice as refused', async () => {
    const { seen } = open('NoSuchInvoice')
    await waitFor(() => seen.down.length === 1)
    expect(seen.down[0]).toMatchObject({ reason: 'refused', status: 404, openForMs: null })
    expect(seen.open).toBe(0)
  })

  it('triggers on a change, not on pings, and reports a drop once', async () => {
    server.control.setSettings({ wsPingInitialMs: 5, wsPingIntervalMs: 5 })
    const client = await pairedClient(server)
    const inv = await newInvoice(client)
    const { seen } = open(inv.id)
    await waitFor(() => seen.open === 1)
    await new Promise((r) => setTimeout(r, 60))
    expect(seen.triggers).toBe(0)
    server.control.pay(inv.id, { mode: 'partial' })
    await waitFor(() => seen.triggers === 1)
    server.control.dropWebsockets()
    await waitFor(() => seen.down.length === 1)
    expect(seen.down[0]).toMatchObject({ reason: 'closed', code: 1001 })
    expect(seen.down[0]?.openForMs).toBeGreaterThanOrEqual(0)
  })

  it('declares a silent socket dead after the idle timeout', async () => {
    const client = await pairedClient(server)
    const inv = await newInvoice(client)
    const { seen } = open(inv.id, 100) // the server's first ping comes after 30 s
    await waitFor(() => seen.down.length === 1, 2000)
    expect(seen.down[0]).toMatchObject({ reason: 'idle' })
    await waitFor(() => server.control.openWebsockets === 0)
  })

  it('close() closes it without calling back', async () => {
    const client = await pairedClient(server)
    const inv = await newInvoice(client)
    const { seen, socket } = open(inv.id)
    await waitFor(() => seen.open === 1)
    expect(server.control.openWebsockets).toBe(1)
    socket.close()
    await waitFor(() => server.control.openWebsockets === 0)
    expect(seen.down).toEqual([])
  })

  it('close() during the handshake lets it finish, then closes', async () => {
    const client = await pairedClient(server)
    const inv = await newInvoice(client)
    const { seen, socket } = open(inv.id)
    socket.close()
    await new Promise((r) => setTimeout(r, 100))
    expect(server.control.openWebsockets).toBe(0)
    expect(seen).toEqual({ open: 0, triggers: 0, down: [] })
  })
})
