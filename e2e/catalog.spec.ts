import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import {
  DEMO_POS_APP_ID,
  DEMO_STORE_ID,
  startBtcpayTestServer,
  type TestServer,
} from './btcpay-test-server'
import { newestInvoice, pairThroughUi, updateSettings } from './fixtures/cashier'
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
  await pairThroughUi(page, host, server)
  await updateSettings(page, { returnToKeypadSeconds: 0, sound: false })
  const apiKey = server.control.createApiKey({
    permissions: [`btcpay.store.canviewstoresettings:${DEMO_STORE_ID}`],
  }).apiKey
  const pasted = await page.evaluate((input) => window.pos?.pasteApiKey(input), {
    serverUrl: server.url,
    apiKey,
  })
  expect(pasted).toMatchObject({ ok: true })
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await page.getByLabel('BTCPay Point of Sale app id').fill(DEMO_POS_APP_ID)
  await page.getByRole('button', { name: 'Use this catalog' }).click()
  await expect(page.getByTestId('catalog-result')).toHaveText(/“Tea shop”: 5 items on sale/)
  await page.getByRole('button', { name: 'Till', exact: true }).click()
  await expect(page.getByTestId('cart-till')).toBeVisible()
})

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/**
 * What a USB scanner sends: the code's keys 4 ms apart, then Enter, with no field focused. Sent
 * inside the page: through the DevTools protocol each key is a round trip, far slower than a
 * scanner on a loaded machine.
 */
async function scan(page: Page, code: string) {
  await page.evaluate(
    async (keys) => {
      ;(document.activeElement as HTMLElement | null)?.blur()
      for (const key of keys) {
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
        await new Promise((done) => setTimeout(done, 4))
      }
    },
    [...code, 'Enter'],
  )
}

const lines = (page: Page) => page.getByTestId('cart-lines').locator('li')

test('a cart by touch and scanner, the customer tips, BTCPay gets the items in its own shape', async ({
  page,
}) => {
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
  await expect(lines(page)).toHaveCount(2)

  await page.getByRole('button', { name: 'Charge $9.95' }).click()
  const tip = page.getByTestId('tip-step')
  await expect(tip).toContainText('Do you want to leave a tip?')
  await tip.getByRole('button', { name: /15%/ }).click() // 15 % of 9.95 = 1.4925 → 1.49
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()

  const invoice = await newestInvoice(server)
  expect(invoice.price).toBe('11.44')
  const key = server.control.createApiKey({
    permissions: [`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`],
  }).apiKey
  const res = await fetch(`${server.url}/api/v1/stores/${DEMO_STORE_ID}/invoices/${invoice.id}`, {
    headers: { Authorization: `token ${key}` },
  })
  const metadata = ((await res.json()) as { metadata: Record<string, unknown> }).metadata
  expect(metadata['itemDesc']).toBe('2 x Green Tea, Black Tea')
  const posData = metadata['posData']
  expect(typeof posData === 'string' ? JSON.parse(posData) : posData).toMatchObject({
    cart: [
      { id: 'green-tea', title: 'Green Tea', price: '3.50', count: 2 },
      { id: 'black-tea', title: 'Black Tea', price: '2.95', count: 1 },
    ],
    subTotal: '9.95',
    tip: '1.49',
    tipPercentage: 15,
    total: '11.44',
  })
})

test('a parked cart survives a restart and comes back; the catalog is served from the last copy while the server is down', async ({
  page,
}) => {
  await page.getByTestId('item-black-tea').click()
  await page.getByLabel('Amount').fill('4.00')
  await page.getByRole('button', { name: 'Add amount' }).click()
  await expect(page.getByTestId('cart-total')).toHaveText('Total $6.95')
  await page.getByRole('button', { name: 'Park cart' }).click()
  await expect(lines(page)).toHaveCount(0)
  await expect(page.getByTestId('parked-carts')).toContainText('$6.95')

  await host.stop()
  await server.close()
  host = await startHostProcess([], { dataDir })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Till', exact: true }).click()

  // Server down: the catalog comes from the data folder, with the reason it is not fresh.
  await expect(page.getByTestId('item-green-tea')).toBeVisible()
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByTestId('catalog-age')).toContainText(/as of .*(server|connect|reach)/i)

  await page.getByTestId('parked-carts').getByRole('button', { name: 'Resume' }).click()
  await expect(lines(page)).toHaveCount(2)
  await expect(page.getByTestId('cart-total')).toHaveText('Total $6.95')
  await expect(page.getByTestId('parked-carts')).toHaveCount(0)
  server = await startBtcpayTestServer() // for afterEach
})
