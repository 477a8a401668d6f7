import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { ClientOptions } from 'ws'
import { startBtcpayTestServer } from '../../../e2e/btcpay-test-server'
import type { FaultSpec, TestServer } from '../../../e2e/btcpay-test-server'
import type { LegacyClient } from '../btcpay/legacy-client'
import type { InvoiceWatcher, WatchInvoiceOptions } from './invoice-watcher'
import { watchInvoice } from './invoice-watcher'
import {
  FAST,
  newInvoice,
  pairedClient,
  recorder,
  satsToBtc,
  sleep,
  waitFor,
} from './watch-helpers.testutil'

// Against the project's BTCPay test server on loopback: real signed HTTP, the real status
// websocket, faults injected by the server. Nothing is mocked.
let server: TestServer
let client: LegacyClient
let watchers: InvoiceWatcher[] = []

beforeEach(async () => {
  server = await startBtcpayTestServer()
  client = await pairedClient(server)
})
afterEach(async () => {
  for (const w of watchers) w.stop()
  watchers = []
  await server.close()
})

type Rec = ReturnType<typeof recorder>
function watch(rec: Rec, invoiceId: string, extra: Partial<WatchInvoiceOptions> = {}) {
  const w = watchInvoice({
    invoiceId,
    serverUrl: server.url,
    fetchInvoice: rec.fetchInvoice,
    onStatus: rec.onStatus,
    onConnection: rec.onConnection,
    ...FAST,
    ...extra,
  })
  watchers.push(w)
  return w
}

/** Socket open, first status in, and the catch-up fetch after the socket opened done. */
const viaSocket = (rec: Rec) => () =>
  rec.connection?.via === 'socket' && rec.statuses.length > 0 && rec.inFlight === 0

async function settledRequests(rec: Rec, ms = 300): Promise<void> {
  const before = rec.fetches
  await sleep(ms)
  expect(rec.fetches).toBe(before)
}

describe('following an invoice through the websocket', () => {
  it('sees the payment, then the settlement, and stops watching', async () => {
    const inv = await newInvoice(client)
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(viaSocket(rec), 4000, 'socket + first status')
    expect(rec.last).toMatchObject({ phase: 'waiting', dueText: inv.btcDue, final: false })
    expect(server.control.openWebsockets).toBe(1)

    const fetchesBefore = rec.fetches
    server.control.pay(inv.id, { mode: 'full' })
    await waitFor(() => rec.last?.phase === 'paid', 2000, 'paid')
    expect(rec.last).toMatchObject({
      legacyStatus: 'paid',
      confirmed: false,
      paidText: inv.btcPrice,
      dueText: null,
      final: false,
    })
    // Delivered by the socket trigger, with no polling in between.
    expect(rec.fetches).toBe(fetchesBefore + 1)
    expect(rec.connection).toEqual({ via: 'socket', trouble: null })

    server.control.confirm(inv.id)
    await waitFor(() => rec.last?.phase === 'settled', 2000, 'settled')
    expect(rec.last).toMatchObject({ confirmed: true, final: true, legacyStatus: 'complete' })
    expect(rec.phases).toEqual(['waiting', 'paid', 'settled'])
    await waitFor(() => server.control.openWebsockets === 0, 2000, 'socket closed')
    await settledRequests(rec)
  })

  it('reports a partial payment with the exact amount still due, then the rest', async () => {
    const inv = await newInvoice(client, { price: '12.34' })
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(viaSocket(rec))
    const after = server.control.pay(inv.id, { mode: 'partial' })
    await waitFor(() => rec.last?.phase === 'partial', 2000, 'partial')
    expect(rec.last).toMatchObject({
      exceptionStatus: 'paidPartial',
      dueText: after.remainingBtc,
      paidText: satsToBtc(after.paidSats),
      final: false,
    })
    server.control.pay(inv.id, { mode: 'full' })
    await waitFor(() => rec.last?.phase === 'paid', 2000, 'paid')
    expect(rec.last?.paidText).toBe(inv.btcPrice)
  })

  it('reports an overpayment, and a settled overpayment as final', async () => {
    const inv = await newInvoice(client)
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(viaSocket(rec))
    const paid = server.control.pay(inv.id, { mode: 'over' })
    await waitFor(() => rec.last?.phase === 'overpaid', 2000, 'overpaid')
    expect(rec.last).toMatchObject({
      exceptionStatus: 'paidOver',
      confirmed: false,
      final: false,
      paidText: satsToBtc(paid.paidSats),
    })
    server.control.confirm(inv.id)
    await waitFor(() => rec.last?.confirmed === true, 2000, 'confirmed')
    expect(rec.last).toMatchObject({ phase: 'overpaid', final: true })
    await waitFor(() => server.control.openWebsockets === 0)
  })

  it('reports an invalid invoice as final', async () => {
    const inv = await newInvoice(client)
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(viaSocket(rec))
    server.control.pay(inv.id)
    await waitFor(() => rec.last?.phase === 'paid')
    server.control.invalidate(inv.id)
    await waitFor(() => rec.last?.phase === 'invalid', 2000, 'invalid')
    expect(rec.last?.final).toBe(true)
    await waitFor(() => server.control.openWebsockets === 0)
    await settledRequests(rec)
  })
})

