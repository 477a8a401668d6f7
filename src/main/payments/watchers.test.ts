import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBtcpayTestServer } from '../../../e2e/btcpay-test-server'
import type { TestServer } from '../../../e2e/btcpay-test-server'
import type { LegacyClient } from '../btcpay/legacy-client'
import type { PaymentStatus } from './payment-status'
import type { Watchers } from './watchers'
import { createWatchers } from './watchers'
import { FAST, newInvoice, pairedClient, waitFor } from './watch-test-support.testutil'

let server: TestServer
let client: LegacyClient
let watchers: Watchers
let statuses: PaymentStatus[]
let fetches: Record<string, number>

beforeEach(async () => {
  server = await startBtcpayTestServer()
  client = await pairedClient(server)
  statuses = []
  fetches = {}
  watchers = createWatchers({
    serverUrl: server.url,
    fetchInvoice: (id) => {
      fetches[id] = (fetches[id] ?? 0) + 1
      return client.getInvoice(id)
    },
    onStatus: (s) => statuses.push(s),
    ...FAST,
  })
})
afterEach(async () => {
  watchers.stopAll()
  await server.close()
})

describe('createWatchers', () => {
  it('watches an invoice once, however often asked', async () => {
    const inv = await newInvoice(client)
    watchers.watch(inv.id)
    watchers.watch(inv.id)
    await waitFor(() => server.control.openWebsockets === 1 && statuses.length === 1)
    await new Promise((r) => setTimeout(r, 100))
    expect(server.control.openWebsockets).toBe(1)
    expect(statuses.map((s) => s.phase)).toEqual(['waiting'])
    expect(watchers.ids()).toEqual([inv.id])
  })

  it('forgets an invoice once it is final, and can watch several', async () => {
    const a = await newInvoice(client)
    const b = await newInvoice(client)
    watchers.watch(a.id)
    watchers.watch(b.id)
    await waitFor(() => server.control.openWebsockets === 2)
    server.control.pay(a.id, { paymentMethod: 'BTC-LN' }) // Lightning settles at once
    await waitFor(() => statuses.some((s) => s.invoiceId === a.id && s.final))
    expect(watchers.has(a.id)).toBe(false)
    expect(watchers.has(b.id)).toBe(true)
    await waitFor(() => server.control.openWebsockets === 1)
  })

  it('stopAll closes every socket', async () => {
    const a = await newInvoice(client)
    const b = await newInvoice(client)
    watchers.watch(a.id)
    watchers.watch(b.id)
    await waitFor(() => server.control.openWebsockets === 2)
    watchers.stopAll()
    expect(watchers.ids()).toEqual([])
    await waitFor(() => server.control.openWebsockets === 0)
    await watchers.refresh(a.id) // not watched: resolves at once
  })
})
