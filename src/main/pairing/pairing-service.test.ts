import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBtcpayTestServer, type TestServer } from '../../../e2e/btcpay-test-server'
import { LegacyClient } from '../btcpay/legacy-client'
import {
  createMemoryVaultForTests,
  type MemoryVaultForTests,
} from '../keychain/memory-vault.testutil'
import { silentLogger } from '../log/logger'
import { createSettingsStore } from '../settings/settings-store'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'
import { createPairingService, TOKEN_ACCOUNT } from './pairing-service'
import { waitFor } from '../core/wait-for.testutil'

// Against the project's BTCPay test server on loopback (real HTTP, real BitId verification); only
// the keychain is a memory double here; the real keychain is covered by keytar-vault.test.ts and
// the end-to-end specs.
let server: TestServer
let vault: MemoryVaultForTests
let changes = 0

function makeService(pollIntervalMs = 20) {
  const settings = createSettingsStore(memorySettingsBackend())
  const service = createPairingService({
    vault,
    settings,
    log: silentLogger,
    now: Date.now,
    onChange: () => changes++,
    pollIntervalMs,
    makeClient: (o) => new LegacyClient({ ...o, retry: { limit: 0 }, timeoutMs: 2000 }),
  })
  return { service, settings }
}

beforeEach(async () => {
  server = await startBtcpayTestServer()
  vault = createMemoryVaultForTests()
  changes = 0
})
afterEach(async () => {
  await server.close()
})

describe('pairing with a code made in BTCPay', () => {
  it('pairs, keeps the token in the keychain only, and a signed GET /invoices then works', async () => {
    const { service, settings } = makeService()
    await service.start()
    expect(service.connection().status).toBe('unpaired')
    const { pairingCode } = server.control.createPairingCode()
    await service.pairWithCode({ serverUrl: `${server.url}/`, pairingCode, label: 'Till 3' })
    const c = service.connection()
    expect(c).toMatchObject({ status: 'paired', server: { url: server.url, label: 'Till 3' } })
    const token = await vault.get(TOKEN_ACCOUNT)
    expect(token).toBeTruthy()
    expect(JSON.stringify(settings.get())).not.toContain(token!)
    expect(await service.testConnection()).toMatchObject({ invoicesSeen: 0 })
    expect(changes).toBeGreaterThan(0)
  })

  it('survives a restart: a second service on the same keychain and settings is paired', async () => {
    const settingsBackend = memorySettingsBackend()
    const make = () =>
      createPairingService({
        vault,
        settings: createSettingsStore(settingsBackend),
        log: silentLogger,
        now: Date.now,
        onChange: () => {},
        makeClient: (o) => new LegacyClient(o),
      })
    const first = make()
    await first.start()
    await first.pairWithCode({
      serverUrl: server.url,
      pairingCode: server.control.createPairingCode().pairingCode,
    })
    const second = make()
    await second.start()
    expect(second.connection().status).toBe('paired')
    await expect(second.testConnection()).resolves.toMatchObject({ invoicesSeen: 0 })
  })

  it.each([
    ['an unknown code', async () => 'Zzzzzzz', 'pairing-code-unknown'],
    [
      'a code already used',
      async () => {
        const { pairingCode } = server.control.createPairingCode()
        const other = createMemoryVaultForTests()
        const s = createPairingService({
          vault: other,
          settings: createSettingsStore(memorySettingsBackend()),
          log: silentLogger,
          now: Date.now,
          onChange: () => {},
          makeClient: (o) => new LegacyClient(o),
        })
        await s.start()
        await s.pairWithCode({ serverUrl: server.url, pairingCode })
        return pairingCode
      },
      'pairing-code-unknown',
    ],
    [
      'an expired code',
      async () => {
        const { pairingCode } = server.control.createPairingCode()
        server.control.advanceClock(16 * 60_000)
        return pairingCode
      },
      'pairing-expired',
    ],
  ])('refuses %s with a clear message and stays unpaired', async (_name, makeCode, code) => {
    const { service } = makeService()
    await service.start()
    const pairingCode = await makeCode()
    await expect(
      service.pairWithCode({ serverUrl: server.url, pairingCode }),
    ).rejects.toMatchObject({ code })
    expect(service.connection().status).toBe('unpaired')
    expect(await vault.get(TOKEN_ACCOUNT)).toBeNull()
  })

  it('reports a reused key when this key is already paired to another store', async () => {
    const { service } = makeService()
    await service.start()
    const c = service.connection()
    if (c.status !== 'unpaired') throw new Error('expected unpaired')
    const other = server.control.createStore({ name: 'Other shop' })
    server.control.pairPublicKey({ publicKey: c.identity.publicKeyHex, storeId: other.id })
    const { pairingCode } = server.control.createPairingCode()
    await expect(
      service.pairWithCode({ serverUrl: server.url, pairingCode }),
    ).rejects.toMatchObject({
      code: 'pairing-reused-key',
    })
  })

  it.each([
    ['http://shop.example.com', 'invalid-server-url'],
    ['ftp://127.0.0.1', 'invalid-server-url'],
    ['https://user:pw@shop.example.com', 'invalid-server-url'],
  ])('refuses the server address %s before sending anything', async (serverUrl, code) => {
    const { service } = makeService()
    await service.start()
    await expect(service.pairWithCode({ serverUrl, pairingCode: 'Abcdefg' })).rejects.toMatchObject(
      { code },
    )
  })

  it('explains a server that is down', async () => {
    const { service } = makeService()
    await service.start()
    const url = server.url
    await server.close()
    await expect(
      service.pairWithCode({ serverUrl: url, pairingCode: 'Abcdefg' }),
    ).rejects.toMatchObject({
      code: 'connection-refused',
    })
    server = await startBtcpayTestServer()
  })

  it('explains a rejected signature, and a revoked token afterwards', async () => {
    const { service } = makeService()
    await service.start()
    await service.pairWithCode({
      serverUrl: server.url,
      pairingCode: server.control.createPairingCode().pairingCode,
    })
    server.control.addFault({ kind: 'bad-signature', times: 1 })
    await expect(service.testConnection()).rejects.toMatchObject({ code: 'unauthorized' })
    for (const t of server.control.listTokens()) server.control.revokeToken(t.token)
    await expect(service.testConnection()).rejects.toMatchObject({ code: 'forbidden' })
  })
})

