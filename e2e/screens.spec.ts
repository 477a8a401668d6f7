import { AxeBuilder } from '@axe-core/playwright'
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import {
  chargeByTouch,
  checkoutControls,
  newestInvoice,
  pairThroughUi,
  pasteApiKey,
  updateSettings,
} from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'

// Every screen size a shop has: at each one, what the cashier needs for the step at hand is on
// screen without scrolling and not covered by anything, in light and in dark, and axe finds no
// serious contrast or accessibility violation. Screenshots are kept under test-results/ (CI).
const sizes = [
  { name: 'kiosk-800x480', width: 800, height: 480 },
  { name: 'kiosk-portrait-480x800', width: 480, height: 800 },
  { name: 'laptop-1280x800', width: 1280, height: 800 },
  { name: 'tablet-portrait-800x1280', width: 800, height: 1280 },
  { name: 'desktop-1920x1080', width: 1920, height: 1080 },
  { name: 'portrait-1080x1920', width: 1080, height: 1920 },
  { name: 'phone-390x844', width: 390, height: 844 },
] as const
const schemes = ['light', 'dark'] as const

let server: TestServer
let host: HostProcess

test.afterEach(async () => {
  await host?.stop()
  await server?.close()
})

/** Inside the viewport at scroll 0, and the topmost element at its centre is itself (or inside it). */
async function expectFits(page: Page, control: Locator, what: string) {
  await expect(control, what).toBeVisible()
  const view = page.viewportSize()!
  // Retried briefly: the countdown re-renders every second.
  await expect(async () => {
    const box = await control.boundingBox()
    expect(box, what).not.toBeNull()
    const { x, y, width, height } = box!
    const inside =
      x >= 0 && y >= 0 && x + width <= view.width + 0.5 && y + height <= view.height + 0.5
    expect(inside, `${what} at ${x},${y} ${width}x${height} in ${view.width}x${view.height}`).toBe(
      true,
    )
    const onTop = await control.evaluate((el) => {
      const r = el.getBoundingClientRect()
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
      return hit !== null && (el === hit || el.contains(hit))
    })
    expect(onTop, `${what} is covered by another element`).toBe(true)
  }).toPass({ timeout: 5_000 })
}

/** No scrolling needed: the page is not scrolled and does not scroll. */
async function expectNoScroll(page: Page, what: string) {
  const { scrollY, overflow } = await page.evaluate(() => ({
    scrollY: window.scrollY,
    overflow: document.documentElement.scrollHeight - window.innerHeight,
  }))
  expect(scrollY, what).toBe(0)
  expect(overflow, `${what}: the page is ${overflow}px taller than the window`).toBeLessThanOrEqual(
    1,
  )
}

async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze()
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious, `${what}: axe violations`).toEqual([])
}

/** Each scheme: fits, axe, a screenshot named after size, screen and scheme. */
async function checkScreen(
  page: Page,
  testInfo: TestInfo,
  size: string,
  screen: string,
  controls: Array<[string, Locator]>,
) {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme })
    const what = `${screen} ${size} ${scheme}`
    await expectNoScroll(page, what)
    for (const [name, control] of controls) await expectFits(page, control, `${what}: ${name}`)
    await page.screenshot({ path: testInfo.outputPath(`${size}-${screen}-${scheme}.png`) })
    await expectAccessible(page, what)
  }
}

/** What the cashier needs to type an amount and charge it. */
function keypadControls(page: Page): Array<[string, Locator]> {
  const keys = page.getByRole('group', { name: 'Amount keys' })
  return [
    ['amount', page.getByTestId('amount-display')],
    ['charge', page.getByTestId('charge-button')],
    ...['7', '1', '0', 'Clear'].map((k): [string, Locator] => [
      `key ${k}`,
      keys.getByRole('button', { name: k, exact: true }),
    ]),
    ['decimal key', keys.getByRole('button', { name: 'Decimal point' })],
    ['backspace', keys.getByRole('button', { name: 'Delete last digit' })],
  ]
}

/** A till paired with a fresh test server, in a window of this size. */
async function openTill(page: Page, size: { width: number; height: number }) {
  server = await startBtcpayTestServer()
  host = await startHostProcess()
  await page.setViewportSize({ width: size.width, height: size.height })
  await pairThroughUi(page, host, server)
  await updateSettings(page, { returnToKeypadSeconds: 0, sound: false })
}

