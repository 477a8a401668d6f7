import { rmSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { DEMO_STORE_ID, startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { decodeQr } from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'
import { provisionedDataDir } from './fixtures/provisioned'

// Voids and refunds in the browser host against the BTCPay test server: a till provisioned with
// a Greenfield API key that may void and refund, and a manager PIN.
const PIN = '2468'
let server: TestServer
let host: HostProcess | null = null
let dataDir: string

// Several screens, QR decoding and a payout followed every few seconds: slower than most specs.
test.describe.configure({ timeout: 120_000 })

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  const key = server.control.createApiKey({
    permissions: [
      `btcpay.store.canmodifyinvoices:${DEMO_STORE_ID}`,
      `btcpay.store.cancreatenonapprovedpullpayments:${DEMO_STORE_ID}`,
    ],
  })
  dataDir = provisionedDataDir(server, {
    prefix: 'pos-refunds-e2e-',
    terminalLabel: 'Refund till',
    greenfieldApiKey: key.apiKey,
  })
  host = await startHostProcess([], { dataDir })
  await page.goto(host.url)
  await expect(page.getByTestId('keypad-screen')).toBeVisible()
  const set = await page.evaluate((pin) => window.pos?.setManagerPin({ pin }), PIN)
  expect(set).toMatchObject({ ok: true })
  await page.evaluate(() => window.pos?.lockManager())
})

