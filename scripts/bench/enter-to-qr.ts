import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startHostProcess } from '../../e2e/fixtures/host'
import { startServerProcess } from './server-process'
import { median, percentile, type Row } from './stats'

/**
 * Runs in the page (plain JavaScript: this file is compiled without DOM types). The keydown
 * listener is a capturing one on window, so it sees Enter before the app does.
 */
const PROBE = `
  window.enterToQr = []
  let enterAt = null
  addEventListener('keydown', (e) => { if (e.key === 'Enter') enterAt = e.timeStamp }, true)
  new MutationObserver(() => {
    const img = document.querySelector('img.qr')
    if (enterAt === null || !img) return
    const start = enterAt
    enterAt = null
    img.decode().then(() =>
      requestAnimationFrame(() => setTimeout(() => window.enterToQr.push(performance.now() - start))),
    )
  }).observe(document, { subtree: true, childList: true })
`

/** The page's global as the probe fills it. */
type Probed = { enterToQr: number[] }

/**
 * What the cashier sees: from the Enter key to the QR code painted, in Debian's Chromium through
 * the browser host (the same core in its own Node process, a BTCPay test server in a third).
 * Measured inside the page, on the page's clock: the keydown event's timestamp to the first frame
 * after the QR image is decoded and in the document (requestAnimationFrame, then a task: the
 * frame has been painted by then).
 */
export async function benchEnterToQr(charges = 60): Promise<Row[]> {
  const server = await startServerProcess()
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-qr-'))
  writeFileSync(
    join(dataDir, 'provision.json'),
    JSON.stringify({
      version: 1,
      serverUrl: server.url,
      pairingCode: await server.pairingCode(),
      terminalLabel: 'Bench till',
      defaultCurrency: 'USD',
      kiosk: false,
      managerPinHash: null,
    }),
  )
  const host = await startHostProcess([], { dataDir })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  try {
    const page = await browser.newPage()
    await page.addInitScript({ content: PROBE })
    await page.goto(host.url)
    const warmup = 5
    for (let i = 0; i < warmup + charges; i++) {
      await page.getByTestId('keypad-screen').waitFor()
      await page.keyboard.type('12.50')
      await page.keyboard.press('Enter')
      // Functions, not strings: the app's CSP forbids eval; they run in the page, no closures.
      await page.waitForFunction(
        (n) => (globalThis as unknown as Probed).enterToQr.length >= n,
        i + 1,
      )
      await page.getByTestId('cancel-sale').click()
      // Without a Greenfield key BTCPay cannot void it: the till says the invoice stays payable
      // and keeps that on screen until the cashier has seen it.
      await page.getByTestId('void-notice').getByRole('button', { name: 'Seen' }).click()
    }
    const times = (await page.evaluate(() => (globalThis as unknown as Probed).enterToQr)).slice(
      warmup,
    )
    const p95 = percentile(times, 95)
    return [
      {
        measure: `Enter to QR painted, Chromium via the browser host (${times.length} charges), median / p95`,
        value: `${median(times).toFixed(1)} / ${p95.toFixed(1)} ms`,
        target: 'p95 <= 150 ms',
        ok: p95 <= 150,
      },
    ]
  } finally {
    await browser.close()
    await host.stop()
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