for (const size of sizes) {
  test(`fits at ${size.name}, light and dark`, async ({ page }, testInfo) => {
    // Eight axe runs and a sale on a shared machine.
    test.setTimeout(300_000)
    await openTill(page, size)

    // Every tab in view too: none scrolled or wrapped out of sight, on a phone as on a kiosk.
    const nav = page.getByRole('navigation', { name: 'Main' })
    const tabs = ['Till', 'Requests', 'Shift', 'History', 'Manager', 'About']
    await expect(nav.getByRole('button')).toHaveText(tabs)
    await checkScreen(page, testInfo, size.name, 'keypad', [
      ...keypadControls(page),
      ...tabs.map((name): [string, Locator] => [
        `tab ${name}`,
        nav.getByRole('button', { name, exact: true }),
      ]),
    ])

    await chargeByTouch(page, '12.50')
    await expect(page.getByTestId('checkout-waiting')).toBeVisible()
    await expect(page.locator('img.qr')).toBeVisible()
    await checkScreen(page, testInfo, size.name, 'checkout', checkoutControls(page))

    const invoice = await newestInvoice(server)
    server.control.pay(invoice.id, { mode: 'partial' })
    await expect(page.getByTestId('checkout-partial')).toBeVisible()
    await checkScreen(page, testInfo, size.name, 'partial', [
      ['still due', page.getByTestId('btc-due')],
      ['QR code', page.locator('img.qr')],
      ['keep the sale', page.getByTestId('leave-sale')],
    ])
  })
}

// Cancelled sales pile up above every screen until seen; on the smallest screens they must not
// push the keypad or Charge out of the window, closed or opened.
for (const size of sizes.filter((s) => s.width <= 800 && s.height <= 844)) {
  test(`several void notices leave the keypad on screen at ${size.name}`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(300_000)
    await openTill(page, size)
    const cancel = async (amount: string) => {
      await chargeByTouch(page, amount)
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      await page.getByTestId('cancel-sale').click()
      await expect(page.getByTestId('keypad-screen')).toBeVisible()
    }
    // One left payable (no API key yet), then two voided with their slip's Print button.
    await cancel('1.10')
    await pasteApiKey(page, server, ['canmodifyinvoices'])
    await cancel('2.20')
    await cancel('3.30')
    // One bar for all three: the oldest, and a way to the others.
    const notice = page.getByTestId('void-notice')
    await expect(notice).toHaveCount(1)
    await expect(notice).toContainText('stays payable')
    const show = page.getByTestId('show-void-notices')
    await expect(show).toHaveText('Show all 3')
    await checkScreen(page, testInfo, size.name, 'void-notices', [
      ...keypadControls(page),
      ['show notices', show],
      ['seen', notice.getByRole('button', { name: 'Seen' })],
    ])

    // Opened: each in full on a screen of its own, each seen on its own.
    await show.click()
    await expect(notice).toHaveCount(3)
    await expect(notice.nth(1)).toHaveAttribute('data-state', 'voided')
    await expect(notice.nth(2)).toHaveAttribute('data-state', 'voided')
    await checkScreen(page, testInfo, size.name, 'void-notices-open', [
      ['close', page.getByTestId('void-notices').getByRole('button', { name: 'Close' })],
      ['first seen', notice.first().getByRole('button', { name: 'Seen' })],
    ])
    await notice.first().getByRole('button', { name: 'Seen' }).click()
    await expect(notice).toHaveCount(2)
    await page.getByTestId('void-notices').getByRole('button', { name: 'Close' }).click()
    await expect(show).toHaveText('Show all 2')
    await expect(notice).toHaveAttribute('data-state', 'voided')
    await checkScreen(page, testInfo, size.name, 'void-notices-two', keypadControls(page))
    // The last ones seen from the open screen: back to the keypad, no bar left.
    await show.click()
    for (const left of [1, 0]) {
      await notice.first().getByRole('button', { name: 'Seen' }).click()
      await expect(notice).toHaveCount(left)
    }
    await expect(page.getByTestId('void-notices')).toHaveCount(0)
    await expectFits(page, page.getByTestId('charge-button'), `${size.name}: charge after all seen`)
  })
}
