import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_STORE_ID,
  startBtcpayTestServer,
  type TestServer,
} from '../../../e2e/btcpay-test-server'
import { createDispatcher, type SenderInfo } from '../ipc/dispatcher'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import { silentLogger } from '../log/logger'
import { makeTestCore } from '../core/test-core.testutil'
import { API_KEY_ACCOUNT } from './api-key-service'

// The API-key channels through the real core and dispatcher (contract parsing both ways), against
// the BTCPay test server; only the keychain and settings are memory doubles.
const app: SenderInfo = { frameUrl: 'app://cashier/index.html', isTopFrame: true, contentsId: 1 }
let server: TestServer

beforeEach(async () => {
  server = await startBtcpayTestServer()
})
afterEach(async () => {
  await server.close()
})

async function setup(provisionFile: string | null = null) {
  const vault = createMemoryVaultForTests()
  const core = makeTestCore({ vault, provisionFile })
  await core.start()
  const dispatch = createDispatcher({
    handlers: core.handlers,
    isTrustedSender: () => true,
    log: silentLogger,
  })
  return { core, vault, call: (channel: string, input?: unknown) => dispatch(app, channel, input) }
}

describe('api-key channels', () => {
  it('are refused while the manager PIN is set and not entered, reading the view excepted', async () => {
    const { core, call, vault } = await setup()
    expect(await call('manager:set-pin', { pin: '4321' })).toMatchObject({ ok: true })
    expect(await call('manager:lock')).toMatchObject({ ok: true })
    const apiKey = server.control.createApiKey({
      permissions: [`btcpay.store.canviewinvoices:${DEMO_STORE_ID}`],
    }).apiKey
    for (const [channel, input] of [
      ['api-key:authorize', { serverUrl: server.url }],
      ['api-key:paste', { serverUrl: server.url, apiKey }],
      ['api-key:choose-store', { storeId: DEMO_STORE_ID }],
      ['api-key:cancel', undefined],
      ['api-key:remove', undefined],
    ] as const) {
      expect(await call(channel, input), channel).toMatchObject({
        ok: false,
        code: 'manager-locked',
      })
    }
    expect(await call('api-key:get')).toMatchObject({
      ok: true,
      data: { state: { status: 'none' } },
    })
    expect(vault.entries.has(API_KEY_ACCOUNT)).toBe(false)
    await core.stop()
  })

  it('a pasted key comes back as what it allows, never as the key; removing it revokes it', async () => {
    const { core, call, vault } = await setup()
    const apiKey = server.control.createApiKey({
      permissions: [`btcpay.store.canmodifyinvoices:${DEMO_STORE_ID}`],
    }).apiKey
    const pasted = await call('api-key:paste', { serverUrl: server.url, apiKey })
    expect(pasted).toMatchObject({
      ok: true,
      data: { state: { status: 'ready', storeId: DEMO_STORE_ID } },
    })
    expect(JSON.stringify(pasted)).not.toContain(apiKey)
    expect(JSON.stringify(await call('api-key:get'))).not.toContain(apiKey)
    expect(vault.entries.get(API_KEY_ACCOUNT)).toContain(apiKey)
    const removed = await call('api-key:remove')
    expect(removed).toMatchObject({ ok: true, data: { state: { status: 'none' } } })
    const r = await fetch(`${server.url}/api/v1/api-keys/current`, {
      headers: { authorization: `token ${apiKey}` },
    })
    expect(r.status).toBe(401)
    await core.stop()
  })

  it('a pasted key that is not one word is refused by the contract before the core', async () => {
    const { core, call } = await setup()
    expect(
      await call('api-key:paste', { serverUrl: server.url, apiKey: 'two words' }),
    ).toMatchObject({ ok: false, code: 'bad-input' })
    await core.stop()
  })

  it('a provisioning file may carry the key: checked after pairing, kept in the vault', async () => {
    const apiKey = server.control.createApiKey({
      permissions: [`btcpay.store.canviewpaymentrequests:${DEMO_STORE_ID}`],
    }).apiKey
    const file = join(mkdtempSync(join(tmpdir(), 'pos-provision-')), 'provision.json')
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        serverUrl: server.url,
        pairingCode: server.control.createPairingCode().pairingCode,
        terminalLabel: 'Front counter',
        defaultCurrency: 'EUR',
        kiosk: false,
        managerPinHash: null,
        greenfieldApiKey: apiKey,
      }),
    )
    const { core, call, vault } = await setup(file)
    expect(await call('terminal:get-state')).toMatchObject({
      ok: true,
      data: { provisioning: { ok: true }, connection: { status: 'paired' } },
    })
    expect(await call('api-key:get')).toMatchObject({
      ok: true,
      data: { state: { status: 'ready', storeId: DEMO_STORE_ID } },
    })
    expect(vault.entries.get(API_KEY_ACCOUNT)).toContain(apiKey)
    await core.stop()
  })
})
