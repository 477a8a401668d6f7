import { expect, type Page } from '@playwright/test'
import type { TestServer } from './btcpay-test-server'
import { chargeByTouch, newestInvoice, snap, updateSettings } from './fixtures/cashier'
import { receiptsTo, test } from './fixtures/till'

// A cashier's day on the Shift tab: open a shift, two sales, an X-report whose figures are the
// sales made, the manager closes it with the PIN, the Z-report on screen and on the (fake,
// loopback) network printer; then a receipt reprinted from History.
const PIN = '2468'

test.beforeEach(async ({ till: page, printer }) => {
  await updateSettings(page, receiptsTo(printer.port, false))
  const pin = await page.evaluate(async (p) => {
    await window.pos?.setManagerPin({ pin: p })
    return window.pos?.lockManager()
  }, PIN)
  expect(pin).toMatchObject({ ok: true })
})

async function paidSale(
  page: Page,
  server: TestServer,
  amount: string,
  method: 'BTC-LN' | 'BTC-CHAIN',
  count: number,
) {
  await chargeByTouch(page, amount)
  const invoice = await newestInvoice(server, count)
  server.control.pay(invoice.id, { paymentMethod: method })
  if (method === 'BTC-CHAIN') server.control.confirm(invoice.id)
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await page.getByTestId('new-sale').click()
}

const tillRow = (page: Page, method: string) =>
  page.locator(`[data-testid="report-row"][data-cashier="*"][data-method="${method}"]`)

test('open a shift, X-report of the sales made, manager closes it, Z-report shown and printed, reprint', async ({
  till: page,
  server,
  printer,
}, testInfo) => {
  test.setTimeout(120_000)
  await page.getByRole('button', { name: 'Shift', exact: true }).click()
  await expect(page.getByTestId('no-shift')).toBeVisible()
  await page.getByTestId('shift-cashier').fill('Ana')
  await page.getByTestId('shift-float').fill('50')
  await page.getByTestId('open-shift').click()
  await expect(page.getByTestId('shift-cashier-name')).toHaveText('Ana')
  await expect(page.getByTestId('current-shift')).toContainText('$50.00')

  await page.getByRole('button', { name: 'Till', exact: true }).click()
  await paidSale(page, server, '12.50', 'BTC-LN', 1)
  await paidSale(page, server, '4', 'BTC-CHAIN', 2)

  await page.getByRole('button', { name: 'Shift', exact: true }).click()
  await page.getByTestId('x-report').click()
  await expect(page.getByTestId('report-title')).toHaveText('X-report')
  // The payment details (which method) arrive from BTCPay shortly after each sale is paid.
  await expect(tillRow(page, 'lightning').getByTestId('report-gross')).toHaveText('$12.50')
  const all = tillRow(page, 'all')
  await expect(all.getByTestId('report-sales')).toHaveText('2')
  await expect(all.getByTestId('report-gross')).toHaveText('$16.50')
  await expect(all.getByTestId('report-net')).toHaveText('$16.50')
  await expect(tillRow(page, 'on-chain').getByTestId('report-gross')).toHaveText('$4.00')
  await expect(
    page.locator('[data-testid="report-row"][data-cashier="Ana"][data-method="all"]'),
  ).toContainText('$16.50')
  await snap(page, testInfo, 'x-report')
  await page.getByTestId('report-done').click()

  // Closing asks for the manager PIN, then makes the Z-report, which stays until Done.
  await page.getByTestId('close-shift').click()
  await page.getByLabel('Manager PIN').fill(PIN)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByTestId('confirm-close-shift').click()
  await expect(page.getByTestId('report-title')).toHaveText('Z-report')
  await expect(tillRow(page, 'all').getByTestId('report-gross')).toHaveText('$16.50')
  await snap(page, testInfo, 'z-report')
  await page.getByTestId('report-print').click()
  await expect(page.getByTestId('report-csv-result')).toHaveText('Report printed')
  const z = (await printer.waitForJobs(1))[0]!.toString('latin1')
  for (const expected of ['Z-REPORT', 'Ana', '$16.50', '$12.50', '$4.00'])
    expect(z).toContain(expected)
  await page.getByTestId('report-csv').click()
  await expect(page.getByTestId('report-csv-result')).toContainText('.csv')
  await page.getByTestId('report-done').click()
  await expect(page.getByTestId('no-shift')).toBeVisible()

  // Reprint from History: the receipt on screen, then a copy on paper.
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await page.getByRole('button', { name: 'Receipt of $12.50' }).click()
  await expect(page.getByTestId('receipt-text')).toContainText('$12.50')
  await expect(page.getByTestId('receipt-text')).toContainText('Lightning')
  await snap(page, testInfo, 'receipt-preview')
  await page.getByTestId('reprint').click()
  await expect(page.getByTestId('reprint-result')).toHaveText('Receipt printed')
  const copy = (await printer.waitForJobs(2))[1]!.toString('latin1')
  expect(copy).toContain('COPY')
  expect(copy).toContain('$12.50')
})
