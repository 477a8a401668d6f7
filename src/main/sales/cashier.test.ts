import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_STORE_ID,
  startBtcpayTestServer,
  type TestServer,
} from '../../../e2e/btcpay-test-server'
import type { SaleView } from '../../shared/sale'
import { ERROR_MESSAGES } from '../btcpay/errors'
import { GreenfieldClient } from '../btcpay/greenfield-client'
import { LegacyClient } from '../btcpay/legacy-client'
import {
  createMemoryVaultForTests,
  type MemoryVaultForTests,
} from '../keychain/memory-vault.testutil'
import { makeTestCore } from '../core/test-core.testutil'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'

// The core's cashier flow against the BTCPay test server on loopback: real journal files, real
// signed HTTP and the real status websocket; the keychain is a memory double. Every test runs in
// both charge modes: BitId-signed legacy invoices on a paired till, and Greenfield invoices with
// an API key on a till that is not paired at all (a server whose legacy API is off).
let server: TestServer
let vault: MemoryVaultForTests
let dataDir: string
let cores: ReturnType<typeof makeTestCore>[] = []

function core(opts: { timeoutMs?: number } = {}) {
  const timing = { timeoutMs: opts.timeoutMs ?? 5000, retry: { limit: 0 } }
  const c = makeTestCore({
    dataDir,
    vault,
    settingsBackend,
    watcherOptions: { pollIntervalMs: 100, maxPollIntervalMs: 200, expiredPollIntervalMs: 100 },
    makeClient: (o) => new LegacyClient({ ...o, ...timing }),
    makeApiKeyClient: (o) => new GreenfieldClient({ ...o, ...timing }),
  })
  cores.push(c)
  return c
}
let settingsBackend = memorySettingsBackend()

/** Where each mode's invoice requests go (for faults). */
const INVOICES = {
  legacy: '/invoices',
  greenfield: `/api/v1/stores/${DEMO_STORE_ID}/invoices`,
} as const

