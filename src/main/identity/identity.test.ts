import { randomUUID } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { KeychainError } from '../keychain/key-vault'
import { createKeytarVault } from '../keychain/keytar-vault'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import type { LogFields, Logger } from '../log/logger'
import { isValidSin } from './bitid'
import {
  DEFAULT_IDENTITY_ACCOUNT,
  IdentityError,
  forgetStoredIdentity,
  loadOrCreateIdentity,
} from './identity'
import { opensslVerify } from './openssl-verify.testutil'

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const rec = (level: string) => (event: string, fields?: LogFields) =>
    void lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`)
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') }
}

describe('identity (memory vault test double)', () => {
  it('creates, stores and reloads the same identity', async () => {
    const vault = createMemoryVaultForTests()
    const a = await loadOrCreateIdentity(vault)
    expect(a.created).toBe(true)
    expect(a.publicKeyHex).toMatch(/^0[23][0-9a-f]{64}$/)
    expect(isValidSin(a.sin)).toBe(true)
    expect(vault.entries.get(DEFAULT_IDENTITY_ACCOUNT)).toMatch(/^[0-9a-f]{64}$/)
    const b = await loadOrCreateIdentity(vault)
    expect(b.created).toBe(false)
    expect(b.sin).toBe(a.sin)
  })

  it('signs url + body so that OpenSSL verifies it', async () => {
    const id = await loadOrCreateIdentity(createMemoryVaultForTests())
    const url = 'https://shop.example.com/btcpay/invoices?token=t'
    const body = '{"itemDesc":"Café ☕"}'
    const h = id.signRequest(url, body)
    expect(h['x-identity']).toBe(id.publicKeyHex)
    expect(opensslVerify(id.publicKeyHex, url + body, h['x-signature'])).toBe(true)
  })

  it('never shows the private key in JSON, inspect, keys or logs', async () => {
    const vault = createMemoryVaultForTests()
    const log = recordingLogger()
    const id = await loadOrCreateIdentity(vault, { log })
    await id.rotate()
    const key = vault.entries.get(DEFAULT_IDENTITY_ACCOUNT) as string
    const views = [
      JSON.stringify(id),
      inspect(id, { showHidden: true, depth: 10, getters: true }),
      JSON.stringify(Object.entries(id)),
      String(id),
      log.lines.join('\n'),
    ]
    for (const v of views) expect(v).not.toContain(key)
    expect(JSON.parse(JSON.stringify(id))).toEqual({ publicKeyHex: id.publicKeyHex, sin: id.sin })
    expect(inspect(id)).toContain(id.sin)
  })

  it('rotate() replaces the key in the vault and changes the SIN', async () => {
    const vault = createMemoryVaultForTests()
    const id = await loadOrCreateIdentity(vault)
    const before = { sin: id.sin, key: vault.entries.get(DEFAULT_IDENTITY_ACCOUNT) }
    await id.rotate()
    expect(id.sin).not.toBe(before.sin)
    expect(vault.entries.get(DEFAULT_IDENTITY_ACCOUNT)).not.toBe(before.key)
    expect((await loadOrCreateIdentity(vault)).sin).toBe(id.sin)
  })

  it('rotate() keeps the old key when the vault write fails', async () => {
    const vault = createMemoryVaultForTests()
    const id = await loadOrCreateIdentity(vault)
    const sin = id.sin
    vault.fail({ ok: false, reason: 'locked', message: 'locked' })
    await expect(id.rotate()).rejects.toBeInstanceOf(KeychainError)
    expect(id.sin).toBe(sin)
    vault.fail(null)
    expect((await loadOrCreateIdentity(vault)).sin).toBe(sin)
  })

  it('forget() removes the key and disables the object', async () => {
    const vault = createMemoryVaultForTests()
    const id = await loadOrCreateIdentity(vault)
    const sin = id.sin
    await id.forget()
    expect(vault.entries.has(DEFAULT_IDENTITY_ACCOUNT)).toBe(false)
    expect(() => id.signRequest('https://x.example/tokens', '')).toThrow(IdentityError)
    expect(() => id.sin).toThrow(/reset/)
    const next = await loadOrCreateIdentity(vault)
    expect(next.created).toBe(true)
    expect(next.sin).not.toBe(sin)
  })

  it('refuses to start on an unusable keychain and creates nothing', async () => {
    const vault = createMemoryVaultForTests()
    vault.fail({ ok: false, reason: 'no-secret-service', message: 'install a keyring' })
    const err = await loadOrCreateIdentity(vault).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeychainError)
    expect((err as KeychainError).code).toBe('no-secret-service')
    expect(vault.entries.size).toBe(0)
  })

  it('does not overwrite a damaged stored key', async () => {
    const vault = createMemoryVaultForTests()
    vault.entries.set(DEFAULT_IDENTITY_ACCOUNT, 'not-a-key')
    const err = await loadOrCreateIdentity(vault).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(IdentityError)
    expect((err as IdentityError).code).toBe('stored-key-invalid')
    expect((err as IdentityError).message).not.toContain('not-a-key')
    expect(vault.entries.get(DEFAULT_IDENTITY_ACCOUNT)).toBe('not-a-key')
    expect(await forgetStoredIdentity(vault)).toBe(true)
    expect((await loadOrCreateIdentity(vault)).created).toBe(true)
  })

  it('fails when the vault accepts a write but reads back nothing', async () => {
    const vault = createMemoryVaultForTests()
    vault.get = async () => null
    await expect(loadOrCreateIdentity(vault)).rejects.toMatchObject({
      code: 'vault-readback-failed',
    })
  })
})

// ---- Against the real keychain (gnome-keyring under scripts/with-keyring.sh) ----

const service = `btcpay-cashier-test-${randomUUID()}`
const probe = await createKeytarVault({ service, probeTimeoutMs: 15_000 }).probe()
if (!probe.ok) {
  console.warn(
    `[identity] real-keychain tests skipped (${probe.reason}). Run them with: ` +
      'scripts/with-keyring.sh npx vitest run src/main/keychain src/main/identity',
  )
}

describe.skipIf(!probe.ok)('identity on the real keychain', () => {
  it('persists across two instances, rotates and forgets', async () => {
    const first = await loadOrCreateIdentity(createKeytarVault({ service }))
    expect(first.created).toBe(true)
    // "restart": a new vault object and a new identity object, same keychain entry
    const second = await loadOrCreateIdentity(createKeytarVault({ service }))
    expect(second.created).toBe(false)
    expect(second.sin).toBe(first.sin)
    expect(second.publicKeyHex).toBe(first.publicKeyHex)

    await second.rotate()
    expect(second.sin).not.toBe(first.sin)
    const third = await loadOrCreateIdentity(createKeytarVault({ service }))
    expect(third.sin).toBe(second.sin)

    await third.forget()
    expect(await createKeytarVault({ service }).get(DEFAULT_IDENTITY_ACCOUNT)).toBeNull()
  })
})