test.afterEach(async () => {
  await host?.stop()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Charges on the keyboard and waits for the checkout; the invoice id of the sale. */
async function charge(page: Page, amount: string): Promise<string> {
  const before = server.control.listInvoices().length
  await page.keyboard.type(amount)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect.poll(() => server.control.listInvoices().length).toBe(before + 1)
  return server.control.listInvoices().sort((a, b) => b.createdAt - a.createdAt)[0]!.id
}

/** From History, the refund panel of the sale of `amount`, past the manager PIN. */
async function openRefund(page: Page, amount: string, pin = PIN) {
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await page.getByRole('button', { name: `Refund sale of ${amount}` }).click()
  await page.getByLabel('Manager PIN').fill(pin)
  await page.getByRole('button', { name: 'Unlock' }).click()
}

test('Cancel voids an unpaid sale: the invoice is invalid at BTCPay and the customer can no longer pay', async ({
  page,
}) => {
  const invoiceId = await charge(page, '4.20')
  await page.getByTestId('cancel-sale').click()
  const notice = page.getByTestId('void-notice')
  await expect(notice).toHaveAttribute('data-state', 'voided')
  await expect(notice).toContainText('the customer can no longer pay it')
  expect(server.control.getInvoice(invoiceId).status).toBe('Invalid')
  // The customer's checkout page now refuses to take the payment.
  const customer = await page.context().newPage()
  await customer.goto(`${server.url}/i/${invoiceId}`)
  await expect(customer.locator('body')).toContainText(/invalid/i)
  await notice.getByRole('button', { name: 'Seen' }).click()
  await expect(notice).toHaveCount(0)
})

test('a wrong PIN refuses, then a full refund of a settled sale: QR decoded, claimed, paid, subtracted in the totals', async ({
  page,
}, testInfo) => {
  const invoiceId = await charge(page, '12.50')
  server.control.pay(invoiceId, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await page.getByTestId('new-sale').click()

  await openRefund(page, '$12.50', '1111')
  await expect(page.getByRole('alert')).toContainText(/not right/)
  expect(server.control.listPullPayments()).toEqual([])
  await page.getByLabel('Manager PIN').fill(PIN)
  await page.getByRole('button', { name: 'Unlock' }).click()

  await page.getByLabel(/The bitcoin the customer paid/).check()
  await page.getByRole('button', { name: 'Refund', exact: true }).click()
  const claim = page.getByTestId('refund-claim')
  await expect(claim).toHaveAttribute('data-state', 'issued')
  const [pp] = server.control.listPullPayments()
  expect(await decodeQr(page.getByAltText('Refund claim code'), testInfo, 'refund-qr')).toBe(
    `${server.url}/pull-payments/${pp!.id}`,
  )
  // Paid over Lightning: a Lightning wallet can claim it in one scan.
  await page.getByRole('button', { name: 'Lightning wallet (LNURL)' }).click()
  expect(await decodeQr(page.getByAltText('Refund claim code'), testInfo, 'refund-lnurl')).toMatch(
    /^lightning:LNURL/,
  )

  const payout = server.control.claimPullPayment(pp!.id)
  await expect(claim).toHaveAttribute('data-state', 'claimed')
  if (payout.state === 'AwaitingApproval') server.control.approvePayout(payout.id)
  server.control.payPayout(payout.id)
  await expect(claim).toHaveAttribute('data-state', 'paid')
  await expect(page.getByTestId('refund-state')).toHaveText('Refund paid')

  await page.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('refunded-USD')).toHaveText('−$12.50')
  await expect(page.getByTestId('net-USD')).toHaveText('$0.00')
  await expect(page.getByTestId('refund-badge')).toHaveText('Refunded')
})

test('a partial refund keeps a fee and says a manager must approve the payout in BTCPay', async ({
  page,
}) => {
  const invoiceId = await charge(page, '20.00')
  server.control.pay(invoiceId, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await page.getByTestId('new-sale').click()
  await openRefund(page, '$20.00')
  await page.getByLabel(/Part of it/).check()
  await page.getByLabel('Amount to refund in USD').fill('5')
  await page.getByLabel('Percentage kept as a fee').fill('10')
  await page.getByRole('button', { name: 'Refund', exact: true }).click()
  await expect(page.getByTestId('refund-amount')).toHaveText('4.50 USD')
  await expect(page.getByTestId('refund-note')).toContainText('a manager must then approve')
  expect(server.control.listPullPayments().map((p) => p.amount)).toEqual(['4.50'])
})

test('an overpaid sale refunds what was paid too much', async ({ page }) => {
  const invoiceId = await charge(page, '10.00')
  server.control.pay(invoiceId, { mode: 'over', paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-overpaid')).toBeVisible()
  await page.getByTestId('new-sale').click()
  await openRefund(page, '$10.00')
  await expect(page.getByLabel(/Only what the customer paid too much/)).toBeChecked()
  await page.getByRole('button', { name: 'Refund', exact: true }).click()
  await expect(page.getByTestId('refund-claim')).toHaveAttribute('data-state', 'issued')
  const inv = server.control.getInvoice(invoiceId)
  const overSats = BigInt(inv.paidSats) - BigInt(inv.dueSats)
  const [pp] = server.control.listPullPayments()
  expect(BigInt(Math.round(Number(pp!.amount) * 1e8))).toBe(overSats)
})

test('a sale still processing is refused with a sentence that says why', async ({ page }) => {
  const invoiceId = await charge(page, '3.00')
  server.control.pay(invoiceId) // on-chain: processing until confirmed
  await expect(page.getByTestId('checkout-paid')).toBeVisible()
  await page.getByTestId('new-sale').click()
  await openRefund(page, '$3.00')
  await expect(page.getByTestId('refund-refused')).toContainText('still being confirmed')
  expect(server.control.listPullPayments()).toEqual([])
})

test('kill -9 between "Refund" and BTCPay\'s answer: after restart exactly one pull payment, shown on the sale', async ({
  page,
}) => {
  const invoiceId = await charge(page, '6.00')
  server.control.pay(invoiceId, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await page.getByTestId('new-sale').click()
  await openRefund(page, '$6.00')
  server.control.addFault({
    kind: 'latency',
    latencyMs: 1500,
    method: 'POST',
    pathPrefix: `/api/v1/stores/${DEMO_STORE_ID}/invoices/${invoiceId}/refund`,
    times: 1,
  })
  await page.getByRole('button', { name: 'Refund', exact: true }).click()
  await expect.poll(() => server.control.listFaults().length).toBe(0)
  await host!.stop('SIGKILL')
  await expect.poll(() => server.control.listPullPayments().length, { timeout: 5000 }).toBe(1)

  host = await startHostProcess([], { dataDir })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await expect(page.getByTestId('refund-badge')).toHaveText('Refund issued')
  await expect(page.getByTestId('refunded-USD')).toHaveText('−$6.00')
  expect(server.control.listPullPayments()).toHaveLength(1)
})
