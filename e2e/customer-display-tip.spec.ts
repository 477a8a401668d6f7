import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { newestInvoice } from './fixtures/cashier'
import { metadataOnServer, posDataOf, tillWithCatalog } from './fixtures/catalog-till'
import { startHostProcess, type HostProcess } from './fixtures/host'

// The customer picks the tip on their own display (the browser host's customer page), the till
// charges it: Chromium → browser host (real core, real keychain) → the BTCPay test server's
// "Tea shop" PoS app (tips 10, 15, 20 %) on loopback.
let server: TestServer
let host: HostProcess
let dataDir: string
let customer: Page

test.beforeEach(async ({ page, context }) => {
  server = await startBtcpayTestServer()
  dataDir = mkdtempSync(join(tmpdir(), 'pos-tip-e2e-'))
  host = await startHostProcess([], { dataDir })
  await page.setViewportSize({ width: 1280, height: 900 })
  await tillWithCatalog(page, host, server, 'legacy')
  customer = await context.newPage()
  await customer.setViewportSize({ width: 1280, height: 800 })
  await customer.goto(host.customerUrl)
  await expect(customer.getByTestId('customer-screen')).toHaveAttribute('data-screen', 'idle')
})

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Green tea twice and a black tea: $9.95, then Charge. */
async function chargeCart(page: Page) {
  await page.getByTestId('item-green-tea').click()
  await page.getByTestId('item-green-tea').click()
  await page.getByTestId('item-black-tea').click()
  await expect(page.getByTestId('cart-total')).toHaveText('Total $9.95')
  await page.getByRole('button', { name: 'Charge $9.95' }).click()
}

/**
 * A customer display is any screen a shop plugs in: every choice is inside the window, untouched
 * by its neighbours, at each size and scheme (screenshots kept as artifacts).
 */
async function everyChoiceInView(choices: Locator, testInfo: TestInfo) {
  const sizes = [
    [800, 480],
    [1920, 1080],
    [390, 844],
  ] as const
  for (const [width, height] of sizes) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await customer.setViewportSize({ width, height })
      await customer.emulateMedia({ colorScheme })
      const boxes = await Promise.all((await choices.all()).map((c) => c.boundingBox()))
      for (const box of boxes) {
        expect(box).not.toBeNull()
        expect(box!.x).toBeGreaterThanOrEqual(0)
        expect(box!.y).toBeGreaterThanOrEqual(0)
        expect(box!.x + box!.width).toBeLessThanOrEqual(width)
        expect(box!.y + box!.height).toBeLessThanOrEqual(height)
        expect(box!.height).toBeGreaterThanOrEqual(48)
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart =
            a!.x + a!.width <= b!.x ||
            b!.x + b!.width <= a!.x ||
            a!.y + a!.height <= b!.y ||
            b!.y + b!.height <= a!.y
          expect(apart).toBe(true)
        }
      }
      await customer.screenshot({
        path: testInfo.outputPath(`customer-tip-${colorScheme}-${width}x${height}.png`),
      })
    }
  }
}

const customerScreen = () => customer.getByTestId('customer-screen')

test('the customer taps a percentage on their display; the till charges it with the tip line', async ({
  page,
}, testInfo) => {
  await chargeCart(page)
  // The question is on the customer's screen, not the cashier's.
  await expect(page.getByTestId('tip-waiting')).toContainText('Waiting for the customer’s tip…')
  await expect(page.getByTestId('tip-step')).toHaveCount(0)
  const tip = customer.getByTestId('customer-tip')
  await expect(tip).toContainText('Do you want to leave a tip?')
  await expect(tip).toContainText('Your total: $9.95')
  const choices = tip.getByRole('button')
  await expect(choices).toHaveText([
    '+$1.00 10%',
    '+$1.49 15%',
    '+$1.99 20%',
    'Other tip',
    'No tip',
  ])
  await everyChoiceInView(choices, testInfo)
  await customer.setViewportSize({ width: 1280, height: 800 })

  await tip.getByRole('button', { name: /\+\$1\.49/ }).click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(customerScreen()).toHaveAttribute('data-screen', 'charge')
  await expect(customer.getByTestId('customer-amount')).toHaveText('$11.44')

  const invoice = await newestInvoice(server)
  expect(invoice.price).toBe('11.44')
  expect(posDataOf(await metadataOnServer(server, invoice.id))).toMatchObject({
    subTotal: '9.95',
    tip: '1.49',
    tipPercentage: 15,
    total: '11.44',
  })
})