describe('expired invoices and late payments', () => {
  it('keeps watching an expired invoice and sees a late payment (paid-late, final)', async () => {
    const inv = await newInvoice(client)
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(viaSocket(rec))
    const partial = server.control.pay(inv.id, { mode: 'partial' })
    await waitFor(() => rec.last?.phase === 'partial')
    server.control.expire(inv.id)
    await waitFor(() => rec.last?.phase === 'expired', 2000, 'expired')
    expect(rec.last).toMatchObject({
      final: false,
      dueText: null,
      paidText: satsToBtc(partial.paidSats),
      exceptionStatus: 'paidPartial',
    })
    server.control.pay(inv.id, { mode: 'late' })
    await waitFor(() => rec.last?.phase === 'paid-late', 2000, 'paid-late')
    expect(rec.last).toMatchObject({
      legacyStatus: 'expired',
      exceptionStatus: 'paidLate',
      paidText: inv.btcPrice,
      final: true,
    })
    expect(rec.phases).toEqual(['waiting', 'partial', 'expired', 'paid-late'])
    await settledRequests(rec)
  })

  it('a late payment found by polling once the socket is gone (BTCPay refuses it for expired)', async () => {
    const inv = await newInvoice(client)
    server.control.expire(inv.id)
    const rec = recorder(client)
    watch(rec, inv.id, { expiredPollIntervalMs: 50 })
    await waitFor(() => rec.last?.phase === 'expired')
    await waitFor(() => rec.connection !== undefined) // after the refused socket attempt
    expect(rec.connection?.via).toBe('polling')
    expect(server.control.openWebsockets).toBe(0)
    server.control.pay(inv.id, { mode: 'late' })
    await waitFor(() => rec.last?.phase === 'paid-late', 1000, 'paid-late by polling')
    await settledRequests(rec)
  })

  it('gives up on an expired, unpaid invoice once the grace period has passed', async () => {
    const inv = await newInvoice(client, { expirationTime: Date.now() + 31_000 })
    const rec = recorder(client)
    watch(rec, inv.id, { expiredGraceMs: 1000 })
    await waitFor(viaSocket(rec))
    server.control.advanceClock(31_000) // the server expires the invoice at once
    await waitFor(() => rec.last?.phase === 'expired', 2000, 'expired')
    expect(rec.last).toMatchObject({ final: false, paidText: null })
    await waitFor(() => rec.last?.final === true, 3000, 'final after grace')
    expect(rec.phases).toEqual(['waiting', 'expired', 'expired'])
    await waitFor(() => server.control.openWebsockets === 0)
    await settledRequests(rec)
  })
})

describe('an invoice already final when watching starts (the socket is refused with 404)', () => {
  it('reports the final status once and stops', async () => {
    const inv = await newInvoice(client)
    server.control.pay(inv.id)
    server.control.confirm(inv.id)
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(() => rec.statuses.length > 0)
    expect(rec.last).toMatchObject({ phase: 'settled', final: true })
    await settledRequests(rec)
    expect(rec.fetches).toBeLessThanOrEqual(2)
    expect(rec.phases).toEqual(['settled'])
    expect(server.control.openWebsockets).toBe(0)
  })
})

