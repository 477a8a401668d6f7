import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { startHostProcess, type HostProcess } from './fixtures/host'
import { filesContaining, storedPrivateKey } from './fixtures/secrets'

// Every pairing way end to end: Chromium → browser host (real core, real keychain in the test
// session) → the BTCPay test server on loopback.
let server: TestServer
let host: HostProcess
const frames: string[] = []

test.beforeEach(async ({ page }) => {
  server = await startBtcpayTestServer()
  host = await startHostProcess()
  frames.length = 0
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.push(String(f.payload)))
    ws.on('framereceived', (f) => frames.push(String(f.payload)))
  })
})

test.afterEach(async () => {
  // Whatever happened in the test, the private key is in no file, log, setting or IPC frame.
  const key = await storedPrivateKey(host.dataDir)
  if (key) {
    expect(filesContaining(host.dataDir, key)).toEqual([])
    expect(frames.filter((f) => f.includes(key))).toEqual([])
    expect(host.output()).not.toContain(key)
  }
  await host.stop()
  await server.close()
})

async function openManager(page: Page) {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Manager', exact: true }).click()
}

async function expectPaired(page: Page) {
  await expect(page.getByTestId('paired-server')).toHaveText(server.url)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('connection-test')).toHaveText(
    /Connected: the store answered a signed request/,
  )
}

test('pairs with a code made in BTCPay, then a signed GET /invoices succeeds', async ({
  page,
}, testInfo) => {
  const { pairingCode } = server.control.createPairingCode()
  await openManager(page)
  await page.getByLabel('BTCPay Server address').fill(`${server.url}/`)
  await page.getByLabel('Pairing code').fill(pairingCode)
  await page.getByRole('button', { name: 'Pair', exact: true }).click()
  await expectPaired(page)
  await page.screenshot({ path: testInfo.outputPath('paired.png') })
  await page.getByRole('button', { name: 'Till', exact: true }).click()
  // Paired: the Till tab is the keypad, ready to charge.
  await expect(page.getByTestId('keypad-screen')).toBeVisible()
})

test('pairs by asking for a code the manager approves on the server', async ({
  page,
  context,
}, testInfo) => {
  await openManager(page)
  await page.getByRole('tab', { name: 'Ask BTCPay for approval' }).click()
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByRole('button', { name: 'Get a pairing link' }).click()
  const link = page.getByTestId('approval-url')
  await expect(link).toHaveText(
    new RegExp(`^${server.url}/api-access-request\\?pairingCode=[1-9A-HJ-NP-Za-km-z]{7}$`),
  )
  await expect(page.getByTestId('countdown')).toHaveText(/time left 1[45]:\d\d/)
  // The QR code on screen decodes (zbarimg, as a phone camera would) to the approval link.
  const qr = testInfo.outputPath('approval-qr.png')
  await page.getByRole('img', { name: 'Approval link as QR code' }).screenshot({ path: qr })
  expect(execFileSync('zbarimg', ['--raw', '-q', qr], { encoding: 'utf8' }).trim()).toBe(
    await link.textContent(),
  )
  await page.screenshot({ path: testInfo.outputPath('approval.png') })
  // The manager opens the link on another device and approves there.
  const phone = await context.newPage()
  await phone.goto((await link.textContent())!)
  await phone.getByRole('button', { name: 'Approve' }).click()
  await expectPaired(page)
})

test('pairs by the public key pasted into BTCPay', async ({ page }) => {
  await openManager(page)
  await page.getByRole('tab', { name: 'Public key' }).click()
  const key = (await page.getByTestId('public-key').textContent())!
  expect(key).toMatch(/^0[23][0-9a-f]{64}$/)
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByRole('button', { name: 'Wait for approval' }).click()
  await expect(page.getByTestId('pairing-wait')).toBeVisible()
  server.control.pairPublicKey({ publicKey: key })
  await expectPaired(page)
})

test('a cancelled request leaves the terminal unpaired and says so', async ({ page }) => {
  await openManager(page)
  await page.getByRole('tab', { name: 'Ask BTCPay for approval' }).click()
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByRole('button', { name: 'Get a pairing link' }).click()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('pairing-notice')).toHaveText('Pairing cancelled.')
})

