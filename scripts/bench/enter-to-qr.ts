import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startHostProcess } from '../../e2e/fixtures/host'
import { startServerProcess } from './server-process'
import { median, percentile, type Row } from './stats'

/**
 * Runs in the page (plain JavaScript: this file is compiled without DOM types). The keydown
 * listener is a capturing one on window, so it sees Enter before the app does. The bridge's
 * WebSocket frames (the browser host's window.pos) mark when the charge request left and when its
 * answer came, which splits the wait between the core and the page.
 */
const PROBE = `
  window.enterToQr = []
  let current = null
  addEventListener('keydown', (e) => { if (e.key === 'Enter') current = { enter: e.timeStamp } }, true)
  let chargeId = null
  const send = WebSocket.prototype.send
  WebSocket.prototype.send = function (data) {
    try {
      const frame = JSON.parse(data)
      if (frame.channel === 'sales:charge' && current) { current.sent = performance.now(); chargeId = frame.id }
    } catch {}
    return send.call(this, data)
  }
  const NativeWebSocket = WebSocket
  window.WebSocket = function (...args) {
    const ws = new NativeWebSocket(...args)
    ws.addEventListener('message', (m) => {
      try { if (JSON.parse(m.data).id === chargeId && current) current.answered = performance.now() } catch {}
    })
    return ws
  }
  window.WebSocket.prototype = NativeWebSocket.prototype
  new MutationObserver(() => {
    const img = document.querySelector('img.qr')
    if (current === null || current.answered === undefined || !img) return
    const c = current
    current = null
    c.shown = performance.now()
    img.decode().then(() =>
      requestAnimationFrame(() => setTimeout(() => {
        c.painted = performance.now()
        window.enterToQr.push(c)
      })),
    )
  }).observe(document, { subtree: true, childList: true })
`

/** One charge as the probe saw it, on the page's clock (ms). */
type Marks = { enter: number; sent: number; answered: number; shown: number; painted: number }
/** The page's global as the probe fills it. */
type Probed = { enterToQr: Marks[] }

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
    const marks = (await page.evaluate(() => (globalThis as unknown as Probed).enterToQr)).slice(
      warmup,
    )
    const times = marks.map((m) => m.painted - m.enter)
    const p95 = percentile(times, 95)
    const split = (measure: string, of: (m: Marks) => number): Row => {
      const v = marks.map(of)
      return {
        measure,
        value: `${median(v).toFixed(1)} / ${percentile(v, 95).toFixed(1)} ms`,
        target: '',
        ok: null,
      }
    }
    return [
      {
        measure: `Enter to QR painted, Chromium via the browser host (${times.length} charges), median / p95`,
        value: `${median(times).toFixed(1)} / ${p95.toFixed(1)} ms`,
        target: 'p95 <= 150 ms',
        ok: p95 <= 150,
      },
      split('… Enter to the charge request sent (keypad, store)', (m) => m.sent - m.enter),
      split('… request to answer (bridge, whole charge in the core)', (m) => m.answered - m.sent),
      split('… answer to QR code in the page (React, QR drawn)', (m) => m.shown - m.answered),
      split('… QR code decoded and painted', (m) => m.painted - m.shown),
    ]
  } finally {
    await browser.close()
    await host.stop()
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
