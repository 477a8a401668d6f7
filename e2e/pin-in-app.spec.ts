import { expect, test, type Locator, type Page } from '@playwright/test'
import { snap, updateSettings } from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'

// The manager PIN set, changed and removed on the manager's screen, in the browser host (real
// core, real keychain of the test session).
let host: HostProcess
test.beforeEach(async ({ page }) => {
  host = await startHostProcess()
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
})
test.afterEach(async () => {
  await host.stop()
})

const panel = (page: Page) => page.getByTestId('pin-panel')
const keys = (page: Page) => page.getByRole('group', { name: 'PIN keys' })
const pinState = (page: Page) =>
  page.evaluate(async () => {
    const r = await window.pos!.getTerminalState()
    return r.ok ? r.data.manager : null
  })

/** Taps a PIN on the pad's keys, then the pad's submit button. */
async function tapPin(page: Page, pin: string, submit: string) {
  for (const digit of pin)
    await keys(page).getByRole('button', { name: digit, exact: true }).click()
  await page.getByRole('button', { name: submit, exact: true }).click()
}

/** Types a PIN on the keyboard, then Enter. */
async function typePin(page: Page, pin: string) {
  await page.keyboard.type(pin)
  await page.keyboard.press('Enter')
}

test('first run asks for a PIN once and says plainly what skipping means', async ({ page }) => {
  await expect(panel(page)).toContainText('Set a manager PIN?')
  await expect(page.getByTestId('pin-status')).toHaveText(
    'Without a PIN anyone at the till can open Manager.',
  )
  await page.getByTestId('pin-skip').click()
  await expect(panel(page)).toContainText('Manager PIN')
  await expect(page.getByTestId('pin-skip')).toHaveCount(0)
  // Still said, and the question does not come back after a reload.
  await expect(page.getByTestId('pin-status')).toHaveText(
    'Without a PIN anyone at the till can open Manager.',
  )
  await page.reload()
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await expect(panel(page)).toBeVisible()
  await expect(page.getByTestId('pin-skip')).toHaveCount(0)
  expect(await pinState(page)).toMatchObject({ pinSet: false })
})

test('set by touch, change (a wrong current PIN refused), remove, by keyboard', async ({
  page,
}, testInfo) => {
  // Set, by touch: ⌫ takes back a digit; the two entries must match.
  await panel(page).getByRole('button', { name: 'Set a PIN' }).click()
  await expect(page.getByTestId('pin-new')).toBeVisible()
  await keys(page).getByRole('button', { name: '9', exact: true }).click()
  await keys(page).getByRole('button', { name: 'Delete last digit' }).click()
  await tapPin(page, '1357', 'Next')
  await expect(page.getByTestId('pin-repeat')).toBeVisible()
  await tapPin(page, '1358', 'Next')
  await expect(page.getByTestId('pin-new-error')).toHaveText(
    'The two PINs were not the same. Choose the PIN again.',
  )
  await expect(page.getByTestId('pin-new-error')).toHaveAttribute('role', 'alert')
  await tapPin(page, '12', 'Next')
  await expect(page.getByTestId('pin-new-error')).toHaveText('A PIN has 4 to 12 digits.')
  await tapPin(page, '1357', 'Next')
  await tapPin(page, '1357', 'Next')
  await expect(page.getByTestId('pin-done')).toContainText('PIN set')
  expect(await pinState(page)).toMatchObject({ pinSet: true, unlocked: true })
  await page.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByTestId('pin-status')).toHaveText(/^A PIN protects/)
  await snap(page, testInfo, 'pin-set')

  // Locked, the manager screen asks for it.
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(page.getByTestId('pin-prompt')).toBeVisible()
  await typePin(page, '0000')
  await expect(page.getByRole('alert')).toHaveText('That PIN is not right.')
  await typePin(page, '1357')
  await expect(panel(page)).toBeVisible()

  // Change, by keyboard: a wrong current PIN is refused by main, and nothing changes.
  await panel(page).getByRole('button', { name: 'Change PIN' }).click()
  await expect(page.getByTestId('pin-current')).toBeVisible()
  await typePin(page, '0000')
  await typePin(page, '2468')
  await typePin(page, '2468')
  await expect(page.getByTestId('pin-current')).toBeVisible()
  await expect(page.getByTestId('pin-current-error')).toHaveText('That PIN is not right.')
  await snap(page, testInfo, 'pin-change-refused')
  await typePin(page, '1357')
  await typePin(page, '2468')
  await typePin(page, '2468')
  await expect(page.getByTestId('pin-done')).toContainText('PIN changed')
  await page.keyboard.press('Enter')
  await expect(panel(page)).toBeVisible()
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  // Typed only once the prompt is there: keys pressed before it would go nowhere.
  await expect(page.getByTestId('pin-prompt')).toBeVisible()
  await typePin(page, '1357')
  await expect(page.getByRole('alert')).toHaveText('That PIN is not right.')
  await typePin(page, '2468')
  await expect(panel(page)).toBeVisible()

  // Remove: the current PIN again, then Manager is open to all and says so.
  await panel(page).getByRole('button', { name: 'Remove PIN' }).click()
  await tapPin(page, '2468', 'Remove the PIN')
  await expect(page.getByTestId('pin-done')).toContainText('PIN removed')
  expect(await pinState(page)).toMatchObject({ pinSet: false, unlocked: true })
  await page.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByTestId('pin-status')).toHaveText(
    'Without a PIN anyone at the till can open Manager.',
  )
  // Asked and answered: no first-run question after a PIN was set once.
  await expect(page.getByTestId('pin-skip')).toHaveCount(0)
})

test('kiosk mode without a PIN says so on the manager screen', async ({ page }) => {
  await updateSettings(page, { kiosk: true })
  await expect(page.getByTestId('pin-status')).toHaveText(
    'Kiosk mode is on, but no manager PIN is set: anyone at the till can open Manager and turn kiosk mode off.',
  )
  await expect(page.getByTestId('pin-status')).toHaveAttribute('role', 'alert')
})

/** The buttons whose label is cut or spills out, and the ones outside the window. */
async function misfits(page: Page, where: Locator) {
  return where.locator('button').evaluateAll((buttons) =>
    buttons
      .filter((b) => {
        const r = b.getBoundingClientRect()
        const spills = b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1
        const outside = r.left < 0 || r.right > window.innerWidth
        return spills || outside
      })
      .map((b) => b.textContent),
  )
}

for (const [width, height] of [
  [800, 480],
  [390, 844],
] as const) {
  test(`the PIN pad is the till's calculator layout and its labels fit at ${width}x${height}`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height })
    for (const language of ['en', 'de'] as const) {
      await updateSettings(page, { language })
      await expect(panel(page)).toBeVisible()
      expect(await misfits(page, panel(page))).toEqual([])
      await panel(page).locator('button').first().click()
      const pad = page.getByTestId('pin-new')
      await expect(pad).toBeVisible()
      const labels = await pad.locator('.keys button').allTextContents()
      expect(labels).toEqual(['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '⌫'])
      // 0 sits below 1, as on the till's keypad.
      const top = async (label: string) =>
        (await pad.locator('.keys button', { hasText: label }).first().boundingBox())!.y
      expect(await top('0')).toBeGreaterThan(await top('1'))
      expect(await top('1')).toBeGreaterThan(await top('7'))
      expect(await misfits(page, pad)).toEqual([])
      await snap(page, testInfo, `pin-pad-${language}-${width}x${height}`)
      await pad.locator('button').last().click()
    }
  })
}
