import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import {
  chargeByTouch,
  decodeQr,
  newestInvoice,
  pairThroughUi,
  updateSettings,
} from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'

// The customer display as the browser host's second page: it follows the cashier's page through
// the core (real keychain, the BTCPay test server on loopback), and can do nothing else.
let server: TestServer
let host: HostProcess
let customer: Page

test.beforeEach(async ({ page, context }) => {
  server = await startBtcpayTestServer()
  host = await startHostProcess()
  await page.setViewportSize({ width: 1280, height: 900 })
  await pairThroughUi(page, host, server)
  await updateSettings(page, {
    returnToKeypadSeconds: 0,
    sound: false,
    terminalLabel: 'Corner Café',
  })
  customer = await context.newPage()
  await customer.setViewportSize({ width: 1920, height: 1080 })
  await customer.goto(host.customerUrl)
})

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
})

const screen = (page: Page) => page.getByTestId('customer-screen')

/** A screenshot of the customer display, light and dark, at a large and a small screen size. */
async function shoot(name: string, testInfo: TestInfo) {
  for (const scheme of ['light', 'dark'] as const) {
    await customer.emulateMedia({ colorScheme: scheme })
    for (const [w, h] of [
      [1920, 1080],
      [800, 480],
    ] as const) {
      await customer.setViewportSize({ width: w, height: h })
      const path = testInfo.outputPath(`customer-${name}-${scheme}-${w}x${h}.png`)
      await customer.screenshot({ path })
      await testInfo.attach(`customer-${name}-${scheme}-${w}x${h}`, {
        path,
        contentType: 'image/png',
      })
    }
  }
  await customer.emulateMedia({ colorScheme: null })
  await customer.setViewportSize({ width: 1920, height: 1080 })
}

test('the customer display follows a charge to "Paid, thank you", then idles', async ({
  page,
}, testInfo) => {
  await expect(screen(customer)).toHaveAttribute('data-screen', 'idle')
  await expect(customer.getByTestId('customer-shop')).toHaveText('Corner Café')
  await shoot('idle', testInfo)

  await chargeByTouch(page, '12.50', 'Flat white for Mrs Smith')
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'charge')
  await expect(customer.getByTestId('customer-amount')).toHaveText('$12.50')
  await expect(customer.getByTestId('countdown')).toContainText(/Expires in \d+:\d\d/)
  // The same payment request as the till's, readable by a wallet; nothing else of the sale.
  const qr = customer.locator('img.qr')
  await expect(qr).toHaveAttribute('data-qr-text', /.+/)
  const qrText = await qr.getAttribute('data-qr-text')
  await expect(page.locator('img.qr')).toHaveAttribute('data-qr-text', qrText!)
  expect((await decodeQr(qr, testInfo, 'customer-qr')).toLowerCase()).toBe(qrText!.toLowerCase())
  const invoice = await newestInvoice(server)
  const text = await customer.locator('body').innerText()
  expect(text).not.toContain('Mrs Smith')
  expect(text).not.toContain(invoice.id)
  await shoot('charge', testInfo)

  server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'paid')
  await expect(customer.getByRole('heading')).toHaveText('Paid, thank you')
  await expect(customer.getByTestId('customer-amount')).toHaveText('$12.50')
  await shoot('paid', testInfo)
  // The cashier still sees the outcome; the customer's screen goes back to the shop's name.
  await expect(screen(customer)).toHaveAttribute('data-screen', 'idle', { timeout: 15_000 })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
})

test('the customer display shows "Expired" with the cashier, and idles when the cashier moves on', async ({
  page,
}, testInfo) => {
  await chargeByTouch(page, '8.75')
  await expect(screen(customer)).toHaveAttribute('data-screen', 'charge')
  const invoice = await newestInvoice(server)
  server.control.expire(invoice.id)
  await expect(page.getByTestId('checkout-expired')).toBeVisible()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'expired')
  await expect(customer.getByRole('heading')).toHaveText('Expired')
  await shoot('expired', testInfo)

  await page.getByTestId('charge-again').click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'charge')
  await expect(customer.getByTestId('customer-amount')).toHaveText('$8.75')
  await page.getByTestId('cancel-sale').click()
  await expect(page.getByTestId('keypad-screen')).toBeVisible()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'idle')
})