describe('when the socket cannot be used', () => {
  it('polls when the socket is refused, finds the payment within one poll interval, reconnects later', async () => {
    const refuse = server.control.addFault({ kind: 'ws-refuse' })
    const inv = await newInvoice(client)
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(() => rec.statuses.length > 0 && rec.connection !== undefined)
    await sleep(400) // polling has backed off to its cap by now
    expect(rec.connection).toEqual({ via: 'polling', trouble: null })
    expect(server.control.openWebsockets).toBe(0)
    const paidAt = Date.now()
    server.control.pay(inv.id)
    await waitFor(() => rec.last?.phase === 'paid', 2000, 'paid by polling')
    expect(Date.now() - paidAt).toBeLessThan(FAST.maxPollIntervalMs + 150)

    server.control.removeFault(refuse.id)
    await waitFor(() => rec.connection?.via === 'socket', 2000, 'reconnected')
    expect(server.control.openWebsockets).toBe(1)
  })

  it('sees a payment made while the socket was dropped, and reconnects', async () => {
    const inv = await newInvoice(client)
    const rec = recorder(client)
    watch(rec, inv.id)
    await waitFor(viaSocket(rec))
    // The next two reconnect attempts are refused, so the payment lands in the gap.
    server.control.addFault({ kind: 'ws-refuse', times: 2 })
    expect(server.control.dropWebsockets()).toBe(1)
    await waitFor(() => rec.connection?.via === 'polling', 2000, 'socket down')
    server.control.pay(inv.id)
    await waitFor(() => rec.last?.phase === 'paid', 2000, 'paid')
    await waitFor(() => rec.connection?.via === 'socket', 3000, 'reconnected')
    expect(rec.connections.map((c) => c.via)).toEqual(['socket', 'polling', 'socket'])
    expect(server.control.openWebsockets).toBe(1)
    server.control.confirm(inv.id)
    await waitFor(() => rec.last?.phase === 'settled', 2000, 'settled via the new socket')
  })
})

describe('fetch failures', () => {
  const faults: [string, FaultSpec, string][] = [
    ['a 500', { kind: 'error', status: 500 }, 'server-error'],
    ['a 503', { kind: 'error', status: 503 }, 'server-error'],
    ['malformed JSON', { kind: 'malformed-json' }, 'malformed-response'],
    ['a connection reset', { kind: 'reset' }, 'network'],
    ['a timeout', { kind: 'latency', latencyMs: 700 }, 'timeout'],
  ]

  it.each(faults)(
    '%s: trouble is reported, no wrong status, recovery when it clears',
    async (_, spec, code) => {
      client = await pairedClient(server, { timeoutMs: 300 })
      const inv = await newInvoice(client)
      const rec = recorder(client)
      watch(rec, inv.id)
      await waitFor(viaSocket(rec))
      const fault = server.control.addFault({ ...spec, method: 'GET', pathPrefix: '/invoices' })
      server.control.pay(inv.id)
      await waitFor(() => rec.connection?.trouble === code, 3000, `trouble ${code}`)
      expect(rec.phases).toEqual(['waiting'])
      // Retried by polling while the socket stays open.
      const failed = rec.fetches
      await waitFor(() => rec.fetches >= failed + 2, 2000, 'retries')
      expect(rec.phases).toEqual(['waiting'])
      expect(rec.connection?.via).toBe('socket')

      server.control.removeFault(fault.id)
      await waitFor(() => rec.last?.phase === 'paid', 3000, 'paid after recovery')
      await waitFor(() => rec.connection?.trouble === null)
      expect(rec.phases).toEqual(['waiting', 'paid'])
      // Back to the socket alone: no more polling.
      await sleep(50)
      await settledRequests(rec)
    },
  )
})