test('the customer types a tip of their own on the calculator keypad, within the cap', async ({
  page,
}) => {
  await chargeCart(page)
  await customer.getByRole('button', { name: 'Other tip' }).click()
  const custom = customer.getByTestId('customer-tip-custom')
  const keys = custom.getByRole('group', { name: 'Amount keys' })
  await expect(keys.getByRole('button')).toHaveText([
    '7', '8', '9', '4', '5', '6', '1', '2', '3', '.', '0', '⌫',
  ]) // prettier-ignore
  const add = custom.getByRole('button', { name: 'Add tip' })
  await expect(custom.getByRole('status')).toHaveText('Up to $9.95')
  await expect(custom.getByRole('status')).not.toHaveClass(/error/)
  // More than the subtotal is refused on the customer's screen and cannot be sent.
  for (const key of ['1', '0']) await keys.getByRole('button', { name: key, exact: true }).click()
  await expect(custom.getByTestId('customer-tip-typed')).toHaveText('$10')
  await expect(add).toBeDisabled()
  await expect(custom.getByRole('status')).toHaveText('Up to $9.95')
  await expect(custom.getByRole('status')).toHaveClass(/error/)
  await keys.getByRole('button', { name: 'Delete last digit' }).click()
  await keys.getByRole('button', { name: 'Delete last digit' }).click()
  for (const key of ['2', '.', '5']) {
    await keys
      .getByRole('button', { name: key === '.' ? 'Decimal point' : key, exact: true })
      .click()
  }
  await expect(custom.getByTestId('customer-tip-typed')).toHaveText('$2.5')
  await add.click()

  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  const invoice = await newestInvoice(server)
  expect(invoice.price).toBe('12.45')
  const posData = posDataOf(await metadataOnServer(server, invoice.id)) as Record<string, unknown>
  expect(posData).toMatchObject({ subTotal: '9.95', tip: '2.50', total: '12.45' })
  expect(posData).not.toHaveProperty('tipPercentage')
})

test('the cashier can answer for the customer, give no tip or go back; a late tap is ignored', async ({
  page,
}) => {
  // Back to the cart: the customer's display drops the question, and a tap on it changes nothing.
  await chargeCart(page)
  await expect(customerScreen()).toHaveAttribute('data-screen', 'tip')
  const questionId = await customer.evaluate(
    () =>
      new Promise<string>((resolve) =>
        window.customerDisplay!.onCustomerView(({ data }) => {
          if (data.screen === 'tip') resolve(data.questionId)
        }),
      ),
  )
  await page.getByRole('button', { name: 'Back to the cart' }).click()
  await expect(page.getByTestId('cart-till')).toBeVisible()
  await expect(customerScreen()).toHaveAttribute('data-screen', 'idle')
  await customer.evaluate(
    (id) => window.customerDisplay!.chooseTip({ questionId: id, choice: { kind: 'none' } }),
    questionId,
  )
  await page.waitForTimeout(500)
  await expect(page.getByTestId('cart-till')).toBeVisible()
  expect(server.control.listInvoices()).toHaveLength(0)

  // Choose for the customer: the till's own tip step, and the customer's screen leaves the question.
  await page.getByRole('button', { name: 'Charge $9.95' }).click()
  await expect(customerScreen()).toHaveAttribute('data-screen', 'tip')
  await page.getByRole('button', { name: 'Choose for the customer' }).click()
  await expect(page.getByTestId('tip-step')).toBeVisible()
  await expect(customerScreen()).toHaveAttribute('data-screen', 'idle')
  await page.getByRole('button', { name: 'Back to the cart' }).click()

  // No tip, from the till: charged at the subtotal.
  await page.getByRole('button', { name: 'Charge $9.95' }).click()
  await expect(customerScreen()).toHaveAttribute('data-screen', 'tip')
  await page.getByTestId('tip-waiting').getByRole('button', { name: 'No tip' }).click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  await expect(customer.getByTestId('customer-amount')).toHaveText('$9.95')
  const invoice = await newestInvoice(server)
  expect(invoice.price).toBe('9.95')
})

test('with the customer page closed, the tip step is on the cashier screen as before', async ({
  page,
}) => {
  await customer.close()
  await chargeCart(page)
  const tip = page.getByTestId('tip-step')
  await expect(tip).toContainText('Do you want to leave a tip?')
  await tip.getByRole('button', { name: /20%/ }).click()
  await expect(page.getByTestId('checkout-waiting')).toBeVisible()
  expect((await newestInvoice(server)).price).toBe('11.94')
})
