import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEMO_POS_APP_ID,
  DEMO_STORE_ID,
  startBtcpayTestServer,
} from '../../../e2e/btcpay-test-server'
import type { CatalogView } from '../../shared/catalog'
import { GreenfieldClient } from '../btcpay/greenfield-client'
import { LegacyClient } from '../btcpay/legacy-client'
import { serverRig } from '../core/server-rig.testutil'
import { decimalToMinor } from './catalog-items'

// The catalog, carts and parked carts through the real core against the BTCPay test server on
// loopback (its demo "Tea shop" PoS app, served pictures, real HTTP); journal, cache and parked
// carts are real files. Only the keychain and settings are memory doubles.
const rig = serverRig('pos-catalog-')
const core = () =>
  rig.core({ makeClient: (o) => new LegacyClient({ ...o, timeoutMs: 3000, retry: { limit: 0 } }) })

/**
 * A core with an API key that may read the store's catalog, charging in `mode`: paired (BitId
 * legacy invoices), or with the key itself (Greenfield; the server's legacy invoice API then
 * answers 404, so every invoice has to go through Greenfield).
 */
async function catalogCore(mode: 'legacy' | 'greenfield' = 'legacy') {
  const c = core()
  await c.start()
  // Nothing of the store's settings: any key of the store reads a PoS app, as in BTCPay 2.0.5+.
  const permissions = ['canviewinvoices']
  if (mode === 'legacy') {
    await c.pairing.pairWithCode({
      serverUrl: rig.server.url,
      pairingCode: rig.server.control.createPairingCode().pairingCode,
    })
  } else {
    permissions.push('cancreateinvoice', 'canviewinvoices')
  }
  const apiKey = rig.server.control.createApiKey({
    permissions: permissions.map((p) => `btcpay.store.${p}:${DEMO_STORE_ID}`),
  }).apiKey
  await c.handlers['api-key:paste']({ serverUrl: rig.server.url, apiKey })
  if (mode === 'greenfield') {
    await c.handlers['settings:update']({ chargeVia: 'greenfield' })
    rig.server.control.addFault({ kind: 'error', status: 404, pathPrefix: '/invoices' })
  }
  const view = await c.handlers['catalog:choose-app']({ appId: DEMO_POS_APP_ID })
  return { c, view }
}

/** The invoice as BTCPay's Greenfield API shows it, metadata included. */
async function invoiceOnServer(invoiceId: string) {
  const apiKey = rig.server.control.createApiKey({
    permissions: [`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`],
  }).apiKey
  const client = new GreenfieldClient({ baseUrl: rig.server.url, apiKey, storeId: DEMO_STORE_ID })
  return client.getInvoice(invoiceId)
}

const itemOf = (view: CatalogView, id: string) => view.items.find((i) => i.id === id)

