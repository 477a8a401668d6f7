import { expect, test } from '@playwright/test'
import WebSocket from 'ws'
import { startHostProcess, type HostProcess } from './fixtures/host'

let host: HostProcess

test.beforeAll(async () => {
  host = await startHostProcess()
})
test.afterAll(async () => {
  await host?.stop()
})

test('about panel answers over a real IPC round trip, with no CSP violations', async ({
  page,
}, testInfo) => {
  const violations: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') violations.push(msg.text())
  })
  await page.goto(host.url)
  await expect(page.getByTestId('terminal-label')).toHaveText('Till 1')
  await page.getByRole('button', { name: 'About', exact: true }).click()
  await expect(page.getByTestId('host-kind')).toHaveText('Browser host')
  await expect(page.getByTestId('app-info')).toContainText(host.dataDir)
  await page.getByRole('button', { name: 'Check connection' }).click()
  await expect(page.getByTestId('connection-status')).toHaveText(/Terminal core answered in \d+ ms/)
  await page.screenshot({ path: testInfo.outputPath('about.png'), fullPage: true })
  await testInfo.attach('about', {
    path: testInfo.outputPath('about.png'),
    contentType: 'image/png',
  })
  expect(violations).toEqual([])
})

test('a settings change made in main is pushed to the page as an event', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.getByTestId('terminal-label')).toHaveText('Till 1')
  const result = await page.evaluate(() =>
    window.pos?.updateSettings({ terminalLabel: 'Front counter' }),
  )
  expect(result).toMatchObject({ ok: true, data: { terminalLabel: 'Front counter' } })
  await expect(page.getByTestId('terminal-label')).toHaveText('Front counter')
  // A second page opened later reads the persisted value.
  const other = await page.context().newPage()
  await other.goto(host.url)
  await expect(other.getByTestId('terminal-label')).toHaveText('Front counter')
  await page.evaluate(() => window.pos?.updateSettings({ terminalLabel: 'Till 1' }))
})

test('malformed input gets a typed error, never a crash', async ({ page }) => {
  await page.goto(host.url)
  const results = await page.evaluate(async () => {
    const api = window.pos as unknown as Record<string, (x?: unknown) => Promise<unknown>>
    return Promise.all([
      api.updateSettings?.({ currency: 'XYZ1' }),
      api.updateSettings?.({ terminalLabel: 'x'.repeat(100_000) }),
      api.updateSettings?.({ surprise: true }),
      api.getAppInfo?.({ unexpected: 1 }),
    ])
  })
  for (const r of results) expect(r).toMatchObject({ ok: false, code: 'bad-input' })
  const info = await page.evaluate(() => window.pos?.getAppInfo())
  expect(info).toMatchObject({ ok: true, data: { host: 'browser' } })
})

test('the bridge refuses sockets without the run token or from another origin', async () => {
  const wsUrl = host.origin.replace('http', 'ws') + '/bridge'
  const token = new URL(host.url).hash.slice('#token='.length)
  const attempt = (url: string, origin: string) =>
    new Promise<string>((done) => {
      const ws = new WebSocket(url, { origin })
      ws.on('open', () => {
        ws.close()
        done('open')
      })
      ws.on('unexpected-response', (_req, res) => done(`refused ${res.statusCode}`))
      ws.on('error', () => done('error'))
    })
  expect(await attempt(wsUrl, host.origin)).toBe('refused 401')
  expect(await attempt(`${wsUrl}?token=wrong${token}`, host.origin)).toBe('refused 401')
  expect(await attempt(`${wsUrl}?token=${token}`, 'http://evil.example')).toBe('refused 401')
  expect(await attempt(`${wsUrl}?token=${token}`, host.origin)).toBe('open')
})