describe("starting from a charge's answer (known)", () => {
  it('looks once, when the socket opens, and sees a payment made before it did', async () => {
    const inv = await newInvoice(client)
    server.control.pay(inv.id, { mode: 'full' }) // between the answer and the socket
    const rec = recorder(client)
    watch(rec, inv.id, { known: inv })
    await waitFor(() => rec.last?.phase === 'paid', 2000, 'paid')
    expect(rec.phases).toEqual(['paid']) // the answer's own status is not reported again
    await waitFor(() => rec.connection?.via === 'socket' && rec.inFlight === 0)
    await settledRequests(rec)
    expect(rec.fetches).toBe(1)
  })

  it('without the socket, the first poll looks', async () => {
    server.control.addFault({ kind: 'ws-refuse' })
    const inv = await newInvoice(client)
    const rec = recorder(client)
    const started = Date.now()
    watch(rec, inv.id, { known: inv })
    await waitFor(() => rec.fetches > 0, 2000, 'first poll')
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.pollIntervalMs - 5)
    expect(rec.statuses).toEqual([])
    server.control.pay(inv.id)
    await waitFor(() => rec.last?.phase === 'paid', 2000, 'paid by polling')
  })
})

describe('requests stay few', () => {
  it('does not fetch on "ping" frames', async () => {
    server.control.setSettings({ wsPingInitialMs: 10, wsPingIntervalMs: 10 })
    let pings = 0
    class CountingWebSocket extends WebSocket {
      constructor(url: string, options?: ClientOptions) {
        super(url, options)
        this.on('message', (data, isBinary) => {
          if (!isBinary && data.toString() === 'ping') pings++
        })
      }
    }
    const inv = await newInvoice(client)
    const rec = recorder(client)
    watch(rec, inv.id, { WebSocketImpl: CountingWebSocket })
    await waitFor(viaSocket(rec))
    await waitFor(() => pings >= 3 && rec.inFlight === 0, 2000, 'first pings')
    const fetches = rec.fetches
    await waitFor(() => pings >= 20, 3000, '20 pings')
    expect(rec.fetches).toBe(fetches)
    expect(rec.phases).toEqual(['waiting'])
  })

  it('collapses a burst of triggers into one fetch at a time', async () => {
    const inv = await newInvoice(client)
    const rec = recorder(client)
    const w = watch(rec, inv.id)
    await waitFor(viaSocket(rec))
    await waitFor(() => rec.inFlight === 0)
    server.control.addFault({
      kind: 'latency',
      latencyMs: 150,
      method: 'GET',
      pathPrefix: '/invoices',
    })
    const before = rec.fetches
    let last = server.control.getInvoice(inv.id)
    const refreshes: Promise<void>[] = []
    for (let i = 0; i < 5; i++) {
      last = server.control.pay(inv.id, { mode: 'partial', sats: 1000 })
      refreshes.push(w.refresh(), w.refresh())
    }
    await Promise.all(refreshes)
    await waitFor(() => rec.last?.paidText === satsToBtc(last.paidSats), 3000, 'all payments seen')
    await waitFor(() => rec.inFlight === 0)
    expect(rec.maxInFlight).toBe(1)
    // 5 payments (socket triggers) + 10 refreshes: one fetch in flight and one after it.
    expect(rec.fetches - before).toBeLessThanOrEqual(3)
    expect(rec.last).toMatchObject({ phase: 'partial', dueText: last.remainingBtc })
  })
})

describe('stop()', () => {
  it('closes the socket and the timers; nothing is fetched or reported afterwards', async () => {
    const inv = await newInvoice(client)
    const rec = recorder(client)
    const w = watch(rec, inv.id)
    await waitFor(viaSocket(rec))
    w.stop()
    await waitFor(() => server.control.openWebsockets === 0, 2000, 'socket closed')
    server.control.pay(inv.id)
    await settledRequests(rec)
    expect(rec.phases).toEqual(['waiting'])
    const fetches = rec.fetches
    await w.refresh() // resolves at once, fetches nothing
    expect(rec.fetches).toBe(fetches)
  })

  it('stops while polling (socket refused): no more polls, no more reconnect attempts', async () => {
    const refuse = server.control.addFault({ kind: 'ws-refuse' })
    const attempts = () => server.control.listFaults().find((f) => f.id === refuse.id)?.hits ?? 0
    const inv = await newInvoice(client)
    const rec = recorder(client)
    const w = watch(rec, inv.id)
    await waitFor(() => rec.statuses.length > 0 && attempts() >= 2, 2000, 'reconnect attempts')
    w.stop()
    await waitFor(() => rec.inFlight === 0)
    const tried = attempts()
    await settledRequests(rec)
    expect(attempts()).toBe(tried)
  })
})

// That the process can exit after stop() (no timer, no socket left) is proven in a child
// process by watch-exit.test.ts.