describe('catalog', () => {
  it('reads the PoS app: prices in minor units, disabled items hidden, inventory, tips, pictures cached', async () => {
    const { c, view } = await catalogCore()
    expect(view).toMatchObject({
      appId: DEMO_POS_APP_ID,
      title: 'Tea shop',
      currency: 'USD',
      tips: { enabled: true, percentages: [10, 15, 20] },
      trouble: null,
    })
    expect(view.items.map((i) => i.id)).toEqual([
      'green-tea',
      'black-tea',
      'scone',
      'gift-card',
      'donation',
    ])
    expect(itemOf(view, 'green-tea')).toMatchObject({
      priceType: 'fixed',
      priceMinor: 350,
      category: 'Tea',
      inventory: 5,
    })
    expect(itemOf(view, 'gift-card')).toMatchObject({ priceType: 'minimum', priceMinor: 1000 })
    expect(itemOf(view, 'donation')).toMatchObject({ priceType: 'custom', priceMinor: null })
    const image = itemOf(view, 'green-tea')?.image ?? ''
    expect(image).toMatch(/^\/catalog-images\/[0-9a-f]{32}\.svg$/)
    const file = c.catalog.imageFile(image)
    expect(file && readFileSync(file, 'utf8')).toContain('<svg')
    expect(c.catalog.imageFile('/catalog-images/../../catalog.json')).toBeNull()
  })

  it('lists the store’s PoS apps for the manager to pick when the key may see them, else refuses', async () => {
    const { c } = await catalogCore()
    // The till's key may read an app but not list them: BTCPay lists apps only to a key that may
    // modify the store (viewing its settings is not enough), so the manager types the id.
    await expect(c.handlers['catalog:list-apps'](undefined)).rejects.toMatchObject({
      code: 'missing-permission',
    })
    const viewer = rig.server.control.createApiKey({
      permissions: [`btcpay.store.canviewstoresettings:${DEMO_STORE_ID}`],
    }).apiKey
    await c.handlers['api-key:paste']({ serverUrl: rig.server.url, apiKey: viewer })
    await expect(c.handlers['catalog:list-apps'](undefined)).rejects.toMatchObject({
      code: 'missing-permission',
    })
    const apiKey = rig.server.control.createApiKey({
      permissions: [`btcpay.store.canmodifystoresettings:${DEMO_STORE_ID}`],
    }).apiKey
    await c.handlers['api-key:paste']({ serverUrl: rig.server.url, apiKey })
    expect(await c.handlers['catalog:list-apps'](undefined)).toEqual([
      { id: DEMO_POS_APP_ID, name: 'Tea shop' },
    ])
  })

  it('keeps selling from the last copy while the server is down, says how old it is, and after a restart', async () => {
    const { c, view } = await catalogCore()
    await rig.server.close()
    const stale = await c.handlers['catalog:refresh'](undefined)
    expect(stale.items).toEqual(view.items)
    expect(stale.fetchedAt).toBe(view.fetchedAt)
    expect(stale.trouble).toMatch(/server|connect|reach/i)
    await c.stop()

    const restarted = core()
    await restarted.start()
    const offline = await restarted.handlers['catalog:get'](undefined)
    expect(offline.items.map((i) => i.id)).toEqual(view.items.map((i) => i.id))
    expect(offline.fetchedAt).toBe(view.fetchedAt)
    rig.server = await startBtcpayTestServer() // for afterEach
  })

  it('keeps barcodes a manager attached across refreshes, and refuses one already taken', async () => {
    const { c } = await catalogCore()
    await c.handlers['catalog:set-barcode']({ itemId: 'scone', barcode: '4006381333931' })
    const refreshed = await c.handlers['catalog:refresh'](undefined)
    expect(itemOf(refreshed, 'scone')?.barcodes).toEqual(['4006381333931'])
    await expect(
      c.handlers['catalog:set-barcode']({ itemId: 'black-tea', barcode: '4006381333931' }),
    ).rejects.toThrow(/another item/)
  })

  it('reads exact decimals only', () => {
    expect(decimalToMinor('3.50', 2)).toBe(350)
    expect(decimalToMinor('3.5000', 2)).toBe(350)
    expect(decimalToMinor('1000', 0)).toBe(1000)
    expect(decimalToMinor('3.505', 2)).toBeNull()
    expect(decimalToMinor('-1', 2)).toBeNull()
  })
})

