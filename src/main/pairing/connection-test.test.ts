import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_STORE_ID,
  startBtcpayTestServer,
  type TestServer,
} from '../../../e2e/btcpay-test-server'
import { GreenfieldClient } from '../btcpay/greenfield-client'
import { LegacyClient } from '../btcpay/legacy-client'
import { makeTestCore } from '../core/test-core.testutil'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'

// "Test connection" through the core against the BTCPay test server over real HTTP: the pairing's
// signed legacy call and the Greenfield API key, each reported on its own. Only the keychain is a
// memory double.
let server: TestServer
let core: ReturnType<typeof makeTestCore>

const CHARGE = ['cancreateinvoice', 'canviewinvoices']

async function pasteKey(policies: string[]): Promise<string> {
  const { apiKey } = server.control.createApiKey({
    permissions: policies.map((p) => `btcpay.store.${p}:${DEMO_STORE_ID}`),
  })
  await core.handlers['api-key:paste']({ serverUrl: server.url, apiKey })
  return apiKey
}

const test = () => core.handlers['pairing:test-connection'](undefined)

beforeEach(async () => {
  server = await startBtcpayTestServer()
  core = makeTestCore({
    dataDir: mkdtempSync(join(tmpdir(), 'pos-connection-test-')),
    vault: createMemoryVaultForTests(),
    settingsBackend: memorySettingsBackend(),
    makeClient: (o) => new LegacyClient({ ...o, timeoutMs: 5000, retry: { limit: 0 } }),
    makeApiKeyClient: (o) => new GreenfieldClient({ ...o, timeoutMs: 5000, retry: { limit: 0 } }),
  })
  await core.start()
  await core.pairing.pairWithCode({
    serverUrl: server.url,
    pairingCode: server.control.createPairingCode().pairingCode,
  })
})
afterEach(async () => {
  await core.stop()
  await server.close()
})

describe('Test connection', () => {
  it('a paired till without an API key checks the legacy API only', async () => {
    const result = await test()
    expect(result.legacy).toMatchObject({ ok: true, invoicesSeen: 0 })
    expect(result.greenfield).toBeNull()
  })

  it('with a key that may charge, says it works for its store and what it may not do', async () => {
    await pasteKey(CHARGE)
    await core.handlers['settings:update']({ chargeVia: 'greenfield' })
    const { legacy, greenfield } = await test()
    expect(legacy.ok).toBe(true)
    expect(greenfield).toMatchObject({ ok: true, storeId: DEMO_STORE_ID })
    if (!greenfield?.ok) throw new Error('unreachable')
    // Reading a PoS app needs no permission of its own (BTCPay 2.0.5+), so any key of the store may.
    expect(greenfield.allowed).toEqual(['charge', 'catalog'])
    expect(greenfield.notAllowed).toEqual(expect.arrayContaining(['refund', 'void']))
  })

  it('a key revoked in BTCPay fails on its own; the legacy API still works', async () => {
    const apiKey = await pasteKey(CHARGE)
    // Someone revokes the key in BTCPay (Account › API Keys).
    await new GreenfieldClient({ baseUrl: server.url, apiKey, storeId: null }).revokeCurrentApiKey()
    const { legacy, greenfield } = await test()
    expect(legacy.ok).toBe(true)
    expect(greenfield).toMatchObject({ ok: false, storeId: DEMO_STORE_ID })
    expect(greenfield?.ok === false && greenfield.message).toMatch(/\S/)
    // What the till words: BTCPay refused the key, not the BitId signature.
    expect(greenfield?.ok === false && greenfield.words).toEqual([{ id: 'server.api-key-refused' }])
  })

  it('a revoked pairing fails on its own; the API key still works', async () => {
    await pasteKey(CHARGE)
    for (const t of server.control.listTokens()) server.control.revokeToken(t.token)
    const { legacy, greenfield } = await test()
    expect(legacy).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not paired with a store, or its access was revoked/),
      words: [{ id: 'failed', params: { code: 'forbidden' } }],
    })
    expect(greenfield?.ok).toBe(true)
  })

  it('sends no key over IPC: the answer carries neither the API key nor the pairing token', async () => {
    const apiKey = await pasteKey(CHARGE)
    const text = JSON.stringify(await test())
    expect(text).not.toContain(apiKey)
    for (const t of server.control.listTokens()) expect(text).not.toContain(t.token)
  })
})
