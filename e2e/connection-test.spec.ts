import { expect, test } from '@playwright/test'
import { DEMO_STORE_ID, startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { pairThroughUi, pasteApiKey, updateSettings } from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'

// "Test connection" in the Manager's paired panel, in the browser host against the BTCPay test
// server: with a Greenfield API key it checks the key too and says what works and what does not.
let server: TestServer
let host: HostProcess

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  host = await startHostProcess()
  await pairThroughUi(page, host, server)
})

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
})

test('a till charging with its API key: the key is checked; once revoked in BTCPay the manager reads which part fails', async ({
  page,
}) => {
  const apiKey = await pasteApiKey(page, server, ['cancreateinvoice', 'canviewinvoices'])
  await updateSettings(page, { chargeVia: 'greenfield' })

  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await page.getByRole('button', { name: 'Test connection' }).click()
  const result = page.getByTestId('connection-test')
  await expect(result).toHaveText(
    new RegExp(
      `^Connected: the store answered a signed request in \\d+ ms\\. API key: works for store ` +
        `${DEMO_STORE_ID}; it may charge \\(create and follow invoices\\) and read the catalog, but not .*refund`,
    ),
  )
  // Both work: what the key may not do is said, but nothing is broken.
  await expect(result).toHaveAttribute('role', 'status')
  expect(await result.textContent()).not.toContain(apiKey)

  // Someone revokes the key in BTCPay: the pairing still works, the key does not.
  const revoked = await fetch(`${server.url}/api/v1/api-keys/current`, {
    method: 'DELETE',
    headers: { Authorization: `token ${apiKey}` },
  })
  expect(revoked.status).toBe(200)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(result).toHaveText(/^Connected: the store answered .* API key: does not work\. \S/)
  await expect(result).toHaveAttribute('role', 'alert')
})