test('the customer display shows the QR code of the method the cashier switched to', async ({
  page,
}) => {
  await chargeByTouch(page, '6.40')
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  const tillQr = page.locator('img.qr')
  const customerQr = customer.locator('img.qr')
  const sameQr = async () =>
    expect(customerQr).toHaveAttribute('data-qr-text', (await tillQr.getAttribute('data-qr-text'))!)

  // Lightning first on both screens, as long as the cashier switches nothing.
  await expect(page.getByTestId('method-lightning')).toHaveAttribute('aria-selected', 'true')
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'lightning')
  await sameQr()

  await page.getByTestId('method-onchain').click()
  await expect(tillQr).toHaveAttribute('data-qr-text', /^bitcoin:/i)
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'onchain')
  await expect(customerQr).toHaveAttribute('data-qr-text', /^bitcoin:/i)
  await sameQr()

  await page.getByTestId('method-lightning').click()
  await expect(customerQr).toHaveAttribute('data-qr-text', /^LIGHTNING:/)
  await sameQr()

  // The next sale starts again from the preferred code on both screens.
  await page.getByTestId('method-onchain').click()
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'onchain')
  await page.getByTestId('cancel-sale').click()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'idle')
  await chargeByTouch(page, '2.10')
  await expect(page.getByTestId('method-lightning')).toHaveAttribute('aria-selected', 'true')
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'lightning')
  await sameQr()
})

test('the customer display speaks the shop’s language', async ({ page }) => {
  await updateSettings(page, { language: 'de' })
  await expect(customer.locator('html')).toHaveAttribute('lang', 'de')
  await expect(screen(customer)).toContainText('Wir akzeptieren Bitcoin')
  await updateSettings(page, { language: 'en' })
  await chargeByTouch(page, '12.50')
  await expect(screen(customer)).toHaveAttribute('data-screen', 'charge')
  await updateSettings(page, { language: 'de' })
  await expect(customer.getByTestId('countdown')).toContainText(/Läuft ab in \d+:\d\d/)
  await expect(customer.getByTestId('customer-amount')).toHaveText('12,50 $')
  await updateSettings(page, { language: 'ar' })
  await expect(customer.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(screen(customer)).toContainText('المبلغ المطلوب')
})

test('a reloaded cashier page comes back to the sale it was on; the customer display stays', async ({
  page,
}) => {
  await chargeByTouch(page, '4.20')
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'charge')
  // What Electron does after a renderer crash or hang: load the page again.
  await page.reload()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(page.getByTestId('fiat-amount')).toContainText('$4.20')
  await expect(screen(customer)).toHaveAttribute('data-screen', 'charge')
  const invoice = await newestInvoice(server)
  server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
  await expect(page.getByTestId('checkout-settled')).toBeVisible()
  await expect(screen(customer)).toHaveAttribute('data-screen', 'paid')
})

test('a reloaded cashier page keeps the QR code the cashier switched to, as the customer display does', async ({
  page,
}) => {
  await chargeByTouch(page, '3.30')
  // Lightning is the preferred code here, so the switch to on-chain is what must survive.
  await expect(page.getByTestId('method-lightning')).toHaveAttribute('aria-selected', 'true')
  await page.getByTestId('method-onchain').click()
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'onchain')
  await page.reload()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(page.getByTestId('method-onchain')).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('img.qr')).toHaveAttribute('data-qr-text', /^bitcoin:/i)
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'onchain')
  await expect(customer.locator('img.qr')).toHaveAttribute(
    'data-qr-text',
    (await page.locator('img.qr').getAttribute('data-qr-text'))!,
  )
  // And the other way: Lightning picked back, reloaded, still Lightning on both screens.
  await page.getByTestId('method-lightning').click()
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'lightning')
  await page.reload()
  await expect(page.getByTestId('method-lightning')).toHaveAttribute('aria-selected', 'true')
  await expect(customer.getByTestId('customer-method')).toHaveAttribute('data-method', 'lightning')
})

