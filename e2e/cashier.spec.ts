import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import {
  CHARGE_MODES,
  chargeByTouch,
  chargeWith,
  decodeQr,
  newestInvoice,
  pairThroughUi,
  paymentLinks,
  snap,
  updateSettings,
} from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'

// The cashier's day end to end: Chromium → browser host (real core, real keychain in the test
// session) → the BTCPay test server on loopback. Screenshots of every screen are test artifacts.
let server: TestServer
let host: HostProcess

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  host = await startHostProcess()
  await page.setViewportSize({ width: 1280, height: 900 })
  await pairThroughUi(page, host, server)
  // Stay on outcome screens unless a test asks for the automatic return.
  await updateSettings(page, { returnToKeypadSeconds: 0, sound: false })
})

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
})

const amount = (page: Page) => page.getByTestId('amount-display')
const message = (page: Page) => page.getByTestId('keypad-message')

// Every test runs with both ways of charging: legacy invoices, and Greenfield invoices with the
// API key on a server whose legacy invoice API answers 404.
for (const mode of CHARGE_MODES) {
  test.describe(`${mode} invoices`, () => {
    test.beforeEach(async ({ page }) => {
      await chargeWith(page, server, mode)
    })

    test('keypad by keyboard: refused input says why and never creates an invoice', async ({
      page,
    }, testInfo) => {
      await expect(page.getByTestId('keypad-limit')).toHaveText('Up to $10,000.00')
      await snap(page, testInfo, 'keypad-empty')
      const charge = page.getByTestId('charge-button')

      // Zero, by keys and numpad, then Enter: a message, no request.
      await page.keyboard.press('0')
      await page.keyboard.press('NumpadDecimal')
      await page.keyboard.press('Numpad0')
      await expect(amount(page)).toHaveText('$0.0')
      await expect(charge).toBeDisabled()
      await page.keyboard.press('Enter')
      await expect(message(page)).toHaveText('The amount must be more than zero.')

      // Escape clears; too many decimals are refused as they are typed.
      await page.keyboard.press('Escape')
      await expect(amount(page)).toHaveText('$0.00')
      await page.keyboard.type('12.345')
      await expect(amount(page)).toHaveText('$12.34')
      await expect(message(page)).toHaveText(
        'USD has at most 2 decimals. Press ⌫ or Clear to go on.',
      )
      await snap(page, testInfo, 'keypad-too-many-decimals')
      await page.keyboard.press('Backspace')
      await expect(amount(page)).toHaveText('$12.3')
      await expect(message(page)).toHaveText('')
      await page.keyboard.press('Delete')

      // Over the till's maximum.
      await page.keyboard.type('10000.01')
      await expect(message(page)).toHaveText('The most this till can charge is $10,000.00.')
      await expect(charge).toBeDisabled()
      await page.keyboard.press('Enter')
      await snap(page, testInfo, 'keypad-over-max')

      // Pasted garbage is refused and the entry stays.
      const paste = (text: string) =>
        page.evaluate((t) => {
          const data = new DataTransfer()
          data.setData('text', t)
          document
            .querySelector('[data-testid="amount-display"]')!
            .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
        }, text)
      await page.keyboard.press('Escape')
      await page.keyboard.type('5')
      await paste('DROP TABLE sales')
      await expect(amount(page)).toHaveText('$5')
      await expect(message(page)).toHaveText(/“D” is not part of an amount/)
      await paste('-20')
      await expect(message(page)).toHaveText(/^The amount cannot be negative\./)
      await paste('7,25')
      await expect(amount(page)).toHaveText('$5')
      await expect(message(page)).toHaveText(/“,” separates thousands, as in 1,234,567/)
      await paste('7.25')
      await expect(amount(page)).toHaveText('$7.25')
      await expect(charge).toBeEnabled()
      await expect(charge).toHaveText('Charge $7.25')

      // A group separator counts only where it groups: 1,000 is a thousand, 1,0 cannot be charged.
      await page.keyboard.press('Escape')
      await page.keyboard.type('1,0')
      await expect(amount(page)).toHaveText('$1,0')
      await expect(charge).toBeDisabled()
      await expect(message(page)).toHaveText(/separates thousands/)
      await page.keyboard.type('00')
      await expect(amount(page)).toHaveText('$1,000')
      await expect(charge).toHaveText('Charge $1,000')
      await expect(charge).toBeEnabled()
      await page.keyboard.press('Escape')
      await page.keyboard.type('-5')
      await expect(amount(page)).toHaveText('$0.00')
      await expect(message(page)).toHaveText(/^The amount cannot be negative\./)
      await expect(charge).toBeDisabled()

      // A currency without decimals refuses the decimal key.
      await updateSettings(page, { currency: 'JPY' })
      await page.keyboard.press('Escape')
      await page.keyboard.type('1500.5')
      await expect(amount(page)).toHaveText('¥1,500')
      await expect(message(page)).toHaveText(/^JPY has no decimals\./)
      await expect(charge).toBeDisabled()
      await snap(page, testInfo, 'keypad-jpy')

      expect(server.control.listInvoices()).toEqual([])
    })

    test('keypad by keyboard: Enter charges, also from the description field', async ({ page }) => {
      await page.keyboard.type('4.2')
      await page.getByTestId('description').fill('Espresso')
      await page.getByTestId('description').press('Enter')
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      const invoice = await newestInvoice(server)
      expect(invoice).toMatchObject({ currency: 'USD', status: 'New' })
      expect(invoice.price).toMatch(/^4\.20?$/)
    })

    test('charge by touch: QR code is the invoice, pay → paid → confirm → settled', async ({
      page,
    }, testInfo) => {
      await chargeByTouch(page, '12.50', 'Coffee and cake')
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      const invoice = await newestInvoice(server)
      expect(invoice.currency).toBe('USD')
      expect(invoice.price).toMatch(/^12\.50?$/)
      await expect(page.getByTestId('fiat-amount')).toHaveText('$12.50')
      await expect(page.getByTestId('btc-amount')).toHaveText(`${invoice.remainingBtc} BTC`)
      await expect(page.getByTestId('countdown')).toHaveText(/Expires in 1[45]:\d\d/)
      await snap(page, testInfo, 'checkout-waiting')

      const links = await paymentLinks(server, invoice.id)
      const qr = page.locator('img.qr')
      if (links['BTC-LN']) {
        expect((await decodeQr(qr, testInfo, 'qr-lightning')).toLowerCase()).toBe(
          links['BTC-LN'].toLowerCase(),
        )
        await page.getByTestId('method-onchain').click()
      }
      await expect(qr).toHaveAttribute('data-qr-text', /^bitcoin:/)
      expect(await decodeQr(qr, testInfo, 'qr-onchain')).toBe(links['BTC-CHAIN'])

      server.control.pay(invoice.id)
      await expect(page.getByTestId('checkout-paid')).toBeVisible()
      await expect(page.getByTestId('phase-title')).toHaveText('Paid Waiting for confirmation')
      await snap(page, testInfo, 'checkout-paid')
      server.control.confirm(invoice.id)
      await expect(page.getByTestId('checkout-settled')).toBeVisible()
      await snap(page, testInfo, 'checkout-settled')
      await page.getByTestId('new-sale').click()
      await expect(amount(page)).toHaveText('$0.00')

      // Backspace and Clear by touch.
      const keys = page.getByRole('group', { name: 'Amount keys' })
      await keys.getByRole('button', { name: '7', exact: true }).click()
      await keys.getByRole('button', { name: '00', exact: true }).click()
      await expect(amount(page)).toHaveText('$700')
      await keys.getByRole('button', { name: 'Delete last digit' }).click()
      await expect(amount(page)).toHaveText('$70')
      await keys.getByRole('button', { name: 'Clear' }).click()
      await expect(amount(page)).toHaveText('$0.00')
      expect(server.control.listInvoices()).toHaveLength(1)
    })

    for (const [mode, phase, extra] of [
      ['partial', 'partial', 'btc-due'],
      ['over', 'overpaid', 'overpaid-note'],
      ['late', 'paid-late', 'paid-late-note'],
    ] as const) {
      test(`a ${mode} payment shows the ${phase} screen`, async ({ page }, testInfo) => {
        await chargeByTouch(page, '20')
        const invoice = await newestInvoice(server)
        server.control.pay(invoice.id, { mode })
        await expect(page.getByTestId(`checkout-${phase}`)).toBeVisible()
        await expect(page.getByTestId(extra)).toBeVisible()
        // Money arrived: the sale cannot be cancelled from here any more.
        await expect(page.getByTestId('cancel-sale')).toHaveCount(0)
        if (phase === 'partial') {
          const left = server.control.getInvoice(invoice.id).remainingBtc
          // Fiat first, at BTCPay's rate, with the exact BTC beside it.
          await expect(page.getByTestId('btc-due')).toHaveText(
            new RegExp(`^\\$\\d+\\.\\d\\d · ${left} BTC$`),
          )
        }
        await snap(page, testInfo, `checkout-${phase}`)
      })
    }

    test('an expired sale can be charged again with the same amount and description', async ({
      page,
    }, testInfo) => {
      await chargeByTouch(page, '8.75', 'Sandwich')
      const first = await newestInvoice(server)
      server.control.expire(first.id)
      await expect(page.getByTestId('checkout-expired')).toBeVisible()
      await snap(page, testInfo, 'checkout-expired')
      await page.getByTestId('charge-again').click()
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      const second = await newestInvoice(server, 2)
      expect(second.id).not.toBe(first.id)
      expect(second).toMatchObject({ price: first.price, currency: 'USD', status: 'New' })
    })

    test('an invalid payment says so', async ({ page }, testInfo) => {
      await chargeByTouch(page, '3')
      const invoice = await newestInvoice(server)
      server.control.pay(invoice.id)
      await expect(page.getByTestId('checkout-paid')).toBeVisible()
      server.control.invalidate(invoice.id)
      await expect(page.getByTestId('checkout-invalid')).toBeVisible()
      await snap(page, testInfo, 'checkout-invalid')
    })

    test('a lost connection shows the trouble banner and keeps the last phase', async ({
      page,
    }, testInfo) => {
      await chargeByTouch(page, '5')
      const invoice = await newestInvoice(server)
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      // BTCPay stops answering: status socket refused and every request fails.
      const outage = [
        server.control.addFault({ kind: 'ws-refuse' }).id,
        server.control.addFault({ kind: 'error', status: 502 }).id,
      ]
      server.control.dropWebsockets()
      await expect(page.getByTestId('trouble')).toBeVisible({ timeout: 20_000 })
      await expect(page.getByTestId('trouble')).toHaveText(/^Connection trouble: /)
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      await snap(page, testInfo, 'checkout-trouble')
      // Back online: the payment made meanwhile shows up and the banner goes.
      for (const id of outage) server.control.removeFault(id)
      server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
      await expect(page.getByTestId('checkout-settled')).toBeVisible({ timeout: 40_000 })
      await expect(page.getByTestId('trouble')).toHaveCount(0)
    })

    test('cancel goes back to the keypad', async ({ page }) => {
      await chargeByTouch(page, '1')
      await newestInvoice(server)
      await page.getByTestId('cancel-sale').click()
      await expect(page.getByTestId('keypad-screen')).toBeVisible()
    })

    test('after a success the till chimes and the keypad comes back by itself', async ({
      page,
    }) => {
      // Count the oscillator notes the page starts (Web Audio, no files, no network).
      await page.addInitScript(() => {
        const w = window as unknown as { notes: number }
        w.notes = 0
        const start = OscillatorNode.prototype.start
        OscillatorNode.prototype.start = function (when?: number) {
          w.notes++
          return start.call(this, when)
        }
      })
      await page.goto('about:blank')
      await page.goto(host.url)
      await expect(page.getByTestId('keypad-screen')).toBeVisible()
      await updateSettings(page, { returnToKeypadSeconds: 2, sound: true })
      await chargeByTouch(page, '2')
      const invoice = await newestInvoice(server)
      const notes = () => page.evaluate(() => (window as unknown as { notes: number }).notes)
      expect(await notes()).toBe(0)
      server.control.pay(invoice.id, { paymentMethod: 'BTC-LN' })
      await expect(page.getByTestId('checkout-settled')).toBeVisible()
      expect(await notes()).toBe(2)
      await expect(page.getByTestId('auto-return')).toHaveText(/Back to the keypad in [12] s/)
      await expect(page.getByTestId('keypad-screen')).toBeVisible({ timeout: 5000 })
    })

    /** Whether the page's CSP (fixed when it loaded) lets it frame the paired server. */
    async function framesAllowed(page: Page) {
      const csp = (await page.request.get(host.url)).headers()['content-security-policy'] ?? ''
      const frameSrc = /frame-src ([^;]*)/.exec(csp)?.[1] ?? "'none'"
      return frameSrc.split(' ').includes(server.url)
    }

    test('embedded mode shows BTCPay’s checkout and follows the payment', async ({
      page,
    }, testInfo) => {
      await updateSettings(page, { checkoutMode: 'embedded' })
      // Like the Electron window, the host's CSP lets the page frame the paired server only.
      expect(await framesAllowed(page)).toBe(true)
      // The CSP is read when the page loads: load it again now that the till is paired (through
      // about:blank, since a URL that differs only in its hash would not load a new document).
      await page.goto('about:blank')
      await page.goto(host.url)
      await page.getByRole('button', { name: 'Till', exact: true }).click()
      await chargeByTouch(page, '6.5')
      const invoice = await newestInvoice(server)
      const frame = page.getByTestId('checkout-frame')
      const src = new URL((await frame.getAttribute('src'))!)
      expect(src.origin).toBe(server.url)
      expect(src.searchParams.get('view')).toBe('modal')
      expect(src.toString()).toContain(invoice.id)
      expect(await frame.getAttribute('sandbox')).toBe(
        'allow-scripts allow-same-origin allow-forms allow-popups',
      )
      // 'loaded' from the frame hides the spinner.
      await expect(page.getByTestId('embed-loading')).toBeHidden()
      await expect(frame).toBeVisible()
      const checkout = page.frameLocator('[data-testid="checkout-frame"]')
      await expect(checkout.locator('#close')).toBeVisible()
      await snap(page, testInfo, 'embedded-waiting')
      server.control.pay(invoice.id, { mode: 'partial' })
      await expect(page.getByTestId('checkout-partial')).toBeVisible()
      await snap(page, testInfo, 'embedded-partial')
      server.control.pay(invoice.id)
      await expect(page.getByTestId('checkout-paid')).toBeVisible()
      await snap(page, testInfo, 'embedded-paid')

      // The checkout's own Close button cancels an unpaid sale.
      await page.getByTestId('new-sale').click()
      await chargeByTouch(page, '1')
      await newestInvoice(server, 2)
      await checkout.locator('#close').click()
      await expect(page.getByTestId('keypad-screen')).toBeVisible()
    })

    test('embedded mode falls back to the QR code when the page may not frame the server', async ({
      page,
    }, testInfo) => {
      // A page whose CSP frames nothing (as one loaded before pairing would have): the till says so
      // and shows its own QR code.
      await updateSettings(page, { checkoutMode: 'embedded' })
      // A second policy from a <meta> element is enforced on top of the header's: frames none.
      await page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const meta = document.createElement('meta')
          meta.httpEquiv = 'Content-Security-Policy'
          meta.content = "frame-src 'none'"
          document.head.append(meta)
        })
      })
      await page.goto('about:blank')
      await page.goto(host.url)
      await page.getByRole('button', { name: 'Till', exact: true }).click()
      await chargeByTouch(page, '6.5')
      await expect(page.getByTestId('embed-refused')).toHaveText(/Showing the QR code instead/)
      await expect(page.locator('img.qr')).toBeVisible()
      await snap(page, testInfo, 'embedded-blocked')
      const invoice = await newestInvoice(server)
      server.control.pay(invoice.id)
      await expect(page.getByTestId('checkout-paid')).toBeVisible()
    })

    test('history shows the day’s sales and totals, reopens a pending sale, exports CSV', async ({
      page,
    }, testInfo) => {
      // One settled, one paid but unconfirmed, one still waiting.
      await chargeByTouch(page, '10', 'Settled one')
      const settled = await newestInvoice(server)
      server.control.pay(settled.id, { paymentMethod: 'BTC-LN' })
      await expect(page.getByTestId('checkout-settled')).toBeVisible()
      await page.getByTestId('new-sale').click()
      await chargeByTouch(page, '4', 'Unconfirmed one')
      const unconfirmed = await newestInvoice(server, 2)
      server.control.pay(unconfirmed.id)
      await expect(page.getByTestId('checkout-paid')).toBeVisible()
      await page.getByTestId('new-sale').click()
      await chargeByTouch(page, '2.5', 'Waiting one')
      await newestInvoice(server, 3)
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      await page.getByRole('button', { name: 'History', exact: true }).click()

      await expect(page.getByTestId('history-day')).toHaveText('Today')
      const rows = page.getByTestId('sale-row')
      await expect(rows).toHaveCount(3)
      for (const [i, amount, description, label] of [
        [0, '$2.50', 'Waiting one', 'Waiting'],
        [1, '$4.00', 'Unconfirmed one', 'Paid'],
        [2, '$10.00', 'Settled one', 'Settled'],
      ] as const) {
        await expect(rows.nth(i)).toContainText(amount)
        await expect(rows.nth(i)).toContainText(description)
        await expect(rows.nth(i)).toContainText(label)
        await expect(rows.nth(i)).toContainText(/\d\d:\d\d/)
      }
      await expect(page.getByTestId('settled-USD')).toHaveText('$10.00')
      await expect(page.getByTestId('pending-USD')).toHaveText('$4.00')
      await expect(page.getByTestId('count-USD')).toHaveText('2')
      await snap(page, testInfo, 'history-today')

      // A payment arriving while the history is shown updates the row and the totals.
      server.control.confirm(unconfirmed.id)
      await expect(rows.nth(1)).toContainText('Settled')
      await expect(page.getByTestId('settled-USD')).toHaveText('$14.00')
      await expect(page.getByTestId('pending-USD')).toHaveText('$0.00')

      await page.getByTestId('previous-day').click()
      await expect(page.getByTestId('history-day')).toHaveText('Yesterday')
      await expect(page.getByTestId('history-empty')).toBeVisible()
      await expect(page.getByTestId('totals')).toBeHidden()
      await page.getByTestId('next-day').click()
      await expect(rows).toHaveCount(3)

      await page.getByTestId('export-csv').click()
      const result = page.getByTestId('export-result')
      await expect(result).toHaveText(/^Saved 3 sales to .+\.csv$/)
      const path = (await result.textContent())!.replace(/^Saved 3 sales to /, '')
      const csv = readFileSync(path, 'utf8')
      for (const d of ['Settled one', 'Unconfirmed one', 'Waiting one']) expect(csv).toContain(d)
      await snap(page, testInfo, 'history-exported')

      await rows
        .nth(0)
        .getByRole('button', { name: /Open sale/ })
        .click()
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      await expect(page.getByTestId('fiat-amount')).toHaveText('$2.50')
    })

    test('history counts a paid-late sale as paid, exports what was paid, and finds sales', async ({
      page,
    }) => {
      await chargeByTouch(page, '10', 'Late one')
      const late = await newestInvoice(server)
      server.control.pay(late.id, { mode: 'late', paymentMethod: 'BTC-LN' })
      await expect(page.getByTestId('checkout-paid-late')).toBeVisible()
      await page.getByTestId('new-sale').click()
      await chargeByTouch(page, '4.2', 'Croissant')
      const croissant = await newestInvoice(server, 2)
      server.control.pay(croissant.id, { paymentMethod: 'BTC-LN' })
      await expect(page.getByTestId('checkout-settled')).toBeVisible()
      await page.getByRole('button', { name: 'History', exact: true }).click()

      // BTCPay counts a full payment after expiry as paid: so do the totals.
      await expect(page.getByTestId('count-USD')).toHaveText('2')
      await expect(page.getByTestId('settled-USD')).toHaveText('$14.20')

      const rows = page.getByTestId('sale-row')
      const search = async (text: string) => {
        await page.getByTestId('sales-search').fill(text)
        await page.getByTestId('sales-search-go').click()
      }
      await search('4.20')
      await expect(rows).toHaveCount(1)
      await expect(rows.first()).toContainText('Croissant')
      await search('late ONE')
      await expect(rows).toHaveCount(1)
      await expect(rows.first()).toContainText('$10.00')
      // By order id, as main lists it for that sale.
      const listed = await page.evaluate(async () => {
        const r = await window.pos!.listSales({
          from: 0,
          to: Date.now() + 1000,
          search: 'Croissant',
        })
        return r.ok ? r.data.sales.map((s) => s.orderId) : []
      })
      await search(listed[0]!)
      await expect(rows).toHaveCount(1)
      await expect(rows.first()).toContainText('Croissant')
      await search('99.99')
      await expect(page.getByTestId('history-empty')).toHaveText(/No sale on this day matches/)
      await page.getByTestId('sales-search-clear').click()
      await expect(rows).toHaveCount(2)

      await page.getByTestId('export-csv').click()
      const result = page.getByTestId('export-result')
      await expect(result).toHaveText(/^Saved 2 sales to .+\.csv$/)
      const [header, ...lines] = readFileSync(
        (await result.textContent())!.replace(/^Saved 2 sales to /, ''),
        'utf8',
      )
        .trim()
        .split('\r\n')
      const cols = header!.split(',')
      const lateRow = lines.map((l) => l.split(',')).find((r) => r.includes('Late one'))!
      const cell = (name: string) => lateRow[cols.indexOf(name)]
      expect(cell('paid')).toBe('10.00')
      expect(cell('btc')).toMatch(/^0\.\d+$/)
      expect(Number(cell('btc'))).toBeGreaterThan(0)
      expect(cell('rate')).toMatch(/^\d+(\.\d+)?$/)
      expect(cell('method')).toBe('lightning')
    })

    test('history pages with “Load more”', async ({ page }) => {
      // 52 sales made through the app's own IPC, faster than typing them.
      const made = await page.evaluate(async () => {
        let ok = 0
        for (let i = 1; i <= 52; i++) {
          const r = await window.pos!.charge({ amount: String(i), description: `Sale ${i}` })
          if (r.ok) ok++
        }
        return ok
      })
      expect(made).toBe(52)
      await page.getByRole('button', { name: 'History', exact: true }).click()
      const rows = page.getByTestId('sale-row')
      await expect(rows).toHaveCount(50)
      await expect(rows.first()).toContainText('Sale 52')
      await page.getByTestId('load-more').click()
      await expect(rows).toHaveCount(52)
      await expect(rows.last()).toContainText('Sale 1')
      await expect(page.getByTestId('load-more')).toHaveCount(0)
    })

    test('a customer who pays after the cashier cancelled is caught, on any screen, until seen', async ({
      page,
    }, testInfo) => {
      await chargeByTouch(page, '12.50')
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      const invoice = await newestInvoice(server)
      await page.getByTestId('cancel-sale').click()
      await expect(amount(page)).toHaveText('$0.00')
      // No API key to void with: the cashier is told the invoice stays payable.
      await expect(page.getByTestId('void-notice')).toContainText('stays payable')
      await page.getByRole('button', { name: 'History', exact: true }).click()
      await expect(page.getByTestId('sale-row')).toHaveAttribute('data-phase', 'abandoned')
      await expect(page.getByTestId('paid-after-cancel')).toHaveCount(0)

      server.control.pay(invoice.id)
      const notice = page.getByTestId('paid-after-cancel')
      await expect(notice).toContainText(/Paid after cancel: \$12\.50, sale \d{4}/)
      await expect(page.getByTestId('sale-row')).toHaveAttribute('data-phase', 'paid')
      await snap(page, testInfo, 'paid-after-cancel')
      await page.getByRole('button', { name: 'Till', exact: true }).click()
      await expect(notice).toBeVisible()
      server.control.confirm(invoice.id)
      await notice.getByRole('button', { name: 'Seen' }).click()
      await expect(notice).toHaveCount(0)
      expect(server.control.listInvoices()).toHaveLength(1)
    })
  })
}
