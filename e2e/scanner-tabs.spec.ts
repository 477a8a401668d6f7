import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { beeps, countBeeps, scan, tillWithCatalog } from './fixtures/catalog-till'
import { startHostProcess, type HostProcess } from './fixtures/host'

// The barcode scanner on every tab: key events at scanner speed (4 ms apart, then Enter) with no
// field focused, in the browser host with the BTCPay test server's "Tea shop" catalog.
let server: TestServer
let host: HostProcess
let dataDir: string

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  dataDir = mkdtempSync(join(tmpdir(), 'pos-scan-e2e-'))
  host = await startHostProcess([], { dataDir })
  await page.setViewportSize({ width: 1280, height: 900 })
  await countBeeps(page)
  await tillWithCatalog(page, host, server, 'legacy')
})

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const tab = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const lines = (page: Page) => page.getByTestId('cart-lines').locator('li')

test('a scan on History, Requests or Manager takes the cashier to the till with the item added', async ({
  page,
}) => {
  for (const [from, code, title, count] of [
    ['History', 'black-tea', 'Black Tea', 1],
    ['Requests', 'green-tea', 'Green Tea', 2],
    ['Manager', 'black-tea', 'Black Tea', 2],
  ] as const) {
    await tab(page, from).click()
    await expect(tab(page, from)).toHaveAttribute('aria-current', 'page')
    await scan(page, code)
    await expect(tab(page, 'Till')).toHaveAttribute('aria-current', 'page')
    await expect(page.getByTestId('scan-notice')).toHaveText(`Added ${title} to the cart`)
    await expect(lines(page)).toHaveCount(count)
  }
  await expect(page.getByTestId('cart-total')).toHaveText('Total $9.40') // 2 × 2.95 + 3.50
  // Brief: the notice goes by itself.
  await expect(page.getByTestId('scan-notice')).toHaveCount(0, { timeout: 8000 })
})

test('an unknown code beeps and says so on the tab the cashier is on, and adds nothing', async ({
  page,
}) => {
  await tab(page, 'History').click()
  const before = await beeps(page)
  await scan(page, 'NO-SUCH-CODE')
  await expect(page.getByTestId('scan-notice')).toHaveText(
    'Unknown code NO-SUCH-CODE: no item has it.',
  )
  await expect(tab(page, 'History')).toHaveAttribute('aria-current', 'page')
  await expect.poll(() => beeps(page)).toBeGreaterThan(before)
  await tab(page, 'Till').click()
  await expect(lines(page)).toHaveCount(0)
  await expect(page.getByTestId('cart-notice')).toHaveCount(0)
})

test('keys typed into a focused field, or while the manager PIN pad is open, are never a scan', async ({
  page,
}) => {
  // The History search field has the focus: its keys are the field's, however fast.
  await tab(page, 'History').click()
  const search = page.getByTestId('sales-search')
  await search.focus()
  await search.evaluate(
    async (field, keys) => {
      for (const key of keys) {
        field.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
        await new Promise((done) => setTimeout(done, 4))
      }
    },
    [...'black-tea', 'Enter'],
  )
  await page.waitForTimeout(300)
  await expect(tab(page, 'History')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('scan-notice')).toHaveCount(0)

  // The manager PIN pad is open: a burst of keys ended by Enter is no scan.
  expect(await page.evaluate(() => window.pos?.setManagerPin({ pin: '2468' }))).toMatchObject({
    ok: true,
  })
  expect(await page.evaluate(() => window.pos?.lockManager())).toMatchObject({ ok: true })
  await tab(page, 'Manager').click()
  await expect(page.getByTestId('pin-prompt')).toBeVisible()
  await scan(page, 'black-tea')
  await page.waitForTimeout(300)
  await expect(page.getByTestId('pin-prompt')).toBeVisible()
  await expect(page.getByTestId('scan-notice')).toHaveCount(0)

  // Unlocked, the Manager tab takes scans again.
  const pad = page.getByTestId('pin-prompt')
  for (const digit of '2468') await pad.getByRole('button', { name: digit, exact: true }).click()
  await pad.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByTestId('pin-prompt')).toHaveCount(0)
  await scan(page, 'green-tea')
  await expect(tab(page, 'Till')).toHaveAttribute('aria-current', 'page')
  await expect(lines(page)).toHaveCount(1)
  await expect(page.getByTestId('cart-total')).toHaveText('Total $3.50')
})
