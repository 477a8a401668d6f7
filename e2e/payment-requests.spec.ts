import { rmSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { DEMO_STORE_ID, startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { chargeByTouch, decodeQr, newestInvoice, snap } from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'
import { provisionedDataDir } from './fixtures/provisioned'

// Payment requests end to end: Chromium → browser host (real core, real keychain in the test
// session, real journal) → the BTCPay test server's Greenfield API over loopback HTTP. The till is
// paired and given its API key by a provisioning file, as a shop would set it up.
let server: TestServer
let host: HostProcess | null = null
let dataDir: string

const PERMISSIONS = [
  `btcpay.store.canviewpaymentrequests:${DEMO_STORE_ID}`,
  `btcpay.store.canmodifypaymentrequests:${DEMO_STORE_ID}`,
  `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`,
]

test.beforeEach(async () => {
  server = await startBtcpayTestServer()
  dataDir = provisionedDataDir(server, {
    prefix: 'pos-payreq-',
    terminalLabel: 'Counter',
    greenfieldApiKey: server.control.createApiKey({ permissions: PERMISSIONS }).apiKey,
  })
})
test.afterEach(async () => {
  await host?.stop()
  host = null
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function openTill(page: Page) {
  host = await startHostProcess([], { dataDir })
  await page.goto(host.url)
  await expect(page.getByTestId('keypad-screen')).toBeVisible()
}
const requests = () => [...server.state.paymentRequests.values()]
const invoicesOf = (prId: string) =>
  server.control.listInvoices().filter((i) => i.orderId === `PAY_REQUEST_${prId}`)

async function billLater(page: Page, amount: string, title: string) {
  await page.getByRole('button', { name: 'Till', exact: true }).click()
  await page.keyboard.type(amount)
  await page.getByTestId('bill-later').click()
  await expect(page.getByTestId('request-amount')).toHaveValue(amount)
  await page.getByTestId('request-title').fill(title)
}

test('bill later with a QR code, find it, edit it, take a part then the rest: live to Completed, counted once in History', async ({
  page,
}, testInfo) => {
  await openTill(page)
  await billLater(page, '25', 'Catering order 88')
  await page.getByTestId('request-reference').fill('ORDER-88')
  await page.getByTestId('request-save').click()

  const detail = page.getByTestId('request-detail')
  await expect(page.getByTestId('request-heading')).toHaveText('Catering order 88')
  await expect(page.getByTestId('request-status')).toHaveText('Pending')
  const [pr] = requests()
  expect(requests()).toHaveLength(1)
  // The customer's phone reads the request's public page off the screen.
  const qr = detail.getByRole('img', { name: 'QR code of the payment request page' })
  expect(await decodeQr(qr, testInfo, 'request-qr')).toBe(
    `${server.url}/payment-requests/${pr!.id}`,
  )
  await snap(page, testInfo, 'request-billed')

  // Found again in the list: by search, by status filter, not under Completed.
  await page.getByTestId('back-to-list').click()
  await page.getByTestId('request-search').fill('order-88')
  await expect(page.getByTestId('request-row')).toHaveCount(1)
  await page.getByRole('button', { name: 'Completed', exact: true }).click()
  await expect(page.getByTestId('requests-empty')).toBeVisible()
  await page.getByRole('button', { name: 'Pending', exact: true }).click()
  await page.getByTestId('request-row').click()

  // Edit: a new title, and the amount (no invoice yet, so BTCPay allows it).
  await page.getByTestId('edit-request').click()
  await page.getByTestId('request-title').fill('Catering order 88 (Friday)')
  await page.getByTestId('request-amount').fill('30')
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('request-heading')).toHaveText('Catering order 88 (Friday)')
  await expect(page.getByTestId('request-asked')).toHaveText('$30.00')
  expect(server.state.paymentRequests.get(pr!.id)?.title).toBe('Catering order 88 (Friday)')

  // A part at the counter, through the same checkout as a sale.
  await page.getByTestId('take-part').click()
  await page.getByTestId('part-amount').fill('10')
  await page.getByTestId('take-part-submit').click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(page.getByTestId('fiat-amount')).toContainText('$10.00')
  await expect.poll(() => invoicesOf(pr!.id).length).toBe(1)
  server.control.pay(invoicesOf(pr!.id)[0]!.id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()

  await page.getByRole('button', { name: 'Requests', exact: true }).click()
  await expect(page.getByTestId('request-paid')).toHaveText('$10.00')
  await expect(page.getByTestId('request-due')).toHaveText('$20.00')
  await page.getByTestId('take-payment').click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect.poll(() => invoicesOf(pr!.id).length).toBe(2)
  const rest = invoicesOf(pr!.id).find((i) => i.status === 'New')!
  server.control.pay(rest.id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await page.getByRole('button', { name: 'Requests', exact: true }).click()
  await expect(page.getByTestId('request-status')).toHaveText('Completed')
  await expect(page.getByTestId('request-due')).toHaveText('$0.00')

  // A plain sale the same day, beside the request's payments.
  await page.getByRole('button', { name: 'Till', exact: true }).click()
  await chargeByTouch(page, '5.00')
  server.control.pay((await newestInvoice(server, 3)).id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()

  // History: two payments, each marked, counted once in the day's total and shown apart.
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await expect(page.getByTestId('sale-row')).toHaveCount(3)
  await expect(page.getByTestId('payment-request-badge')).toHaveCount(2)
  await expect(page.getByTestId('settled-USD')).toHaveText('$35.00')
  await expect(page.getByTestId('count-USD')).toHaveText('3')
  await expect(page.getByTestId('requests-USD')).toHaveText('$30.00 in 2 payments')
  await snap(page, testInfo, 'history-requests-apart')
})

test('Bill later starts from the manager’s defaults, and the request at BTCPay has them', async ({
  page,
}) => {
  await openTill(page)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await page.getByLabel('Title (used when the cashier types no description)').fill('Catering')
  const days = page.getByLabel('Payable for (days; empty: no end)')
  await days.fill('0')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('settings-error-billLaterExpiryDays')).toHaveText(
    'The days a bill stays payable must be at least 1.',
  )
  await days.fill('7')
  await page.getByLabel('Allow paying in parts').uncheck()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('settings-result')).toHaveText('Settings saved.')

  await page.getByRole('button', { name: 'Till', exact: true }).click()
  await page.keyboard.type('18')
  await page.getByTestId('bill-later').click()
  // The local date a week from today, as the date field shows it.
  const week = new Date(Date.now() + 7 * 86_400_000)
  const weekText = [week.getFullYear(), week.getMonth() + 1, week.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-')
  await expect(page.getByTestId('request-title')).toHaveValue('Catering')
  await expect(page.getByTestId('request-expiry')).toHaveValue(weekText)
  await expect(page.getByTestId('request-partial')).not.toBeChecked()
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('request-heading')).toHaveText('Catering')

  const [pr] = requests()
  expect(pr).toMatchObject({ title: 'Catering', allowCustomPaymentAmounts: false })
  // Payable all of that day: until its last second, local time.
  expect(pr!.expiryDate).toBe(
    new Date(week.getFullYear(), week.getMonth(), week.getDate(), 23, 59, 59).getTime() / 1000,
  )
})

test('a payment that arrives from the customer’s phone turns the request Completed on screen by itself', async ({
  page,
}) => {
  await openTill(page)
  await billLater(page, '12', 'Tab 5')
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('request-status')).toHaveText('Pending')
  const [pr] = requests()
  // The customer's phone opens the page and pays, first a part, then the rest.
  server.control.payPaymentRequest(pr!.id, { amount: '5', paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('request-due')).toHaveText('$7.00', { timeout: 25_000 })
  server.control.payPaymentRequest(pr!.id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('request-status')).toHaveText('Completed', { timeout: 25_000 })
})

test('archive: the request leaves the list, shows under archived, and cannot be paid', async ({
  page,
}) => {
  await openTill(page)
  await billLater(page, '5', 'Deposit')
  await page.getByTestId('request-save').click()
  await page.getByTestId('archive-request').click()
  await page.getByTestId('archive-confirm').click()
  await expect(page.getByTestId('request-status')).toHaveText('Archived')
  await expect(page.getByTestId('take-payment')).toHaveCount(0)
  await page.getByTestId('back-to-list').click()
  await expect(page.getByTestId('requests-empty')).toBeVisible()
  await page.getByTestId('show-archived').check()
  await expect(page.getByTestId('request-row')).toHaveCount(1)
  expect(requests()[0]?.archived).toBe(true)
})

test('each server refusal has its sentence, on the field it names, and the form keeps what was typed', async ({
  page,
}) => {
  await openTill(page)
  const fault = (status: number, body: unknown, method = 'POST') =>
    server.control.addFault({
      kind: 'error',
      status,
      body: JSON.stringify(body),
      method,
      pathPrefix: `/api/v1/stores/${DEMO_STORE_ID}/payment-requests`,
      times: 1,
    })
  await billLater(page, '7', 'Bike repair')
  await page.getByTestId('request-email').fill('anna@example.com')

  fault(422, [{ path: 'Email', message: 'Email is not valid' }])
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('error-email')).toHaveText('Email is not valid')
  await expect(page.getByTestId('request-title')).toHaveValue('Bike repair')

  fault(403, {
    code: 'missing-permission',
    missingPermission: 'btcpay.store.canmodifypaymentrequests',
    message: 'Insufficient API Permissions',
  })
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('request-form-error')).toContainText(
    'btcpay.store.canmodifypaymentrequests',
  )

  fault(401, { code: 'unauthenticated', message: 'no' })
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('request-form-error')).toContainText('did not accept the API key')

  server.control.addFault({ kind: 'reset', method: 'POST', pathPrefix: '/api/v1/stores', times: 1 })
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('request-form-error')).toBeVisible()
  expect(requests().length).toBeLessThanOrEqual(1)

  // A request archived elsewhere: paying it says so.
  await page.getByTestId('request-email').fill('')
  await page.getByTestId('request-save').click()
  await expect(page.getByTestId('request-heading')).toHaveText('Bike repair')
  const pr = requests().at(-1)!
  pr.archived = true
  await page.getByTestId('take-payment').click()
  await expect(page.getByTestId('request-error')).toContainText('archived')

  // The description is HTML from the server: shown as text, nothing of it runs.
  pr.archived = false
  pr.description =
    '<img src=x onerror="window.__pwned=1"><a href="javascript:window.__pwned=2">x</a><script>window.__pwned=3</script>'
  await page.getByTestId('back-to-list').click()
  await page.getByTestId('request-row').first().click()
  await expect(page.getByTestId('request-description-text')).toContainText('<script>')
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(
    await page
      .getByTestId('request-detail')
      .locator('img[src="x"], script, a[href^="javascript"]')
      .count(),
  ).toBe(0)
})

