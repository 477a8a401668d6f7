// Browser checks of the BTCPay test server: the modal checkout's postMessage protocol as seen by an
// embedding page on another origin, and the /api-keys/authorize form POST to a loopback redirect.
import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { DEMO_STORE_ID, startBtcpayTestServer } from './btcpay-test-server'
import type { TestServer } from './btcpay-test-server'

let btcpay: TestServer

test.beforeAll(async () => {
  btcpay = await startBtcpayTestServer()
})
test.afterAll(async () => {
  await btcpay.close()
})

/** A loopback HTTP server (another origin than the test server); returns its base URL. */
async function serve(
  handler: (req: IncomingMessage, body: string) => { status?: number; html: string },
) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const { status = 200, html } = handler(req, Buffer.concat(chunks).toString('utf8'))
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(html)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

async function createInvoice(): Promise<string> {
  const key = btcpay.control.createApiKey({
    permissions: [`btcpay.store.cancreateinvoice:${DEMO_STORE_ID}`],
  })
  const res = await fetch(`${btcpay.url}/api/v1/stores/${DEMO_STORE_ID}/invoices`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `token ${key.apiKey}` },
    body: JSON.stringify({
      amount: '4.20',
      currency: 'USD',
      checkout: { redirectAutomatically: false },
    }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { id: string }).id
}

test('modal checkout posts loaded, status changes and close to its parent', async ({ page }) => {
  const invoiceId = await createInvoice()
  const parent = await serve(() => ({
    html: `<!doctype html><title>POS</title>
<script>
window.__messages = [];
window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
</script>
<iframe name="btcpay" style="width:600px;height:700px" src="${btcpay.url}/i/${invoiceId}?view=modal"></iframe>`,
  }))
  try {
    await page.goto(parent.url)
    const messages = () =>
      page.evaluate(
        () =>
          (window as unknown as { __messages: Array<{ origin: string; data: unknown }> })
            .__messages,
      )
    await expect.poll(async () => (await messages()).map((m) => m.data)).toEqual(['loaded'])
    expect((await messages())[0]!.origin).toBe(btcpay.url)

    btcpay.control.pay(invoiceId)
    await expect
      .poll(async () => (await messages()).map((m) => m.data))
      .toEqual(['loaded', { invoiceId, status: 'Processing' }])

    btcpay.control.confirm(invoiceId)
    await expect
      .poll(async () => (await messages()).map((m) => m.data))
      .toEqual(['loaded', { invoiceId, status: 'Processing' }, { invoiceId, status: 'Settled' }])

    const frame = page.frameLocator('iframe[name="btcpay"]')
    await expect(frame.locator('#status')).toHaveText('Settled')
    await frame.locator('#close').click()
    await expect
      .poll(async () => (await messages()).map((m) => m.data))
      .toEqual([
        'loaded',
        { invoiceId, status: 'Processing' },
        { invoiceId, status: 'Settled' },
        'close',
      ])
  } finally {
    await parent.close()
  }
})

test('/api-keys/authorize: consent, then an auto-submitted urlencoded form POST to the loopback redirect', async ({
  page,
}) => {
  const received: Array<{ method?: string; path?: string; contentType?: string; body: string }> = []
  const callback = await serve((req, body) => {
    if (req.url === '/favicon.ico') return { status: 404, html: '' }
    received.push({
      method: req.method,
      path: req.url,
      contentType: req.headers['content-type'],
      body,
    })
    return { html: '<!doctype html><title>done</title><p id="done">Key received</p>' }
  })
  try {
    const permissions = [
      `btcpay.store.cancreateinvoice:${DEMO_STORE_ID}`,
      `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`,
    ]
    const q = new URLSearchParams([
      ...permissions.map((p): [string, string] => ['permissions', p]),
      ['applicationName', 'Cashier'],
      ['redirect', `${callback.url}/callback`],
    ])
    await page.goto(`${btcpay.url}/api-keys/authorize?${q}`)
    // BTCPay's consent page first: the signed-in merchant authorizes the app.
    await expect(page.locator('#app')).toHaveText('Cashier is requesting access to your account.')
    await page.locator('#authorize').click()
    await expect(page.locator('#done')).toHaveText('Key received')
    expect(page.url()).toBe(`${callback.url}/callback`)
    expect(received).toHaveLength(1)
    const got = received[0]
    expect(got?.path).toBe('/callback')
    expect(got?.method).toBe('POST')
    expect(got?.contentType).toBe('application/x-www-form-urlencoded')
    const form = new URLSearchParams(got?.body ?? '')
    expect([...form.keys()]).toEqual([
      '__RequestVerificationToken',
      'apiKey',
      'userId',
      'permissions[]',
      'permissions[]',
    ])
    expect(form.getAll('permissions[]')).toEqual(permissions)
    const apiKey = form.get('apiKey') ?? ''
    expect(apiKey).toMatch(/^[0-9a-f]{40}$/)
    const current = await fetch(`${btcpay.url}/api/v1/api-keys/current`, {
      headers: { Authorization: `token ${apiKey}` },
    })
    expect(await current.json()).toMatchObject({ label: 'Cashier', permissions })
  } finally {
    await callback.close()
  }
})