describe.each(['legacy', 'greenfield'] as const)('a cart charge with %s invoices', (mode) => {
  it('sends BTCPay the items in its own PoS shape, the tip as its own line, and keeps them in the journal and CSV', async () => {
    const { c } = await catalogCore(mode)
    const sale = await c.handlers['sales:charge']({
      cart: {
        lines: [
          { itemId: 'green-tea', quantity: 2 },
          { itemId: 'gift-card', quantity: 1, amount: '12.00' },
          { itemId: null, quantity: 1, amount: '0.99' },
        ],
        tipMinor: 150,
        tipPercent: 15,
      },
    })
    // 2 × 3.50 + 12.00 + 0.99 + tip 1.50
    expect(sale).toMatchObject({ amountMinor: 2149, currency: 'USD', phase: 'waiting' })
    expect(sale.cart?.tipMinor).toBe(150)
    expect(sale.description).toBe('2 x Green Tea, Gift card, Custom amount')

    const invoice = await invoiceOnServer(sale.invoiceId ?? '')
    expect(invoice.amount).toBe('21.49')
    expect(invoice.metadata['itemDesc']).toBe('2 x Green Tea, Gift card, Custom amount')
    const posData = invoice.metadata['posData']
    const pos = (typeof posData === 'string' ? JSON.parse(posData) : posData) as Record<
      string,
      unknown
    >
    // Read through the lossless client, JSON numbers arrive as their text ("2").
    expect(pos).toMatchObject({
      cart: [
        { id: 'green-tea', title: 'Green Tea', price: '3.50', count: '2' },
        { id: 'gift-card', title: 'Gift card', price: '12.00', count: '1' },
        { id: 'custom', title: 'Custom amount', price: '0.99', count: '1' },
      ],
      subTotal: '19.99',
      tip: '1.50',
      tipPercentage: '15',
      total: '21.49',
    })

    await c.stop()
    const restarted = core()
    await restarted.start()
    const [kept] = (await restarted.handlers['sales:list']({ from: 0, to: Date.now() + 1000 }))
      .sales
    expect(kept?.cart?.lines).toHaveLength(3)
    const exported = await restarted.handlers['sales:export-csv']({ from: 0, to: Date.now() + 1 })
    const csv = readFileSync(exported.path, 'utf8')
    expect(csv).toContain('2 x Green Tea @ 3.50; Gift card @ 12.00; Custom amount @ 0.99,1.50')
  })

  it('names the single item in itemCode, as BTCPay does', async () => {
    const { c } = await catalogCore(mode)
    const sale = await c.handlers['sales:charge']({
      cart: { lines: [{ itemId: 'black-tea', quantity: 1 }], tipMinor: 0, tipPercent: null },
    })
    const invoice = await invoiceOnServer(sale.invoiceId ?? '')
    expect(invoice.metadata['itemCode']).toBe('black-tea')
    expect(invoice.metadata['itemDesc']).toBe('Black Tea')
  })

  it('refuses what the catalog does not allow before anything is written or sent', async () => {
    const { c } = await catalogCore()
    const refused = [
      [{ itemId: 'scone', quantity: 1 }, /only 0 left/],
      [{ itemId: 'green-tea', quantity: 6 }, /only 5 left/],
      [{ itemId: 'gift-card', quantity: 1, amount: '9.99' }, /at least 10.00/],
      [{ itemId: 'donation', quantity: 1 }, /Enter an amount/],
      [{ itemId: 'matcha', quantity: 1 }, /no longer in the catalog/],
    ] as const
    for (const [line, message] of refused) {
      await expect(
        c.handlers['sales:charge']({ cart: { lines: [line], tipMinor: 0, tipPercent: null } }),
      ).rejects.toThrow(message)
    }
    expect(rig.server.control.listInvoices()).toEqual([])
    expect((await c.handlers['sales:list']({ from: 0, to: Date.now() + 1 })).sales).toEqual([])
  })
})

describe('parked carts', () => {
  it('survive a restart and leave the list when resumed', async () => {
    const { c } = await catalogCore()
    const { carts } = await c.handlers['carts:park']({
      lines: [
        { itemId: 'black-tea', quantity: 3 },
        { itemId: null, quantity: 1, amount: '1.05' },
      ],
    })
    expect(carts).toHaveLength(1)
    expect(carts[0]).toMatchObject({ totalMinor: 990, currency: 'USD' })
    await c.stop()

    const restarted = core()
    await restarted.start()
    const [parked] = (await restarted.handlers['carts:list'](undefined)).carts
    expect(parked?.lines.map((l) => l.title)).toEqual(['Black Tea', 'Custom amount'])
    const resumed = await restarted.handlers['carts:resume']({ cartId: parked?.id ?? '' })
    expect(resumed.lines[0]).toMatchObject({ itemId: 'black-tea', quantity: 3 })
    expect((await restarted.handlers['carts:list'](undefined)).carts).toEqual([])
    await expect(restarted.handlers['carts:resume']({ cartId: parked?.id ?? '' })).rejects.toThrow(
      /already resumed/,
    )
  })

  it('a damaged file is kept aside, not lost, and the till still starts', async () => {
    const c = core()
    const dir = join(rig.dataDir, 'carts')
    await c.start()
    await c.stop()
    writeFileSync(join(dir, 'parked-carts.json'), '[{"id": "half')
    const restarted = core()
    await restarted.start()
    expect((await restarted.handlers['carts:list'](undefined)).carts).toEqual([])
    const aside = readdirSync(dir).filter((f) => f.startsWith('parked-carts.json.damaged-'))
    expect(aside).toHaveLength(1)
    expect(existsSync(join(dir, 'parked-carts.json'))).toBe(false)
  })
})
