import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { CHARGE_MODES, newestInvoice } from './fixtures/cashier'
import {
  beeps,
  countBeeps,
  metadataOnServer,
  posDataOf,
  scan,
  tillWithCatalog,
} from './fixtures/catalog-till'
import { startHostProcess, type HostProcess } from './fixtures/host'

// The store's catalog at the till, end to end: Chromium → browser host (real core, real keychain,
// real files) → the BTCPay test server's "Tea shop" PoS app on loopback. Scans are key events at
// scanner speed, as a USB scanner that types as a keyboard sends them.
let server: TestServer
let host: HostProcess
let dataDir: string

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  dataDir = mkdtempSync(join(tmpdir(), 'pos-catalog-e2e-'))
  host = await startHostProcess([], { dataDir })
  await page.setViewportSize({ width: 1280, height: 900 })
  await countBeeps(page)
})

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const lines = (page: Page) => page.getByTestId('cart-lines').locator('li')

for (const mode of CHARGE_MODES) {
  test(`${mode}: a cart by touch and scanner, the customer tips, BTCPay gets the items in its own shape`, async ({
    page,
  }) => {
    await tillWithCatalog(page, host, server, mode)
    // Pictures come from the data folder through the app's own address, not from the server.
    const picture = page.getByTestId('item-green-tea').locator('img')
    await expect(picture).toHaveAttribute('src', /^\/catalog-images\/[0-9a-f]{32}\.svg$/)
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    await expect(page.getByTestId('item-scone')).toBeDisabled() // inventory 0
    await expect(page.getByTestId('item-matcha')).toHaveCount(0) // disabled in BTCPay

    await page.getByTestId('item-green-tea').click()
    await page.getByTestId('item-green-tea').click()
    await scan(page, 'black-tea')
    await expect(lines(page)).toHaveCount(2)
    await expect(page.getByTestId('cart-total')).toHaveText('Total $9.95')

    await scan(page, 'NO-SUCH-CODE')
    await expect(page.getByTestId('cart-notice')).toHaveText(/Unknown code NO-SUCH-CODE/)
    await expect.poll(() => beeps(page)).toBeGreaterThan(0)
    await expect(lines(page)).toHaveCount(2)

    await page.getByRole('button', { name: 'Charge $9.95' }).click()
    const tip = page.getByTestId('tip-step')
    await expect(tip).toContainText('Do you want to leave a tip?')
    await tip.getByRole('button', { name: /15%/ }).click() // 15 % of 9.95 = 1.4925 → 1.49
    await expect(page.getByTestId('checkout-waiting')).toBeVisible()

    const invoice = await newestInvoice(server)
    expect(invoice.price).toBe('11.44')
    const metadata = await metadataOnServer(server, invoice.id)
    expect(metadata['itemDesc']).toBe('2 x Green Tea, Black Tea')
    expect(posDataOf(metadata)).toMatchObject({
      cart: [
        { id: 'green-tea', title: 'Green Tea', price: '3.50', count: 2 },
        { id: 'black-tea', title: 'Black Tea', price: '2.95', count: 1 },
      ],
      subTotal: '9.95',
      tip: '1.49',
      tipPercentage: 15,
      total: '11.44',
    })

    // The tip is a line of its own in History.
    await page.getByTestId('cancel-sale').click()
    await page.getByRole('button', { name: 'History', exact: true }).click()
    await expect(page.getByTestId('sale-tip')).toHaveText('Tip $1.49')
  })
}

test('one item rung up by a scan on the keypad screen, named in itemCode', async ({ page }) => {
  await tillWithCatalog(page, host, server, 'legacy')
  await page.getByRole('button', { name: 'Keypad only' }).click()
  await expect(page.getByTestId('keypad-screen')).toBeVisible()
  await scan(page, 'black-tea')
  // The scan brings the cart back with its item; the keypad never saw the code's keys.
  await expect(lines(page)).toHaveCount(1)
  await expect(page.getByTestId('cart-total')).toHaveText('Total $2.95')
  await page.getByRole('button', { name: 'Charge $2.95' }).click()
  await page.getByTestId('tip-step').getByRole('button', { name: 'No tip' }).click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  const invoice = await newestInvoice(server)
  expect(invoice.price).toBe('2.95')
  expect((await metadataOnServer(server, invoice.id))['itemCode']).toBe('black-tea')
})

test('a parked cart survives a crash and is resumed from another screen; the catalog is served from the last copy while the server is down', async ({
  page,
}) => {
  test.slow() // two hosts and a restart: on a loaded machine teardown alone can pass a minute
  await tillWithCatalog(page, host, server, 'legacy')
  await page.getByTestId('item-black-tea').click()
  await page.getByLabel('Amount').fill('4.00')
  await page.getByRole('button', { name: 'Add amount' }).click()
  await expect(page.getByTestId('cart-total')).toHaveText('Total $6.95')
  await page.getByRole('button', { name: 'Park cart' }).click()
  await expect(lines(page)).toHaveCount(0)
  await page.getByRole('button', { name: 'Parked (1)' }).click()
  await expect(page.getByTestId('parked-carts')).toContainText('$6.95')

  // A crash, not a clean quit: the parked list on disk is all that is left.
  await host.stop('SIGKILL')
  await server.close()
  host = await startHostProcess([], { dataDir })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Till', exact: true }).click()

  // Server down: the catalog comes from the data folder, with the reason it is not fresh.
  await expect(page.getByTestId('item-green-tea')).toBeVisible()
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByTestId('catalog-age')).toContainText(/as of .*(server|connect|reach)/i)

  // Resumed from another screen: the till turns to the cart.
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await page.getByRole('button', { name: 'Parked (1)' }).click()
  await page.getByTestId('parked-carts').getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByTestId('cart-till')).toBeVisible()
  await expect(lines(page)).toHaveCount(2)
  await expect(page.getByTestId('cart-total')).toHaveText('Total $6.95')
  await expect(page.getByTestId('parked-carts')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Parked (0)' })).toBeVisible()
  server = await startBtcpayTestServer() // for afterEach
})
