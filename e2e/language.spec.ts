import { expect, test } from '@playwright/test'
import { startHostProcess, type HostProcess } from './fixtures/host'

let host: HostProcess
test.beforeEach(async () => {
  host = await startHostProcess()
})
test.afterEach(async () => {
  await host.stop()
})

test.describe('on a German system', () => {
  test.use({ locale: 'de-DE' })

  test('the screens follow the system’s language until the manager picks one, and keep it', async ({
    page,
  }) => {
    await page.goto(host.url)
    await expect(page.getByRole('button', { name: 'Kasse', exact: true })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE')

    await page.getByRole('button', { name: 'Manager', exact: true }).click()
    await page.getByTestId('settings-language').selectOption('fr')
    await page.getByRole('button', { name: 'Einstellungen speichern', exact: true }).click()
    await expect(page.getByTestId('settings-result')).toHaveText('Réglages enregistrés.')
    await expect(page.getByRole('button', { name: 'Caisse', exact: true })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')

    await page.reload()
    await expect(page.getByRole('button', { name: 'Caisse', exact: true })).toBeVisible()
    expect(await page.evaluate(() => window.pos?.getSettings())).toMatchObject({
      data: { language: 'fr' },
    })
  })
})

test('Arabic lays the screens out right to left', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
  await page.getByTestId('settings-language').selectOption('ar')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('settings-result')).toHaveText('تم حفظ الإعدادات.')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')

  // The tabs run from the right: the till's tab stands right of the About tab.
  const till = await page.getByRole('button', { name: 'الصندوق', exact: true }).boundingBox()
  const about = await page.getByRole('button', { name: 'حول', exact: true }).boundingBox()
  expect(till && about && till.x > about.x).toBe(true)
  // Nothing is pushed out of the window sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  )
  await page.screenshot({ path: testInfo.outputPath('manager-ar-rtl.png'), fullPage: true })
})