for (const [name, prepare, message] of [
  ['an unknown code', async () => 'Zzzzzzz', /pairing code was not found/],
  [
    'an expired code',
    async () => {
      const { pairingCode } = server.control.createPairingCode()
      server.control.advanceClock(16 * 60_000)
      return pairingCode
    },
    /pairing code has expired/,
  ],
  ['a wrong server address', async () => 'Abcdefg', /http:\/\/, which is not encrypted/],
  ['a server that is down', async () => 'Abcdefg', /refused the connection/],
] as const) {
  test(`explains ${name}`, async ({ page }) => {
    const code = await prepare()
    let url = server.url
    if (name === 'a wrong server address') url = 'http://shop.example.com'
    if (name === 'a server that is down') {
      await server.close()
      server = await startBtcpayTestServer()
    }
    await openManager(page)
    await page.getByLabel('BTCPay Server address').fill(url)
    await page.getByLabel('Pairing code').fill(code)
    await page.getByRole('button', { name: 'Pair', exact: true }).click()
    await expect(page.getByTestId('pairing-error')).toHaveText(message)
    // Beside the form, scrolled into view, not below everything else.
    await expect(page.getByTestId('pairing-error')).toBeInViewport()
    await expect(page.getByLabel('Pairing code')).toBeVisible()
  })
}

test('explains a reused key, a rejected signature and a revoked token', async ({ page }) => {
  await openManager(page)
  await page.getByRole('tab', { name: 'Public key' }).click()
  const key = (await page.getByTestId('public-key').textContent())!
  const other = server.control.createStore({ name: 'Other shop' })
  server.control.pairPublicKey({ publicKey: key, storeId: other.id })
  await page.getByRole('tab', { name: 'Code from BTCPay' }).click()
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByLabel('Pairing code').fill(server.control.createPairingCode().pairingCode)
  await page.getByRole('button', { name: 'Pair', exact: true }).click()
  await expect(page.getByTestId('pairing-error')).toHaveText(
    /already paired with a different store/,
  )

  // The other store's pairing is what GET /tokens finds: waiting for approval pairs with it.
  await page.getByRole('tab', { name: 'Public key' }).click()
  await page.getByRole('button', { name: 'Wait for approval' }).click()
  await expect(page.getByTestId('paired-server')).toHaveText(server.url)
  server.control.addFault({ kind: 'bad-signature', times: 1 })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('connection-test')).toHaveText(
    /did not accept this terminal's signature/,
  )
  for (const t of server.control.listTokens()) server.control.revokeToken(t.token)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('connection-test')).toHaveText(
    /not paired with a store, or its access was revoked/,
  )
})

test('unpair and new key both need pairing again, with a new identity', async ({ page }) => {
  await openManager(page)
  await page.getByRole('tab', { name: 'Public key' }).click()
  const first = (await page.getByTestId('public-key').textContent())!
  await page.getByRole('tab', { name: 'Code from BTCPay' }).click()
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByLabel('Pairing code').fill(server.control.createPairingCode().pairingCode)
  await page.getByRole('button', { name: 'Pair', exact: true }).click()
  await expect(page.getByTestId('paired-panel')).toBeVisible()
  await page.getByRole('button', { name: 'New key…' }).click()
  await page.getByRole('button', { name: 'Yes, new key' }).click()
  await expect(page.getByTestId('pairing-notice')).toHaveText(/New key created/)
  await page.getByRole('tab', { name: 'Public key' }).click()
  const second = (await page.getByTestId('public-key').textContent())!
  expect(second).not.toBe(first)
  expect(await storedPrivateKey(host.dataDir)).toBeTruthy()

  await page.getByRole('tab', { name: 'Code from BTCPay' }).click()
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByLabel('Pairing code').fill(server.control.createPairingCode().pairingCode)
  await page.getByRole('button', { name: 'Pair', exact: true }).click()
  await page.getByRole('button', { name: 'Unpair…' }).click()
  await page.getByRole('button', { name: 'Yes, unpair' }).click()
  await expect(page.getByTestId('pairing-notice')).toHaveText(/Unpaired/)
  // Nothing on the manager's screen still claims a pairing.
  await expect(page.getByTestId('paired-panel')).toHaveCount(0)
  await expect(page.getByText(/paired with/i)).toHaveCount(0)
  await page.getByRole('tab', { name: 'Public key' }).click()
  await expect(page.getByTestId('public-key')).not.toHaveText(second)
})