test('the customer page has no cashier bridge, its token opens no other socket, and its socket takes only a tip', async () => {
  expect(await customer.evaluate(() => 'pos' in window)).toBe(false)
  expect(
    await customer.evaluate(() =>
      Object.keys((window as { customerDisplay?: object }).customerDisplay ?? {}),
    ),
  ).toEqual(['onCustomerView', 'chooseTip'])
  const customerToken = new URL(host.customerUrl).hash.slice('#token='.length)
  const cashierToken = new URL(host.url).hash.slice('#token='.length)
  const opens = (path: string, token: string) =>
    customer.evaluate(
      ([p, t]) =>
        new Promise<boolean>((done) => {
          const ws = new WebSocket(`ws://${location.host}${p}?token=${encodeURIComponent(t!)}`)
          ws.onopen = () => (ws.close(), done(true))
          ws.onerror = () => done(false)
        }),
      [path, token],
    )
  expect(await opens('/bridge', customerToken)).toBe(false)
  expect(await opens('/customer', cashierToken)).toBe(false)
  expect(await opens('/customer', customerToken)).toBe(true)

  // Anything but a tip answer (here a request as the cashier's bridge sends it) closes the socket.
  const closedAfter = (frame: unknown) =>
    customer.evaluate(
      ([t, f]) =>
        new Promise<number | null>((done) => {
          const ws = new WebSocket(`ws://${location.host}/customer?token=${encodeURIComponent(t)}`)
          ws.onopen = () => {
            ws.send(JSON.stringify(f))
            setTimeout(() => (ws.close(), done(null)), 1000)
          }
          ws.onclose = (e) => done(e.code)
        }),
      [customerToken, frame] as const,
    )
  expect(await closedAfter({ id: 1, channel: 'sales:charge', input: { amount: '5' } })).toBe(1008)
  // A tip answer with no question open is ignored (and logged), the display stays connected.
  const answer = { questionId: 'none-open', choice: { kind: 'none' } }
  expect(await closedAfter({ message: 'customer:choose-tip', payload: answer })).toBeNull()
  expect(server.control.listInvoices()).toHaveLength(0)
})

test('quitting needs the manager PIN: refused in the core, then allowed through the hidden gesture', async ({
  page,
}) => {
  expect(await page.evaluate(() => window.pos?.setManagerPin({ pin: '2468' }))).toMatchObject({
    ok: true,
  })
  expect(await page.evaluate(() => window.pos?.lockManager())).toMatchObject({ ok: true })
  // A page that skips the screens is refused by the core.
  expect(await page.evaluate(() => window.pos?.quitApp())).toMatchObject({
    ok: false,
    code: 'manager-locked',
  })
  expect(host.exited()).toBe(false)

  // A short tap on the shop name does nothing; holding it opens the PIN prompt.
  const label = page.getByTestId('terminal-label')
  await label.click()
  await expect(page.getByRole('dialog', { name: 'Manager' })).toBeHidden()
  await label.hover()
  await page.mouse.down()
  await page.waitForTimeout(2200)
  await page.mouse.up()
  const dialog = page.getByRole('dialog', { name: 'Manager' })
  await expect(dialog.getByLabel('Manager PIN')).toBeVisible()
  await dialog.getByLabel('Manager PIN').fill('1111')
  await dialog.getByRole('button', { name: 'Unlock' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('That PIN is not right.')
  await dialog.getByLabel('Manager PIN').fill('2468')
  await dialog.getByRole('button', { name: 'Unlock' }).click()
  await dialog.getByTestId('quit-app').click()
  await expect(dialog.getByTestId('manager-exit-message')).toHaveText('BTCPay Cashier is closing…')
  await expect.poll(() => host.exited()).toBe(true)
})
