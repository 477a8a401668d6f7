import { AxeBuilder } from '@axe-core/playwright'
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import {
  chargeByTouch,
  checkoutControls,
  newestInvoice,
  pairThroughUi,
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

for (const size of sizes) {
  test(`fits at ${size.name}, light and dark`, async ({ page }, testInfo) => {
    // Eight axe runs and a sale on a shared machine.
    test.setTimeout(300_000)
    server = await startBtcpayTestServer()
    host = await startHostProcess()
    await page.setViewportSize({ width: size.width, height: size.height })
    await pairThroughUi(page, host, server)
    await updateSettings(page, { returnToKeypadSeconds: 0, sound: false })

    const keys = page.getByRole('group', { name: 'Amount keys' })
    await checkScreen(page, testInfo, size.name, 'keypad', [
      ['amount', page.getByTestId('amount-display')],
      ['charge', page.getByTestId('charge-button')],
      ...['7', '1', '0', 'Clear'].map((k): [string, Locator] => [
        `key ${k}`,
        keys.getByRole('button', { name: k, exact: true }),
      ]),
      ['decimal key', keys.getByRole('button', { name: 'Decimal point' })],
      ['backspace', keys.getByRole('button', { name: 'Delete last digit' })],
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
