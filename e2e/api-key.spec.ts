import { expect, test } from '@playwright/test'
import { DEMO_STORE_ID, startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { startHostProcess, type HostProcess } from './fixtures/host'
import { filesContaining } from './fixtures/secrets'

// The terminal's Greenfield API key end to end: Chromium → browser host (real core, real keychain
// in the test session) → the BTCPay test server's /api-keys/authorize page, whose form posts the
// key to the terminal's loopback listener.
let server: TestServer
let host: HostProcess
const frames: string[] = []

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  host = await startHostProcess()
  frames.length = 0
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.push(String(f.payload)))
    ws.on('framereceived', (f) => frames.push(String(f.payload)))
  })
})

test.afterEach(async () => {
  await host.stop()
  await server.close()
})

test('authorize in the browser, see what the key allows, remove it: the old key then gets 401', async ({
  page,
  context,
}, testInfo) => {
  const { pairingCode } = server.control.createPairingCode()
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByLabel('Pairing code').fill(pairingCode)
  await page.getByRole('button', { name: 'Pair', exact: true }).click()
  await expect(page.getByTestId('paired-server')).toHaveText(server.url)

  // The panel offers the paired server; the page opens BTCPay's consent page in a new tab.
  const panel = page.getByTestId('api-key-panel')
  await expect(panel.getByLabel('Server of the key')).toHaveValue(server.url)
  const seen: string[] = []
  context.on('request', (r) => seen.push(r.url()))
  const consentTab = context.waitForEvent('page')
  await panel.getByRole('button', { name: 'Authorize in the browser' }).click()
  const tab = await consentTab
  // BTCPay's consent page: the manager picks the store for every store permission, then authorizes.
  await expect(tab.getByRole('heading', { name: 'Authorize Application' })).toBeVisible()
  const choices = tab.locator('select.store-choice')
  expect(await choices.count()).toBeGreaterThan(0)
  for (const choice of await choices.all()) await choice.selectOption(DEMO_STORE_ID)
  await tab.getByRole('button', { name: 'Authorize app' }).click()
  await expect(tab.getByText('You can close this tab')).toBeVisible()
  const authorizeUrl = new URL(seen.find((u) => u.includes('/api-keys/authorize')) ?? '')
  expect(authorizeUrl.origin).toBe(server.url)
  expect(authorizeUrl.searchParams.get('selectiveStores')).toBe('true')
  expect(authorizeUrl.searchParams.get('redirect')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api-key\//)
  await tab.close()

  // Every permission is scoped to the store chosen on the consent page: the terminal asks nothing.
  await expect(panel.getByTestId('api-key-store')).toHaveText(DEMO_STORE_ID)
  const allows = panel.getByTestId('api-key-allows')
  for (const words of ['take payment requests', 'refund', 'void', 'read the catalog']) {
    await expect(allows).toContainText(words)
  }
  await expect(panel.getByTestId('api-key-missing')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('api-key-ready.png') })

  const issued = [...server.state.apiKeys.values()].find((k) => k.label === 'BTCPay Cashier')
  const apiKey = issued?.apiKey ?? ''
  expect(apiKey).not.toBe('')
  const current = () =>
    fetch(`${server.url}/api/v1/api-keys/current`, {
      headers: { authorization: `token ${apiKey}` },
    })
  expect((await current()).status).toBe(200)

  await panel.getByRole('button', { name: 'Remove key…' }).click()
  await panel.getByRole('button', { name: 'Yes, remove the key' }).click()
  await expect(panel.getByTestId('api-key-notice')).toHaveText(
    /revoked in BTCPay Server and removed/,
  )
  await expect(panel.getByRole('button', { name: 'Authorize in the browser' })).toBeVisible()
  expect((await current()).status).toBe(401)

  // The key crossed no IPC frame, log line or file of the terminal.
  expect(frames.filter((f) => f.includes(apiKey))).toEqual([])
  expect(host.output()).not.toContain(apiKey)
  expect(filesContaining(host.dataDir, apiKey)).toEqual([])
})

test('a pasted key that BTCPay does not know is refused with a message, and nothing is kept', async ({
  page,
}) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  const panel = page.getByTestId('api-key-panel')
  await panel.getByLabel('Server of the key').fill(server.url)
  await panel.getByTestId('api-key-input').fill('deadbeefdeadbeefdeadbeefdeadbeef')
  await panel.getByRole('button', { name: 'Use this key' }).click()
  await expect(panel.getByTestId('api-key-error')).toHaveText(/did not accept the API key/)
  await expect(panel.getByRole('button', { name: 'Authorize in the browser' })).toBeVisible()
})

test('a till that was never paired charges with its API key, the legacy API being off', async ({
  page,
}, testInfo) => {
  server.control.addFault({ kind: 'error', status: 404, pathPrefix: '/invoices' })
  const { apiKey } = server.control.createApiKey({
    label: 'pasted',
    permissions: ['cancreateinvoice', 'canviewinvoices'].map(
      (p) => `btcpay.store.${p}:${DEMO_STORE_ID}`,
    ),
  })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  const panel = page.getByTestId('api-key-panel')
  await panel.getByLabel('Server of the key').fill(server.url)
  await panel.getByTestId('api-key-input').fill(apiKey)
  await panel.getByRole('button', { name: 'Use this key' }).click()
  await expect(panel.getByTestId('api-key-allows')).toContainText('charge')
  await page.getByRole('radio', { name: 'API key (Greenfield invoices)' }).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('settings-result')).toHaveText('Settings saved.')

  await page.getByRole('button', { name: 'Till', exact: true }).click()
  await expect(page.getByTestId('home-status')).toHaveText(
    `Charging with the API key at ${server.url}.`,
  )
  await page.keyboard.type('4.20')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  const [invoice, ...others] = server.control.listInvoices()
  expect(others).toEqual([])
  expect(server.state.invoices.get(invoice!.id)!.metadata['orderId']).toMatch(/-1$/)
  server.control.pay(invoice!.id)
  await expect(page.getByTestId('checkout-paid')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('greenfield-paid.png') })
})
