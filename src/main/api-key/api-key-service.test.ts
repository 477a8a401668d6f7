import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_STORE_ID, startBtcpayTestServer } from '../../../e2e/btcpay-test-server'
import { GreenfieldClient } from '../btcpay/greenfield-client'
import { serverRig } from '../core/server-rig.testutil'
import { waitFor } from '../core/wait-for.testutil'
import { silentLogger } from '../log/logger'
import { API_KEY_ACCOUNT, createApiKeyService, type ApiKeyService } from './api-key-service'
import { REQUESTED_PERMISSIONS } from './capabilities'

// Against the project's BTCPay test server on loopback (real HTTP, its /api-keys/authorize page
// and Greenfield key routes); only the keychain is a memory double here.
const rig = serverRig('pos-api-key-')
let service: ApiKeyService
let opened: string[]

function make(listenerTimeoutMs = 60_000) {
  opened = []
  return createApiKeyService({
    vault: rig.vault,
    log: silentLogger,
    onChange: () => {},
    openExternal: async (url) => {
      opened.push(url)
      return true
    },
    makeClient: (o) => new GreenfieldClient({ ...o, retry: { limit: 0 }, timeoutMs: 2000 }),
    listener: { timeoutMs: listenerTimeoutMs },
  })
}

/** A page's first form as the browser would post it: hidden fields, checked boxes, first option. */
function formOf(html: string): { action: string; body: URLSearchParams } {
  const unescape = (v: string) =>
    v.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"')
  const body = new URLSearchParams()
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    body.append(m[1] ?? '', unescape(m[2] ?? ''))
  for (const m of html.matchAll(/<input type="checkbox" name="([^"]+)" value="true" checked>/g))
    body.append(m[1] ?? '', 'true')
  for (const m of html.matchAll(
    /<select name="([^"]+)" class="store-choice"><option value="([^"]+)"/g,
  ))
    body.append(m[1] ?? '', m[2] ?? '')
  if (html.includes('name="command" value="authorize"')) body.append('command', 'authorize')
  return { action: unescape(/<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? ''), body }
}

/**
 * What the manager's browser does: open the authorize link, press "Authorize" on BTCPay's consent
 * page, then submit BTCPay's auto-posting form to the terminal's listener.
 */
async function consentInBrowser(authorizeUrl: string): Promise<number> {
  const consent = formOf(await (await fetch(authorizeUrl)).text())
  const redirect = await fetch(new URL(consent.action, authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: consent.body.toString(),
  })
  const post = formOf(await redirect.text())
  const r = await fetch(post.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: post.body.toString(),
  })
  return r.status
}

const keyFor = (permissions: string[]) => rig.server.control.createApiKey({ permissions }).apiKey

beforeEach(async () => {
  service = make()
  await service.load()
})
afterEach(() => service.stop())

