import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import * as till from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'

// The translated screens in German and in Arabic (right to left) at a kiosk panel's 800x480:
// no English text of the app's own strings is left on them, nothing is pushed out of the window
// sideways or cut off in its button, the checkout's controls are on screen without scrolling,
// and a screenshot of each is kept under test-results/.
const locales = resolve(import.meta.dirname, '../src/renderer/src/i18n/locales')
const strings = (language: string) =>
  JSON.parse(readFileSync(resolve(locales, `${language}.json`), 'utf8')) as Record<string, string>
const english = strings('en')

/**
 * The English texts that must not show in `language`: every text the language writes differently,
 * cut at its placeholders into the fixed words around them, but for words the language itself
 * writes alike ("Server" is German too).
 */
function englishOnly(language: string): string[] {
  const translated = strings(language)
  const own = new Set(Object.values(translated))
  const pieces = Object.entries(english)
    .filter(([key, text]) => translated[key] !== text)
    .flatMap(([, text]) => text.split(/{{\s*\w+\s*}}|<\w+\/>/))
    .map((piece) => piece.trim().replace(/^[\s(:,.·›‹]+|[\s(:,.·›…]+$/g, ''))
    .filter((piece) => piece.length >= 3 && /[A-Za-z]/.test(piece) && !own.has(piece))
  return [...new Set(pieces)]
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The English pieces visible in `area` (whole words, so "Net" does not match "Netto"). */
async function englishIn(area: Locator, pieces: string[]): Promise<string[]> {
  // Product names are names in every language, not English words.
  const text = (await area.innerText()).replace(/BTCPay (Server|Cashier)/g, '')
  return pieces.filter((piece) =>
    new RegExp(`(^|[^A-Za-z])${escape(piece)}($|[^A-Za-z])`).test(text),
  )
}

/** Inside the window at scroll 0. */
async function expectOnScreen(page: Page, control: Locator, what: string) {
  const view = page.viewportSize()!
  await expect(async () => {
    const box = await control.boundingBox()
    expect(box, what).not.toBeNull()
    const { x, y, width, height } = box!
    expect(
      x >= 0 && y >= 0 && x + width <= view.width + 0.5 && y + height <= view.height + 0.5,
      `${what} at ${x},${y} ${width}x${height} in ${view.width}x${view.height}`,
    ).toBe(true)
  }).toPass({ timeout: 5_000 })
}

/** Nothing wider than the window, and no button or field whose words are cut off. */
async function expectLaidOut(page: Page, area: Locator, what: string) {
  const problems = await area.evaluate((root) => {
    const found: string[] = []
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      found.push(`page is ${document.documentElement.scrollWidth}px wide`)
    }
    for (const el of root.querySelectorAll<HTMLElement>('button, input, select, textarea, label')) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      const name = (el.innerText || el.getAttribute('aria-label') || el.tagName).slice(0, 40)
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
        found.push(`${name}: ${Math.round(r.left)}..${Math.round(r.right)} outside the window`)
      }
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${name}: words cut off (${el.scrollWidth} > ${el.clientWidth})`)
      }
    }
    return found
  })
  expect(problems, what).toEqual([])
}

async function check(
  page: Page,
  testInfo: TestInfo,
  language: string,
  screen: string,
  area: Locator,
) {
  await expect(area).toBeVisible()
  const what = `${screen} in ${language}`
  expect(await englishIn(area, englishOnly(language)), `${what}: English left`).toEqual([])
  await expectLaidOut(page, area, what)
  const path = testInfo.outputPath(`${language}-${screen}.png`)
  await page.screenshot({ path })
  await testInfo.attach(`${language}-${screen}`, { path, contentType: 'image/png' })
}

let server: TestServer
let host: HostProcess

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
})

for (const language of ['de', 'ar'] as const) {
  test(`the screens speak ${language}, fit 800x480 and keep no English`, async ({
    page,
    context,
  }, testInfo) => {
    test.setTimeout(240_000)
    const words = strings(language)
    server = await startBtcpayTestServer()
    host = await startHostProcess()
    await page.setViewportSize({ width: 800, height: 480 })
    await till.pairThroughUi(page, host, server)
    await till.updateSettings(page, {
      returnToKeypadSeconds: 0,
      sound: false,
      terminalLabel: 'Café',
    })
    const customer = await context.newPage()
    await customer.setViewportSize({ width: 800, height: 480 })
    await customer.goto(host.customerUrl)
    const customerScreen = customer.getByTestId('customer-screen')

    // Charged in English (the touch keys are another screen's), then the shop's language.
    await till.chargeByTouch(page, '12.50')
    const waiting = page.getByTestId('checkout-waiting')
    await expect(waiting).toBeVisible()
    await expect(page.locator('img.qr')).toBeVisible()
    // The check itself sees English where there is English.
    expect(await englishIn(waiting, englishOnly(language))).toContain('Cancel sale')
    await till.updateSettings(page, { language })
    await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr')
    await expect(page.getByTestId('cancel-sale')).toHaveText(words['checkout.cancel']!)
    await check(page, testInfo, language, 'checkout', waiting)
    for (const [name, control] of till.checkoutControls(page)) {
      await expectOnScreen(page, control, `checkout in ${language}: ${name}`)
    }
    await expect(customer.locator('html')).toHaveAttribute('lang', language)
    await check(customer, testInfo, language, 'customer-charge', customerScreen)

    const invoice = await till.newestInvoice(server)
    server.control.pay(invoice.id, { mode: 'partial' })
    const partial = page.getByTestId('checkout-partial')
    await expect(partial).toBeVisible()
    await check(page, testInfo, language, 'partial', partial)
    await check(customer, testInfo, language, 'customer-partial', customerScreen)

    // The rest on chain: paid, waiting for confirmation (or settled once confirmed).
    server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
    const settled = page.locator('[data-testid="checkout-paid"], [data-testid="checkout-settled"]')
    await expect(settled).toBeVisible()
    await expect(page.getByTestId('receipt-print')).toBeVisible()
    await check(page, testInfo, language, 'settled', settled)
    await expect(customerScreen).toHaveAttribute('data-screen', 'paid')
    await check(customer, testInfo, language, 'customer-paid', customerScreen)
    await page.getByTestId('new-sale').click()

    await page.getByRole('button', { name: words['nav.shift'], exact: true }).click()
    const shift = page.locator('section.shift')
    await expect(page.getByTestId('no-shift')).toBeVisible()
    await check(page, testInfo, language, 'shift-open', shift)
    await page.getByTestId('shift-cashier').fill('Ana')
    await page.getByTestId('shift-float').fill('50')
    await page.getByTestId('open-shift').click()
    await expect(page.getByTestId('current-shift')).toBeVisible()
    await check(page, testInfo, language, 'shift-current', shift)
    await page.getByTestId('x-report').click()
    await check(page, testInfo, language, 'x-report', page.getByTestId('report'))
    await page.getByTestId('report-done').click()

    await page.getByRole('button', { name: words['nav.history'], exact: true }).click()
    await expect(page.getByTestId('totals')).toBeVisible()
    await check(page, testInfo, language, 'totals', page.getByTestId('totals'))
    await check(page, testInfo, language, 'csv-export', page.locator('form.csv-export'))

    await page.getByRole('button', { name: words['nav.about'], exact: true }).click()
    const about = page.locator('section[aria-labelledby="about-title"]')
    await page.getByRole('button', { name: words['about.check'] }).click()
    await expect(page.getByTestId('connection-status')).not.toBeEmpty()
    await check(page, testInfo, language, 'about', about)

    await page.getByRole('button', { name: words['nav.manager'], exact: true }).click()
    await check(page, testInfo, language, 'api-key', page.getByTestId('api-key-panel'))
    await check(
      page,
      testInfo,
      language,
      'receipt-settings',
      page.locator('form[aria-labelledby="receipt-settings-title"]'),
    )

    await page.getByRole('button', { name: words['nav.till'], exact: true }).click()
    await expect(customerScreen).toHaveAttribute('data-screen', 'idle')
    await check(customer, testInfo, language, 'customer-idle', customerScreen)
  })
}

/** An English text of the locale files with its placeholders filled, as the screen shows it. */
const filled = (text: string, values: Record<string, string>) =>
  text.replace(/{{\s*(\w+)[^}]*}}/g, (_, name: string) => values[name] ?? '')

/** Types an amount on the touch keys, named in the screen's language, and charges it. */
async function chargeIn(page: Page, words: Record<string, string>, amount: string) {
  const keys = page.getByRole('group', { name: words['keypad.keys'] })
  for (const ch of amount) {
    const name = ch === '.' ? words['keypad.decimalPoint']! : ch
    await keys.getByRole('button', { name, exact: true }).click()
  }
  await page.getByTestId('charge-button').click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
}

for (const language of ['de', 'ar'] as const) {
  test(`what main says is said in ${language}: pairing, settings, trouble, void, refund`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000)
    const words = strings(language)
    server = await startBtcpayTestServer()
    host = await startHostProcess()
    await page.setViewportSize({ width: 800, height: 480 })
    await page.goto(host.url)
    await till.updateSettings(page, { language, returnToKeypadSeconds: 0, sound: false })
    await page.getByRole('button', { name: words['nav.manager'], exact: true }).click()

    // A server that refuses the connection: the pairing form says so in the language.
    const pairing = page.locator('form.form').filter({ has: page.getByTestId('pairing-error') })
    await page.getByLabel(words['pairing.serverUrl']!).fill('http://127.0.0.1:9')
    await page.getByLabel(words['pairing.code']!).fill('Abcdefg')
    await page.getByRole('button', { name: words['pairing.pair'], exact: true }).click()
    // Refused or unreachable, as the machine's network has it: either in the language.
    const unreachable = [words['failed.connectionRefused']!, words['failed.network']!]
    await expect(page.getByTestId('pairing-error')).toHaveText(
      new RegExp(`^(${unreachable.map(escape).join('|')})$`),
    )
    await check(page, testInfo, language, 'pairing-refused', pairing)

    // A setting main refuses: the sentence under its field names it in the language.
    const settings = page.locator('form[aria-labelledby="settings-title"]')
    await settings
      .getByLabel(new RegExp(`^${escape(words['settings.maxAmount']!.split('{{')[0]!.trim())}`))
      .fill('')
    await settings.getByRole('button', { name: words['settings.save'] }).click()
    await expect(page.getByTestId('settings-error-maxAmount')).toHaveText(
      filled(words['said.inputWholeNumber']!, { field: words['field.maxAmount']! }),
    )
    await check(
      page,
      testInfo,
      language,
      'settings-refused',
      page.getByTestId('settings-error-maxAmount'),
    )

    // Paired through the form in the language. The page reloads once paired (its CSP then lets
    // the server's checkout into a frame).
    await page.getByLabel(words['pairing.serverUrl']!).fill(server.url)
    await page
      .getByLabel(words['pairing.code']!)
      .fill(server.control.createPairingCode().pairingCode)
    await page.getByRole('button', { name: words['pairing.pair'], exact: true }).click()
    await expect(page.getByTestId('paired-server')).toHaveText(server.url)
    // With an API key that may void and refund.
    await till.pasteApiKey(page, server, ['canmodifyinvoices', 'cancreatenonapprovedpullpayments'])
    await page.getByRole('button', { name: words['nav.till'], exact: true }).click()

    // The server goes away mid-checkout: the trouble banner says why in the language.
    await chargeIn(page, words, '4.20')
    server.control.addFault({ kind: 'error', status: 502, method: 'GET', pathPrefix: '/invoices/' })
    server.control.dropWebsockets()
    const trouble = page.getByTestId('trouble')
    await expect(trouble).toBeVisible({ timeout: 20_000 })
    await expect(trouble).toContainText(words['failed.serverError']!)
    await check(page, testInfo, language, 'trouble', trouble)
    server.control.clearFaults()
    await expect(trouble).toHaveCount(0, { timeout: 20_000 })

    // Cancelled: BTCPay voids the invoice, and the notice says so in the language.
    await page.getByTestId('cancel-sale').click()
    const notice = page.getByTestId('void-notice')
    await expect(notice).toHaveAttribute('data-state', 'voided')
    await expect(notice).toContainText(words['said.voided']!)
    await check(page, testInfo, language, 'void-notice', notice)
    await notice.getByRole('button', { name: words['common.seen'] }).click()

    // A paid sale's refund: BTCPay's options in the language, fiat first.
    await chargeIn(page, words, '12.50')
    const invoice = await till.newestInvoice(server, 2)
    server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
    await expect(page.getByTestId('checkout-settled')).toBeVisible()
    await page.getByTestId('new-sale').click()
    await page.getByRole('button', { name: words['nav.history'], exact: true }).click()
    await page
      .getByTestId('sale-row')
      .filter({ hasText: /12[.,]50/ })
      .locator('button')
      .filter({ hasText: words['salesList.refund']! })
      .click()
    const choices = page.locator('fieldset.refund-choices')
    await expect(choices.locator('label')).not.toHaveCount(0)
    await expect(choices.locator('[data-variant="Fiat"]')).toContainText(
      filled(words['refundOption.fiat']!, {}).split(':')[0]!,
    )
    await check(page, testInfo, language, 'refund-options', choices)
  })
}