describe('pairing with a code the terminal asks for', () => {
  it('shows the code and approval link, then pairs once the manager approves', async () => {
    const { service } = makeService()
    await service.start()
    await service.requestPairingCode({ serverUrl: server.url, label: 'Till 4' })
    const c = service.connection()
    if (c.status !== 'pairing') throw new Error(`expected pairing, got ${c.status}`)
    expect(c.pairing.pairingCode).toMatch(/^[1-9A-HJ-NP-Za-km-z]{7}$/)
    expect(c.pairing.approvalUrl).toBe(
      `${server.url}/api-access-request?pairingCode=${c.pairing.pairingCode}`,
    )
    expect(c.pairing.expiresAt).toBeGreaterThan(Date.now() + 14 * 60_000)
    server.control.approvePairingCode(c.pairing.pairingCode!)
    await waitFor(() => service.connection().status === 'paired')
    await expect(service.testConnection()).resolves.toBeTruthy()
  })

  it('can be cancelled, and then ignores a late approval', async () => {
    const { service } = makeService()
    await service.start()
    await service.requestPairingCode({ serverUrl: server.url })
    const c = service.connection()
    if (c.status !== 'pairing') throw new Error('expected pairing')
    service.cancelPairing()
    expect(service.connection()).toMatchObject({ status: 'unpaired', notice: 'Pairing cancelled.' })
    server.control.approvePairingCode(c.pairing.pairingCode!)
    await new Promise((r) => setTimeout(r, 100))
    expect(service.connection().status).toBe('unpaired')
  })

  it('keeps polling through a server outage and says so', async () => {
    const { service } = makeService()
    await service.start()
    await service.requestPairingCode({ serverUrl: server.url })
    server.control.addFault({
      kind: 'error',
      status: 502,
      pathPrefix: '/tokens',
      method: 'GET',
      times: 2,
    })
    await waitFor(() => {
      const c = service.connection()
      return c.status === 'pairing' && c.pairing.pollError !== null
    })
    const c = service.connection()
    if (c.status !== 'pairing') throw new Error('expected pairing')
    server.control.approvePairingCode(c.pairing.pairingCode!)
    await waitFor(() => service.connection().status === 'paired')
  })
})