test('kill -9 during create and during a counter payment: after restart, one request and one invoice', async ({
  page,
}) => {
  // Three starts of the host and two crashes: more than the default minute on a loaded machine.
  test.slow()
  await openTill(page)
  server.control.addFault({
    kind: 'latency',
    latencyMs: 1500,
    method: 'POST',
    pathPrefix: `/api/v1/stores/${DEMO_STORE_ID}/payment-requests`,
    times: 1,
  })
  await billLater(page, '40', 'Crash on create')
  await page.getByTestId('request-save').click()
  await expect.poll(() => server.control.listFaults().length).toBe(0)
  await host!.stop('SIGKILL')
  await expect.poll(() => requests().length, { timeout: 5000 }).toBe(1)

  await openTill(page)
  await page.getByRole('button', { name: 'Requests', exact: true }).click()
  await expect(page.getByTestId('request-row')).toHaveCount(1)
  const [pr] = requests()

  await page.getByTestId('request-row').click()
  server.control.addFault({
    kind: 'latency',
    latencyMs: 1500,
    method: 'POST',
    pathPrefix: `/api/v1/stores/${DEMO_STORE_ID}/payment-requests/${pr!.id}/pay`,
    times: 1,
  })
  await page.getByTestId('take-payment').click()
  await expect.poll(() => server.control.listFaults().length).toBe(0)
  await host!.stop('SIGKILL')
  await expect.poll(() => invoicesOf(pr!.id).length, { timeout: 5000 }).toBe(1)

  await openTill(page)
  // The till is up (its first answers in): still one request, then the payment in History.
  await page.getByRole('button', { name: 'Requests', exact: true }).click()
  await expect(page.getByTestId('request-row')).toHaveCount(1)
  await page.getByRole('button', { name: 'History', exact: true }).click()
  const row = page.getByTestId('sale-row')
  await expect(row).toHaveCount(1)
  await expect(row).toHaveAttribute('data-phase', 'waiting')
  expect(invoicesOf(pr!.id)).toHaveLength(1)
  expect(requests()).toHaveLength(1)
  server.control.pay(invoicesOf(pr!.id)[0]!.id, { paymentMethod: 'BTC-LN' })
  await expect(row).toHaveAttribute('data-phase', 'settled')
})
