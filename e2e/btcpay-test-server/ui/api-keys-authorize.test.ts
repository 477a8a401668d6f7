// /api-keys/authorize as UIManageController.APIKeys.cs: a consent page for the signed-in merchant,
// then BTCPay's auto-submitting form POST (PostRedirect) to the application's redirect.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../server'
import { DEMO_STORE_ID } from '../core/state'
import { gf, request, withServer } from '../test-helpers'

let server: TestServer
beforeAll(async () => {
  server = await withServer()
})
afterAll(() => server.close())
afterEach(() => server.control.reset())

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

/** The consent form's fields as the browser would post them (checked boxes, first options). */
function formOf(html: string, command: string): URLSearchParams {
  const f = new URLSearchParams()
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    f.append(
      m[1]!,
      m[2]!
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"'),
    )
  for (const m of html.matchAll(/<input type="checkbox" name="([^"]+)" value="true" checked>/g))
    f.append(m[1]!, 'true')
  for (const m of html.matchAll(
    /<select name="([^"]+)" class="store-choice"><option value="([^"]+)"/g,
  ))
    f.append(m[1]!, m[2]!)
  f.append('command', command)
  return f
}

const authorizeUrl = (params: Array<[string, string]>): string =>
  `${server.url}/api-keys/authorize?${new URLSearchParams(params)}`

describe('/api-keys/authorize (UIManageController.AuthorizeAPIKey)', () => {
  it('shows the signed-in merchant what the app asks, in BTCPay’s words, with a store choice and nothing to untick', async () => {
    const second = server.control.createStore({ name: 'Second shop' })
    const page = await request(
      authorizeUrl([
        ['applicationName', 'Cashier'],
        ['permissions', 'btcpay.store.cancreateinvoice'],
        ['permissions', 'btcpay.store.cancreatenonapprovedpullpayments'],
        ['permissions', 'bogus'],
        ['strict', 'true'],
        ['selectiveStores', 'true'],
        ['redirect', 'http://127.0.0.1:9/cb'],
      ]),
    )
    expect(page.status).toBe(200)
    expect(page.text).toContain('Signed in as merchant@example.com')
    expect(page.text).toContain('Cashier is requesting access to your account.')
    expect(page.text).toContain('<strong>Create an invoice</strong>')
    expect(page.text).toContain(
      '<strong>Create non-approved pull payments in selected stores</strong>',
    )
    expect(page.text).not.toContain('bogus')
    // strict: every box checked and disabled; selectiveStores: a store list per store permission.
    expect(page.text.match(/checked disabled/g)).toHaveLength(2)
    expect(page.text.match(/class="store-choice"/g)).toHaveLength(2)
    expect(page.text).toContain(`<option value="${second.id}">Second shop</option>`)

    // A strict form posts no checkbox (disabled): every permission is still granted.
    const f = formOf(page.text, 'authorize')
    f.set('PermissionValues[0].SpecificStores', second.id)
    f.set('PermissionValues[1].SpecificStores', second.id)
    const redirect = await request(`${server.url}/api-keys/authorize`, {
      method: 'POST',
      body: f.toString(),
      headers: FORM,
    })
    expect(redirect.text).toContain('action="http://127.0.0.1:9/cb"')
    expect(redirect.text).toContain('HTMLFormElement.prototype.submit.call(document.forms.item(0))')
    const inputs = [
      ...redirect.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)" \/>/g),
    ].map((m) => [m[1], m[2]])
    expect(inputs.map(([n]) => n)).toEqual([
      '__RequestVerificationToken',
      'apiKey',
      'userId',
      'permissions[]',
      'permissions[]',
    ])
    const granted = [
      `btcpay.store.cancreateinvoice:${second.id}`,
      `btcpay.store.cancreatenonapprovedpullpayments:${second.id}`,
    ]
    expect(inputs.filter(([n]) => n === 'permissions[]').map(([, v]) => v)).toEqual(granted)
    const apiKey = inputs.find(([n]) => n === 'apiKey')![1]!
    const current = await request(`${server.url}/api/v1/api-keys/current`, { headers: gf(apiKey) })
    expect(current.json).toMatchObject({ label: 'Cashier', permissions: granted })
  })

  it('without strict a box left unticked is not granted; Cancel creates nothing; no redirect shows the key', async () => {
    const page = await request(
      authorizeUrl([
        ['permissions', `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`],
        ['permissions', 'btcpay.store.canmodifyinvoices'],
        ['strict', 'false'],
        ['redirect', '/relative'],
      ]),
    )
    expect(page.text).not.toContain('disabled')
    expect(page.text).not.toContain('store-choice')
    const f = formOf(page.text, 'authorize')
    f.delete('PermissionValues[1].Value')
    const shown = await request(`${server.url}/api-keys/authorize`, {
      method: 'POST',
      body: f.toString(),
      headers: FORM,
    })
    const apiKey = /<code id="apiKey">([0-9a-f]{40})<\/code>/.exec(shown.text)?.[1]
    expect(apiKey).toBeDefined()
    const current = await request(`${server.url}/api/v1/api-keys/current`, { headers: gf(apiKey!) })
    expect((current.json as { permissions: string[] }).permissions).toEqual([
      `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`,
    ])
    const before = server.state.apiKeys.size
    const cancelled = await request(`${server.url}/api-keys/authorize`, {
      method: 'POST',
      body: formOf(page.text, 'cancel').toString(),
      headers: FORM,
    })
    expect(cancelled.text).toContain('No key was created.')
    expect(server.state.apiKeys.size).toBe(before)
  })
})
