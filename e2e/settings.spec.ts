import { expect, test } from '@playwright/test'
import { startHostProcess, type HostProcess } from './fixtures/host'

let host: HostProcess
test.beforeEach(async () => {
  host = await startHostProcess()
})
test.afterEach(async () => {
  await host.stop()
})

test('the manager changes the till settings; a bad value is named and nothing is saved', async ({
  page,
}) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await page.getByLabel('Currency (ISO 4217 code, e.g. EUR)').fill('XYZ')
  await page.getByRole('button', { name: 'Save settings' }).click()
  const currencyError = page.getByTestId('settings-error-currency')
  await expect(currencyError).toHaveText(/^The currency .+\.$/)
  await expect(page.getByLabel('Currency (ISO 4217 code, e.g. EUR)')).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  expect(await page.evaluate(() => window.pos?.getSettings())).toMatchObject({
    data: { currency: 'USD' },
  })

  await page.getByLabel('Currency (ISO 4217 code, e.g. EUR)').fill('JPY')
  await page.getByLabel('Terminal name').fill('Noodle bar')
  await page.getByText("BTCPay's checkout page").click()
  await page.getByLabel('Sound when a payment arrives').uncheck()
  await page.getByLabel('Back to the keypad after a payment (seconds, 0 = stay)').fill('0')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('settings-result')).toHaveText('Settings saved.')
  await expect(page.getByTestId('terminal-label')).toHaveText('Noodle bar')
  expect(await page.evaluate(() => window.pos?.getSettings())).toMatchObject({
    data: { currency: 'JPY', checkoutMode: 'embedded', sound: false, returnToKeypadSeconds: 0 },
  })
})

test('screens follow the system’s light or dark until the manager picks one', async ({ page }) => {
  const background = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('.topbar')!).backgroundColor)
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  const dark = await background()
  await page.emulateMedia({ colorScheme: 'light' })
  const light = await background()
  expect(light).not.toBe(dark)

  // The manager's choice wins over the system's, and is kept.
  await page.getByText('Dark', { exact: true }).click()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('settings-result')).toHaveText('Settings saved.')
  // The colours follow the settings event, which may land just after the answer.
  await expect.poll(background).toBe(dark)
  await page.reload()
  await expect(page.getByTestId('terminal-label')).toBeVisible()
  await expect.poll(background).toBe(dark)
  expect(await page.evaluate(() => window.pos?.getSettings())).toMatchObject({
    data: { theme: 'dark' },
  })
})

test('a setting main refuses is said in a sentence under its field, in view and announced', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 480 })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  const largest = page.getByLabel(/^Largest charge/)
  await largest.fill('')
  await page.getByRole('button', { name: 'Save settings' }).click()
  const error = page.getByTestId('settings-error-maxAmount')
  await expect(error).toHaveText('The largest charge must be a whole number.')
  await expect(error).toHaveAttribute('aria-live', 'assertive')
  await expect(error).toBeInViewport()
  await expect(page.getByTestId('settings-result')).toHaveText(/see the field marked above/)
  await expect(page.getByText(/maxAmount|Invalid input/)).toHaveCount(0)
  // Typing in the field clears its error; a good value saves.
  await largest.fill('250')
  await expect(error).toBeEmpty()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('settings-result')).toHaveText('Settings saved.')
  expect(await page.evaluate(() => window.pos?.getSettings())).toMatchObject({
    data: { maxAmount: 250 },
  })
})