function eventsOf(c: ReturnType<typeof makeTestCore>) {
  const seen: SaleView[] = []
  c.events.connect((channel, envelope) => {
    if (channel === 'sale:changed') seen.push(envelope.data as SaleView)
  })
  return seen
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Waits until an event shows the sale in that phase. */
const untilPhase = (seen: SaleView[], saleId: string, phase: SaleView['phase']) =>
  waitFor(() => seen.some((s) => s.id === saleId && s.phase === phase))

beforeEach(async () => {
  server = await startBtcpayTestServer()
  vault = createMemoryVaultForTests()
  dataDir = mkdtempSync(join(tmpdir(), 'pos-cashier-'))
  settingsBackend = memorySettingsBackend()
  cores = []
})
afterEach(async () => {
  for (const c of cores) await c.stop()
  await server.close()
})

for (const mode of ['legacy', 'greenfield'] as const) {
  describe(`charging with ${mode} invoices`, () => {
    /** A till that can charge in this mode: paired (legacy), or with an API key (Greenfield). */
    async function pairedCore(opts: { timeoutMs?: number } = {}) {
      const c = core(opts)
      await c.start()
      if (mode === 'legacy' && c.pairing.connection().status !== 'paired') {
        await c.pairing.pairWithCode({
          serverUrl: server.url,
          pairingCode: server.control.createPairingCode().pairingCode,
        })
      }
      if (mode === 'greenfield' && c.settings.get().chargeVia !== 'greenfield') {
        const { apiKey } = server.control.createApiKey({
          permissions: ['cancreateinvoice', 'canviewinvoices'].map(
            (p) => `btcpay.store.${p}:${DEMO_STORE_ID}`,
          ),
        })
        await c.handlers['api-key:paste']({ serverUrl: server.url, apiKey })
        await c.handlers['settings:update']({ chargeVia: 'greenfield' })
      }
      return c
    }

    /** A paired core that records its sale events, and a first charge on it. */
    async function chargeOnPairedCore(amount: string) {
      const c = await pairedCore()
      const seen = eventsOf(c)
      const sale = await c.handlers['sales:charge']({ amount })
      return { c, seen, sale }
    }

    describe('charge', () => {
      it(`creates one ${mode} invoice with price, currency, orderId, itemDesc and posData`, async () => {
        const c = await pairedCore()
        c.settings.update({ cashier: 'Ana', terminalLabel: 'Bar' })
        const sale = await c.handlers['sales:charge']({ amount: '12.5', description: 'Espresso' })
        expect(sale).toMatchObject({
          phase: 'waiting',
          amountMinor: 1250,
          currency: 'USD',
          description: 'Espresso',
        })
        expect(sale.payment?.bip21).toMatch(/^bitcoin:/)
        const [invoice, ...others] = server.control.listInvoices()
        expect(others).toEqual([])
        expect(invoice).toMatchObject({
          id: sale.invoiceId,
          price: '12.50',
          currency: 'USD',
          orderId: sale.orderId,
        })
        const terminalId = c.settings.get().terminalId
        expect(sale.orderId).toBe(`${terminalId}-1`)
        const metadata = server.state.invoices.get(sale.invoiceId!)!.metadata
        expect(metadata['itemDesc']).toBe('Espresso')
        expect(JSON.stringify(metadata['posData'])).toContain('Bar')
        expect(JSON.stringify(metadata['posData'])).toContain('Ana')
      })

      it.each([
        ['0', /more than zero/],
        ['-3', /negative/],
        ['1.234', /at most 2 decimals/],
        ['abc', /not an amount/],
        ['10000.01', /most this till can charge/],
      ])('refuses %j without sending anything', async (amount, message) => {
        const c = await pairedCore()
        await expect(c.handlers['sales:charge']({ amount })).rejects.toMatchObject({
          code: 'bad-input',
          message: expect.stringMatching(message),
        })
        expect(server.control.listInvoices()).toEqual([])
        expect(c.history.listSales({ from: 0, to: Date.now() + 1000 }).sales).toEqual([])
      })

      it(
        mode === 'legacy'
          ? 'refuses to charge before pairing'
          : 'refuses to charge once the API key is gone',
        async () => {
          const c = mode === 'legacy' ? core() : await pairedCore()
          await c.start()
          if (mode === 'greenfield') await c.handlers['api-key:remove'](undefined)
          await expect(c.handlers['sales:charge']({ amount: '5' })).rejects.toMatchObject({
            code: 'not-paired',
            message: expect.stringMatching(mode === 'legacy' ? /not paired/ : /API key/),
          })
          expect(c.history.listSales({ from: 0, to: Date.now() + 1000 }).sales).toEqual([])
        },
      )

      it('writes the sale to the journal before the invoice request goes out', async () => {
        const c = await pairedCore()
        const seen = eventsOf(c)
        server.control.addFault({
          kind: 'latency',
          latencyMs: 300,
          method: 'POST',
          pathPrefix: INVOICES[mode],
          times: 1,
        })
        const pending = c.handlers['sales:charge']({ amount: '3' })
        await waitFor(() => seen.length > 0)
        expect(seen[0]).toMatchObject({ phase: 'creating', invoiceId: null })
        expect(server.control.listInvoices()).toEqual([])
        const journalDir = join(dataDir, 'journal')
        const dayFile = readdirSync(journalDir).find((f) => f.startsWith('sales-'))!
        expect(readFileSync(join(journalDir, dayFile), 'utf8')).toContain(seen[0]!.orderId)
        await pending
      })

      it('follows the payment: paid, then settled, each pushed as an event', async () => {
        const { c, seen, sale } = await chargeOnPairedCore('20')
        server.control.pay(sale.invoiceId!)
        await waitFor(() => seen.some((s) => s.phase === 'paid'))
        server.control.confirm(sale.invoiceId!)
        await waitFor(() => seen.some((s) => s.phase === 'settled'))
        expect(c.history.salesTotals({ from: 0, to: Date.now() + 1000 }).totals).toEqual([
          { currency: 'USD', count: 1, settledMinor: 2000, pendingMinor: 0, refundedMinor: 0 },
        ])
      })

      it.each([
        ['partial', 'partial'],
        ['over', 'overpaid'],
      ] as const)('shows a %s payment as %s', async (mode, phase) => {
        const { seen, sale } = await chargeOnPairedCore('20')
        server.control.pay(sale.invoiceId!, { mode })
        await waitFor(() => seen.some((s) => s.phase === phase))
      })

      it('shows expired, then a late payment as paid-late; invalid as invalid', async () => {
        const { c, seen, sale: a } = await chargeOnPairedCore('4')
        server.control.expire(a.invoiceId!)
        await untilPhase(seen, a.id, 'expired')
        server.control.pay(a.invoiceId!, { mode: 'late' })
        await untilPhase(seen, a.id, 'paid-late')
        const b = await c.handlers['sales:charge']({ amount: '5' })
        server.control.invalidate(b.invoiceId!)
        await untilPhase(seen, b.id, 'invalid')
      })

      it('tells the cashier in words when BTCPay cannot be reached, and clears it again', async () => {
        const { seen, sale } = await chargeOnPairedCore('2')
        server.control.addFault({
          kind: 'error',
          status: 502,
          method: 'GET',
          pathPrefix: `${INVOICES[mode]}/`,
        })
        server.control.dropWebsockets()
        await waitFor(() => seen.some((s) => s.id === sale.id && s.trouble !== null))
        const troubled = seen.find((s) => s.trouble !== null)
        expect(troubled?.trouble).toBe(ERROR_MESSAGES['server-error'])
        // The code the till words in its language.
        expect(troubled?.troubleCode).toBe('server-error')
        server.control.clearFaults()
        await waitFor(() => seen.at(-1)?.trouble === null)
      })

      it('cancelling shows the sale cancelled, and keeps the invoice followed', async () => {
        const { c, seen, sale } = await chargeOnPairedCore('6')
        const cancelled = await c.handlers['sales:cancel']({ saleId: sale.id })
        expect(cancelled).toMatchObject({ phase: 'abandoned', payment: null })
        expect(cancelled.cancelledAt).toEqual(expect.any(Number))
        expect(c.history.listSales({ from: 0, to: Date.now() + 1000 }).sales[0]).toMatchObject({
          phase: 'abandoned',
        })
        // The customer pays anyway: the cashier must hear of it.
        server.control.pay(sale.invoiceId!)
        await untilPhase(seen, sale.id, 'paid')
        const paid = seen.findLast((s) => s.id === sale.id)!
        expect(paid.cancelledAt).toBe(cancelled.cancelledAt)
        server.control.confirm(sale.invoiceId!)
        await untilPhase(seen, sale.id, 'settled')
      })

      it('a cancelled sale expires as cancelled; a late payment on it still shows', async () => {
        const { c, seen, sale } = await chargeOnPairedCore('3')
        await c.handlers['sales:cancel']({ saleId: sale.id })
        server.control.expire(sale.invoiceId!)
        await waitFor(() => server.control.getInvoice(sale.invoiceId!).status === 'Expired')
        await new Promise((r) => setTimeout(r, 300))
        expect(seen.findLast((s) => s.id === sale.id)?.phase).toBe('abandoned')
        server.control.pay(sale.invoiceId!, { mode: 'late' })
        await untilPhase(seen, sale.id, 'paid-late')
      })

      it('a cancelled sale is followed again after a restart', async () => {
        const first = await pairedCore()
        const sale = await first.handlers['sales:charge']({ amount: '4' })
        await first.handlers['sales:cancel']({ saleId: sale.id })
        await first.stop()
        server.control.pay(sale.invoiceId!, { mode: 'partial' })
        const second = core()
        const seen = eventsOf(second)
        await second.start()
        await untilPhase(seen, sale.id, 'partial')
        expect(seen.findLast((s) => s.id === sale.id)?.cancelledAt).not.toBeNull()
      })

      it('refuses a second charge while one is in flight with its own code', async () => {
        const c = await pairedCore()
        server.control.addFault({ kind: 'latency', latencyMs: 300, method: 'POST', times: 1 })
        const first = c.handlers['sales:charge']({ amount: '1' })
        await expect(c.handlers['sales:charge']({ amount: '2' })).rejects.toMatchObject({
          code: 'busy',
        })
        await first
      })
    })

    describe('failures lose nothing and duplicate nothing', () => {
      it('a 500: the sale is kept and checked again, with a plain message, and no invoice appears', async () => {
        const c = await pairedCore()
        server.control.addFault({
          kind: 'error',
          status: 500,
          method: 'POST',
          pathPrefix: INVOICES[mode],
          times: 1,
        })
        await expect(c.handlers['sales:charge']({ amount: '7' })).rejects.toMatchObject({
          code: 'server-error',
          message: expect.stringMatching(/sale is saved/),
        })
        const [sale] = c.history.listSales({ from: 0, to: Date.now() + 1000 }).sales
        expect(sale?.phase).toBe('creating')
        expect(server.control.listInvoices()).toEqual([])
      })

      it('a timeout after BTCPay created the invoice: reconciled by orderId, never created twice', async () => {
        const c = await pairedCore({ timeoutMs: 200 })
        const seen = eventsOf(c)
        server.control.addFault({
          kind: 'latency',
          latencyMs: 400,
          method: 'POST',
          pathPrefix: INVOICES[mode],
          times: 1,
        })
        await expect(c.handlers['sales:charge']({ amount: '8' })).rejects.toMatchObject({
          code: 'timeout',
          message: expect.stringMatching(/sale is saved/),
        })
        await new Promise((r) => setTimeout(r, 400))
        await c.cashier.resume()
        await waitFor(() => seen.some((s) => s.invoiceId !== null))
        const invoices = server.control.listInvoices()
        expect(invoices).toHaveLength(1)
        expect(c.history.listSales({ from: 0, to: Date.now() + 1000 }).sales[0]).toMatchObject({
          invoiceId: invoices[0]!.id,
          phase: 'waiting',
        })
      })

      it('after a restart, pending invoices are watched again and unsent charges reconciled', async () => {
        const first = await pairedCore()
        const sale = await first.handlers['sales:charge']({ amount: '9' })
        await first.stop()
        server.control.pay(sale.invoiceId!)
        const second = core()
        const seen = eventsOf(second)
        await second.start()
        await untilPhase(seen, sale.id, 'paid')
      })

      it('exports a date range as CSV in the data folder', async () => {
        const c = await pairedCore()
        await c.handlers['sales:charge']({ amount: '1.5', description: 'Tea, green' })
        const out = await c.handlers['sales:export-csv']({ from: 0, to: Date.now() + 1000 })
        expect(out.count).toBe(1)
        expect(out.path.startsWith(join(dataDir, 'exports'))).toBe(true)
        const csv = readFileSync(out.path, 'utf8')
        expect(csv).toContain('1.50')
        expect(csv).toContain('"Tea, green"')
      })
    })
  })
}

it('the till charges with the API key only once the key may create and view invoices', async () => {
  const c = core()
  await c.start()
  const choose = () => c.handlers['settings:update']({ chargeVia: 'greenfield' })
  await expect(choose()).rejects.toMatchObject({ code: 'bad-input', message: /API key/ })
  const viewOnly = server.control.createApiKey({
    permissions: [`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`],
  })
  await c.handlers['api-key:paste']({ serverUrl: server.url, apiKey: viewOnly.apiKey })
  await expect(choose()).rejects.toMatchObject({ code: 'bad-input' })
  expect(c.settings.get().chargeVia).toBe('legacy')
})
