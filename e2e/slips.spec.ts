import { expect } from '@playwright/test'
import { chargeByTouch, newestInvoice, pasteApiKey, snap, updateSettings } from './fixtures/cashier'
import { receiptsTo, test } from './fixtures/till'

// Void and refund slips in the browser host: a till paired with the BTCPay test server, with an
// API key that may void and refund, printing by itself on a (fake, loopback) network printer.
// The X-report of the shift then counts the void and the refund, and its net is the day's net
// that History sums from the journal.
test.describe.configure({ timeout: 120_000 })

test.beforeEach(async ({ till: page, server, printer }) => {
  await pasteApiKey(page, server, ['canmodifyinvoices', 'cancreatenonapprovedpullpayments'])
  await updateSettings(page, receiptsTo(printer.port, true))
})

const GS_8_L = Buffer.from([0x1d, 0x38, 0x4c]) // ESC/POS: store a raster graphic (the QR code)
const CUT = Buffer.from([0x1d, 0x56, 0x42, 0x00])

test('a void and a refund each print their slip; History reprints them; the X-report counts them', async ({
  till: page,
  server,
  printer,
}, testInfo) => {
  await page.getByRole('button', { name: 'Shift', exact: true }).click()
  await page.getByTestId('shift-cashier').fill('Ana')
  await page.getByTestId('open-shift').click()
  await expect(page.getByTestId('shift-cashier-name')).toHaveText('Ana')
  await page.getByRole('button', { name: 'Till', exact: true }).click()

  // A paid sale: its receipt prints by itself (job 1).
  await chargeByTouch(page, '12.50', 'Lunch')
  server.control.pay((await newestInvoice(server, 1)).id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await expect(page.getByTestId('receipt-status')).toHaveText('Receipt printed')
  await page.getByTestId('new-sale').click()

  // Cancel of an unpaid sale: BTCPay voids it, the void slip prints by itself (job 2).
  await chargeByTouch(page, '4.20', 'Cake')
  const cancelled = await newestInvoice(server, 2)
  await page.getByTestId('cancel-sale').click()
  const notice = page.getByTestId('void-notice')
  await expect(notice).toHaveAttribute('data-state', 'voided')
  await expect(notice.getByTestId('receipt-status')).toHaveText('Receipt printed')
  expect(server.control.getInvoice(cancelled.id).status).toBe('Invalid')
  const voidSlip = (await printer.waitForJobs(2))[1]!
  for (const expected of ['VOID', 'Cake', '$4.20', 'payment was taken.', cancelled.id])
    expect(voidSlip.toString('latin1')).toContain(expected)
  expect(voidSlip.lastIndexOf(CUT)).toBeGreaterThan(voidSlip.length - 16)
  await snap(page, testInfo, 'void-slip-printed')
  await notice.getByRole('button', { name: 'Seen' }).click()

  // A refund of the paid sale: its slip prints by itself with the claim QR (job 3).
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await page.getByRole('button', { name: 'Refund sale of $12.50' }).click()
  await page.getByLabel(/The bitcoin the customer paid/).check()
  await page.getByRole('button', { name: 'Refund', exact: true }).click()
  const claim = page.getByTestId('refund-claim')
  await expect(claim).toHaveAttribute('data-state', 'issued')
  await expect(claim.getByTestId('receipt-status')).toHaveText('Receipt printed')
  const refundSlip = (await printer.waitForJobs(3))[2]!
  const refundText = refundSlip.toString('latin1')
  for (const expected of [
    'REFUND',
    '$12.50',
    'Pays out',
    '0.00025000 BTC',
    'Scan with your wallet',
  ])
    expect(refundText).toContain(expected)
  expect(refundSlip.indexOf(GS_8_L)).toBeGreaterThan(0)
  expect(refundSlip.lastIndexOf(CUT)).toBeGreaterThan(refundSlip.length - 16)
  await snap(page, testInfo, 'refund-slip-printed')
  await page.getByRole('button', { name: 'Done' }).click()

  // History: the void's slip on screen, reprinted as a copy (job 4).
  await page.locator('[data-testid="refund-slip"][data-kind="void"]').click()
  await expect(page.getByTestId('receipt-text')).toContainText('VOID')
  await expect(page.getByTestId('receipt-text')).toContainText('$4.20')
  await page.getByTestId('reprint').click()
  await expect(page.getByTestId('reprint-result')).toHaveText('Receipt printed')
  const copy = (await printer.waitForJobs(4))[3]!.toString('latin1')
  expect(copy).toContain('COPY')
  expect(copy).toContain('VOID')
  await page.getByTestId('receipt-back').click()
  await page.locator('[data-testid="refund-slip"][data-kind="refund"]').click()
  await expect(page.getByTestId('receipt-text')).toContainText('REFUND')
  await page.getByTestId('receipt-back').click()
  // The day's totals, summed from the journal and the refund ledger.
  await expect(page.getByTestId('refunded-USD')).toHaveText('−$12.50')
  await expect(page.getByTestId('net-USD')).toHaveText('$0.00')

  // The X-report of the shift: one sale, one void, one refund, and the same net.
  await page.getByRole('button', { name: 'Shift', exact: true }).click()
  await page.getByTestId('x-report').click()
  const till = page.locator('[data-testid="report-row"][data-cashier="*"][data-method="all"]')
  await expect(till.getByTestId('report-sales')).toHaveText('1')
  await expect(till.getByTestId('report-gross')).toHaveText('$12.50')
  await expect(till.getByTestId('report-voids')).toHaveText('1 · $4.20')
  await expect(till.getByTestId('report-refunds')).toHaveText('1 · $12.50')
  await expect(till.getByTestId('report-net')).toHaveText('$0.00')
  await snap(page, testInfo, 'x-report-with-void-and-refund')
})