describe('API key: authorize in the browser', () => {
  it('builds the authorize link BTCPay expects and opens it in the system browser', async () => {
    const v = await service.authorizeApiKey({ serverUrl: rig.server.url })
    expect(v.state.status).toBe('authorizing')
    const url = new URL(opened[0] ?? '')
    expect(url.origin + url.pathname).toBe(`${rig.server.url}/api-keys/authorize`)
    expect(url.searchParams.getAll('permissions')).toEqual([...REQUESTED_PERMISSIONS])
    expect(url.searchParams.getAll('permissions')).toContain(
      'btcpay.store.cancreatenonapprovedpullpayments',
    )
    // Nothing of the store's settings: reading the catalog needs none, listing apps is not asked for.
    for (const settings of ['canviewstoresettings', 'canmodifystoresettings']) {
      expect(url.searchParams.getAll('permissions')).not.toContain(`btcpay.store.${settings}`)
    }
    expect(url.searchParams.get('selectiveStores')).toBe('true')
    expect(url.searchParams.get('strict')).toBe('true')
    expect(url.searchParams.get('applicationIdentifier')).toBe('btcpay-cashier')
    expect(url.searchParams.get('redirect')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api-key\//)
  })

  it('takes the key BTCPay posts back, checks it, takes the store from its scope, and keeps it in the vault only', async () => {
    const v = await service.authorizeApiKey({ serverUrl: rig.server.url })
    if (v.state.status !== 'authorizing') throw new Error('not authorizing')
    expect(await consentInBrowser(v.state.authorizeUrl)).toBe(200)
    // The consent page scopes every permission to the store the manager picked: no question.
    await waitFor(() => service.getApiKey().state.status === 'ready')
    const ready = service.getApiKey()
    expect(ready.state).toMatchObject({ status: 'ready', storeId: DEMO_STORE_ID })
    if (ready.state.status !== 'ready') return
    expect(ready.state.capabilities.every((c) => c.missing.length === 0)).toBe(true)
    const record = JSON.parse(rig.vault.entries.get(API_KEY_ACCOUNT) ?? '{}') as { apiKey: string }
    expect(record.apiKey).toMatch(/^[0-9a-f]{40}$/)
    expect(JSON.stringify(service.getApiKey())).not.toContain(record.apiKey)
  })

  it('a listener that times out tells the manager and leaves no key', async () => {
    service = make(100)
    await service.authorizeApiKey({ serverUrl: rig.server.url })
    await waitFor(() => service.getApiKey().state.status === 'none')
    expect(service.getApiKey().notice).toMatch(/took too long/)
    expect(rig.vault.entries.size).toBe(0)
  })
})

describe('API key: paste', () => {
  it('a key scoped to one store is kept at once; the view names what it may and may not do', async () => {
    const apiKey = keyFor([
      `btcpay.store.cancreateinvoice:${DEMO_STORE_ID}`,
      `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`,
      `btcpay.store.canmodifypaymentrequests:${DEMO_STORE_ID}`,
    ])
    const v = await service.pasteApiKey({ serverUrl: rig.server.url, apiKey })
    if (v.state.status !== 'ready') throw new Error(`not ready: ${v.state.status}`)
    expect(v.state.storeId).toBe(DEMO_STORE_ID)
    const byWords = Object.fromEntries(v.state.capabilities.map((c) => [c.words, c.missing]))
    expect(byWords['take payment requests']).toEqual([])
    expect(byWords['charge (create and follow invoices)']).toEqual([])
    expect(byWords.refund).toEqual(['btcpay.store.cancreatenonapprovedpullpayments'])
    expect(byWords.void).toEqual(['btcpay.store.canmodifyinvoices'])
    // Any key of the store reads a PoS app (BTCPay's GetPosApp only authenticates).
    expect(byWords['read the catalog']).toEqual([])
  })

  it('a key for two stores asks which one, and refuses a store the key does not cover', async () => {
    const other = rig.server.control.createStore({ name: 'Second shop' }).id
    const apiKey = keyFor([
      `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`,
      `btcpay.store.canviewinvoices:${other}`,
    ])
    const v = await service.pasteApiKey({ serverUrl: rig.server.url, apiKey })
    expect(v.state).toEqual({
      status: 'choose-store',
      serverUrl: rig.server.url,
      stores: [DEMO_STORE_ID, other],
    })
    await expect(service.chooseApiKeyStore({ storeId: 'elsewhere' })).rejects.toMatchObject({
      code: 'bad-input',
    })
    expect((await service.chooseApiKeyStore({ storeId: other })).state).toMatchObject({
      storeId: other,
    })
  })

  it('an unknown key is refused with a message for the manager and nothing is stored', async () => {
    await expect(
      service.pasteApiKey({ serverUrl: rig.server.url, apiKey: 'deadbeefdeadbeefdeadbeef' }),
    ).rejects.toMatchObject({ code: 'unauthorized', message: /did not accept the API key/ })
    expect(rig.vault.entries.size).toBe(0)
  })

  it('survives a restart: the key is read back from the vault', async () => {
    const apiKey = keyFor([`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`])
    await service.pasteApiKey({ serverUrl: rig.server.url, apiKey })
    const again = make()
    await again.load()
    expect(again.getApiKey().state).toMatchObject({ status: 'ready', storeId: DEMO_STORE_ID })
    await expect(again.client()?.listInvoices()).resolves.toEqual([])
  })
})

describe('API key: remove', () => {
  it('revokes the key at BTCPay, then forgets it: the old key gets 401', async () => {
    const apiKey = keyFor([`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`])
    await service.pasteApiKey({ serverUrl: rig.server.url, apiKey })
    const v = await service.removeApiKey()
    expect(v.state.status).toBe('none')
    expect(v.notice).toMatch(/revoked in BTCPay Server and removed/)
    expect(rig.vault.entries.size).toBe(0)
    const r = await fetch(`${rig.server.url}/api/v1/api-keys/current`, {
      headers: { authorization: `token ${apiKey}` },
    })
    expect(r.status).toBe(401)
  })

  it('with the server unreachable it forgets the key and tells the manager to revoke it by hand', async () => {
    const apiKey = keyFor([`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`])
    await service.pasteApiKey({ serverUrl: rig.server.url, apiKey })
    await rig.server.close()
    const v = await service.removeApiKey()
    expect(v.state.status).toBe('none')
    expect(v.notice).toMatch(/could not revoke it.*Revoke it in BTCPay Server yourself/s)
    expect(v.notice).not.toContain(apiKey)
    expect(rig.vault.entries.size).toBe(0)
    rig.server = await startBtcpayTestServer()
  })

  it('a keychain that fails on delete is reported and the key stays', async () => {
    const apiKey = keyFor([`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`])
    await service.pasteApiKey({ serverUrl: rig.server.url, apiKey })
    rig.vault.fail({ ok: false, reason: 'locked', message: 'The keychain is locked.' })
    await expect(service.removeApiKey()).rejects.toMatchObject({ code: 'keychain-unavailable' })
    rig.vault.fail(null)
    expect(rig.vault.entries.size).toBe(1)
  })
})
