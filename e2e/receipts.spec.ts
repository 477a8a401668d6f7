import { expect, test, type Page } from '@playwright/test'
import { startFakePrinter, type FakePrinter } from '../src/main/printing/fake-printer.testutil'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import {
  chargeByTouch,
  newestInvoice,
  pairThroughUi,
  snap,
  updateSettings,
} from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'

// A paid sale prints its receipt by itself on a (fake, loopback) network thermal printer, with
// no dialog; a dead printer never holds up the sale and the cashier can retry.
let server: TestServer
let host: HostProcess
let printer: FakePrinter | null = null

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  host = await startHostProcess()
  await page.setViewportSize({ width: 1280, height: 900 })
  await pairThroughUi(page, host, server)
  await updateSettings(page, { returnToKeypadSeconds: 0, sound: false })
})

test.afterEach(async () => {
  await printer?.close()
  printer = null
  await host?.stop()
  await server?.close()
})

const printTo = (page: Page, port: number) =>
  updateSettings(page, {
    receipts: {
      shopName: 'Corner Cafe',
      footer: 'Thank you!',
      locale: 'en-US',
      printer: { kind: 'network', host: '127.0.0.1', port },
      paperWidth: 58,
      language: 'escpos',
      autoPrint: true,
    },
  })

test('the manager sets up the network printer; a settled sale prints itself', async ({
  page,
}, testInfo) => {
  printer = await startFakePrinter('ready')
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await page.getByLabel('Shop name (top of the receipt)').fill('Corner Cafe')
  await page.getByText('Network (port 9100)').click()
  await page.getByTestId('printer-host').fill('127.0.0.1')
  await page.getByTestId('printer-port').fill(String(printer.port))
  await page.getByText('58 mm').click()
  await page.getByTestId('auto-print').check()
  await page.getByTestId('save-receipt-settings').click()
  await expect(page.getByTestId('receipt-settings-result')).toHaveText('Receipt settings saved.')
  await snap(page, testInfo, 'receipt-settings')
  await page.getByRole('button', { name: 'Till', exact: true }).click()
  await chargeByTouch(page, '12.50', 'Espresso')
  const invoice = await newestInvoice(server)
  server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await expect(page.getByTestId('receipt-status')).toHaveText('Receipt printed')
  const [job] = await printer.waitForJobs(1)
  const text = job!.toString('latin1')
  for (const expected of ['Corner Cafe', 'Espresso', '$12.50', 'Lightning', invoice.id])
    expect(text).toContain(expected)
  await snap(page, testInfo, 'receipt-printed')
})

test('a dead printer shows the warning, the sale completes, Retry prints', async ({
  page,
}, testInfo) => {
  const dead = await startFakePrinter('ready')
  const deadPort = dead.port
  await dead.close()
  await printTo(page, deadPort)
  await chargeByTouch(page, '3')
  const invoice = await newestInvoice(server)
  server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await expect(page.getByTestId('receipt-status')).toHaveText(
    'Receipt not printed: printer unreachable',
  )
  await snap(page, testInfo, 'receipt-not-printed')
  // The printer is switched on again (here: at another port) and the cashier taps Retry.
  printer = await startFakePrinter('ready')
  await printTo(page, printer.port)
  await page.getByTestId('receipt-retry').click()
  await expect(page.getByTestId('receipt-status')).toHaveText('Receipt printed')
  expect((await printer.waitForJobs(1))[0]!.toString('latin1')).toContain('$3.00')
  await expect(page.getByTestId('new-sale')).toBeEnabled()
})