describe('pairing with the public key', () => {
  it('pairs once the key is registered on the server', async () => {
    const { service } = makeService()
    await service.start()
    await service.pairWithPublicKey({ serverUrl: server.url })
    const c = service.connection()
    if (c.status !== 'pairing') throw new Error('expected pairing')
    expect(c.identity.publicKeyHex).toMatch(/^0[23][0-9a-f]{64}$/)
    server.control.pairPublicKey({ publicKey: c.identity.publicKeyHex })
    await waitFor(() => service.connection().status === 'paired')
  })

  it('stops asking when the window closes', async () => {
    let now = Date.now()
    const settings = createSettingsStore(memorySettingsBackend())
    const service = createPairingService({
      vault,
      settings,
      log: silentLogger,
      now: () => now,
      onChange: () => {},
      pollIntervalMs: 10,
      makeClient: (o) => new LegacyClient(o),
    })
    await service.start()
    await service.pairWithPublicKey({ serverUrl: server.url })
    now += 16 * 60_000
    await waitFor(() => service.connection().status === 'unpaired')
    expect(service.connection()).toMatchObject({
      notice: expect.stringMatching(/not approved in time/),
    })
  })
})

describe('unpair and rotate', () => {
  it('unpair forgets token and key; rotate makes a new key; both need pairing again', async () => {
    const { service, settings } = makeService()
    await service.start()
    const before = service.connection()
    await service.pairWithCode({
      serverUrl: server.url,
      pairingCode: server.control.createPairingCode().pairingCode,
    })
    await service.rotateKey()
    const rotated = service.connection()
    expect(rotated.status).toBe('unpaired')
    if (rotated.status !== 'unpaired' || before.status !== 'unpaired')
      throw new Error('expected unpaired')
    expect(rotated.identity.sin).not.toBe(before.identity.sin)
    expect(await vault.get(TOKEN_ACCOUNT)).toBeNull()
    expect(settings.get().pairedServer).toBeNull()
    expect(() => service.client()).toThrow(/not paired/)

    await service.pairWithCode({
      serverUrl: server.url,
      pairingCode: server.control.createPairingCode().pairingCode,
    })
    await service.unpair()
    const after = service.connection()
    if (after.status !== 'unpaired') throw new Error('expected unpaired')
    expect(after.identity.sin).not.toBe(rotated.identity.sin)
    expect(await vault.get(TOKEN_ACCOUNT)).toBeNull()
  })

  it('refuses a second pairing while paired, and a double tap while busy', async () => {
    const { service } = makeService()
    await service.start()
    const code = server.control.createPairingCode().pairingCode
    server.control.addFault({ kind: 'latency', latencyMs: 200, times: 1 })
    const first = service.pairWithCode({ serverUrl: server.url, pairingCode: code })
    await expect(
      service.pairWithCode({ serverUrl: server.url, pairingCode: code }),
    ).rejects.toMatchObject({
      code: 'pairing-in-progress',
    })
    await first
    await expect(
      service.pairWithCode({
        serverUrl: server.url,
        pairingCode: server.control.createPairingCode().pairingCode,
      }),
    ).rejects.toMatchObject({ code: 'already-paired' })
  })
})

describe('keychain problems', () => {
  it('reports an unusable keychain and recovers on retry', async () => {
    vault.fail({ ok: false, reason: 'locked', message: 'Unlock the login keyring.' })
    const { service } = makeService()
    await service.start()
    expect(service.connection()).toEqual({
      status: 'keychain-unavailable',
      reason: 'locked',
      message: 'Unlock the login keyring.',
    })
    await expect(
      service.pairWithCode({ serverUrl: server.url, pairingCode: 'Abcdefg' }),
    ).rejects.toMatchObject({
      code: 'keychain-unavailable',
    })
    vault.fail(null)
    await service.retryKeychain()
    expect(service.connection().status).toBe('unpaired')
  })
})
