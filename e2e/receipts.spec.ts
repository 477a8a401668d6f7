import { expect, type Page } from '@playwright/test'
import { startFakePrinter } from '../src/main/printing/fake-printer.testutil'
import { chargeByTouch, newestInvoice, snap, updateSettings } from './fixtures/cashier'
import { receiptsTo, test } from './fixtures/till'

// A paid sale prints its receipt by itself on a (fake, loopback) network thermal printer, with
// no dialog; a dead printer never holds up the sale and the cashier can retry.
const printTo = (page: Page, port: number) => updateSettings(page, receiptsTo(port, true))

test('the manager sets up the network printer; a settled sale prints itself', async ({
  till: page,
  server,
  printer,
}, testInfo) => {
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
  till: page,
  server,
  printer,
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
  await printTo(page, printer.port)
  await page.getByTestId('receipt-retry').click()
  await expect(page.getByTestId('receipt-status')).toHaveText('Receipt printed')
  expect((await printer.waitForJobs(1))[0]!.toString('latin1')).toContain('$3.00')
  await expect(page.getByTestId('new-sale')).toBeEnabled()
})