test.describe('offline provisioning', () => {
  test('a file dropped in the data folder pairs with no typing, sets label, currency, kiosk and PIN', async ({
    page,
  }) => {
    await host.stop()
    const { pairingCode } = server.control.createPairingCode()
    const pinHash = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/provisioning-pin-hash.ts', '4321'],
      {
        encoding: 'utf8',
      },
    ).trim()
    const dataDir = mkdtempSync(join(tmpdir(), 'pos-prov-'))
    const file = join(dataDir, 'provision.json')
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        serverUrl: server.url,
        pairingCode,
        terminalLabel: 'Kiosk 7',
        defaultCurrency: 'EUR',
        kiosk: true,
        managerPinHash: pinHash,
      }),
    )
    host = await startHostProcess([], { dataDir })
    await page.goto(host.url)
    await expect(page.getByTestId('terminal-label')).toHaveText('Kiosk 7')
    // Paired: the Till tab is the keypad, ready to charge.
    await expect(page.getByTestId('keypad-screen')).toBeVisible()
    // The pairing code is gone with the file; settings hold no code.
    expect(existsSync(file)).toBe(false)
    expect(filesContaining(dataDir, pairingCode)).toEqual([])
    await page.getByRole('button', { name: 'Manager', exact: true }).click()
    await page.getByLabel('Manager PIN').fill('1111')
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect(page.getByRole('alert')).toHaveText('That PIN is not right.')
    for (const d of '4321') await page.getByRole('button', { name: d, exact: true }).click()
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect(page.getByTestId('provisioning-result')).toHaveText(/Provisioned as "Kiosk 7"/)
    await expect(page.getByTestId('paired-server')).toHaveText(server.url)
  })

  test('a bad file names the field and changes nothing', async ({ page }) => {
    await host.stop()
    const dataDir = mkdtempSync(join(tmpdir(), 'pos-prov-'))
    const file = join(dataDir, 'my-provisioning.json')
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        serverUrl: server.url,
        pairingCode: server.control.createPairingCode().pairingCode,
        terminalLabel: 'Bar',
        defaultCurrency: 'EURO',
        kiosk: false,
        managerPinHash: null,
      }),
    )
    host = await startHostProcess(['--provision', file], { dataDir })
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Manager', exact: true }).click()
    await expect(page.getByTestId('provisioning-result')).toHaveText(/field "defaultCurrency"/)
    await expect(page.getByTestId('terminal-label')).toHaveText('Till 1')
    await expect(page.getByLabel('Pairing code')).toBeVisible()
  })
})

test('without a keychain the manager is told what is wrong, and nothing falls back to a file', async ({
  page,
}) => {
  await host.stop()
  host = await startHostProcess([], {
    env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
  })
  await page.goto(host.url)
  await expect(page.getByTestId('keychain-problem')).toContainText(
    'The system keychain is not available',
  )
  await expect(page.getByTestId('keychain-problem')).toContainText(/Secret Service|keyring/i)
  expect(filesContaining(host.dataDir, 'bitid')).toEqual([])
})

test('an address without https:// is offered with it, next to the field', async ({ page }) => {
  await openManager(page)
  const address = page.getByLabel('BTCPay Server address')
  await address.fill('btcpay.example.com')
  await page.getByLabel('Pairing code').fill('Abcdefg')
  await page.getByRole('button', { name: 'Pair', exact: true }).click()
  await expect(page.getByTestId('scheme-hint')).toHaveText(/starts with https:\/\//)
  await expect(page.getByTestId('scheme-hint')).toBeInViewport()
  await page.getByRole('button', { name: 'Use https://btcpay.example.com' }).click()
  await expect(address).toHaveValue('https://btcpay.example.com')
  await expect(page.getByTestId('scheme-hint')).toHaveCount(0)
})

test('a pairing code of the wrong form is said in a sentence under the code field', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 480 })
  await openManager(page)
  await page.getByLabel('BTCPay Server address').fill(server.url)
  await page.getByLabel('Pairing code').fill('Ab1')
  await page.getByRole('button', { name: 'Pair', exact: true }).click()
  const codeError = page.getByTestId('pairing-error-pairingCode')
  await expect(codeError).toHaveText('The pairing code is the 7 letters and digits BTCPay shows.')
  await expect(codeError).toBeInViewport()
  await expect(codeError).toHaveAttribute('aria-live', 'assertive')
  await expect(page.getByLabel('Pairing code')).toHaveAttribute('aria-invalid', 'true')
  // Not also under the form, and never in zod's words.
  await expect(page.getByTestId('pairing-error')).toHaveText('')
  await expect(page.getByText(/Invalid request|pairingCode:/)).toHaveCount(0)
})
