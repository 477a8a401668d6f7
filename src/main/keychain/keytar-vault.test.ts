import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { KeychainError } from './key-vault'
import type { KeychainStatus } from './key-vault'
import { createKeytarVault } from './keytar-vault'
import type { KeytarApi } from './keytar-vault'

const run = promisify(execFile)
const repoRoot = resolve(import.meta.dirname, '../../..')
const WRAPPER = 'scripts/with-keyring.sh npx vitest run src/main/keychain src/main/identity'

function fakeKeytar(overrides: Partial<KeytarApi> = {}): KeytarApi {
  const store = new Map<string, string>()
  return {
    getPassword: async (s, a) => store.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void store.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => store.delete(`${s}/${a}`),
    ...overrides,
  }
}

describe('keytar vault (fake keytar)', () => {
  it('does not load keytar until it is used', async () => {
    let loads = 0
    const vault = createKeytarVault({
      loadKeytar: async () => {
        loads++
        return fakeKeytar()
      },
    })
    expect(loads).toBe(0)
    await vault.set('a', 'b')
    expect(await vault.get('a')).toBe('b')
    expect(loads).toBe(1)
  })

  it('reports a failed load (no libsecret) as no-secret-service, and retries the load later', async () => {
    let attempt = 0
    const vault = createKeytarVault({
      platform: 'linux',
      loadKeytar: async () => {
        if (attempt++ === 0) throw new Error('libsecret-1.so.0: cannot open shared object file')
        return fakeKeytar()
      },
    })
    const status = await vault.probe()
    expect(status).toEqual({
      ok: false,
      reason: 'no-secret-service',
      message: expect.stringMatching(/GNOME Keyring/),
    })
    expect(await vault.probe()).toEqual({ ok: true })
  })

  it('maps errors of get/set/delete to KeychainError with a code', async () => {
    const vault = createKeytarVault({
      loadKeytar: async () =>
        fakeKeytar({
          setPassword: async () => {
            throw new Error('Cannot create an item in a locked collection')
          },
        }),
    })
    const err = await vault.set('a', 'secret-value').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeychainError)
    expect((err as KeychainError).code).toBe('locked')
    expect((err as KeychainError).message).not.toContain('secret-value')
  })

  it('reports a canary that does not read back as error', async () => {
    const vault = createKeytarVault({
      loadKeytar: async () => fakeKeytar({ getPassword: async () => null }),
    })
    expect(await vault.probe()).toMatchObject({ ok: false, reason: 'error' })
  })

  it('reports a keychain that never answers (unlock prompt pending) as locked', async () => {
    const vault = createKeytarVault({
      probeTimeoutMs: 50,
      loadKeytar: async () => fakeKeytar({ setPassword: () => new Promise(() => {}) }),
    })
    expect(await vault.probe()).toMatchObject({ ok: false, reason: 'locked' })
  })
})

describe('keytar vault without any keychain (child process, no D-Bus, no DISPLAY)', () => {
  it('probe() reports no-secret-service with a message for the manager', async () => {
    const env = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY
    delete env.POS_KEYRING_SESSION
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'probe-child.testutil.ts')],
      { cwd: repoRoot, env, timeout: 30_000 },
    )
    const status = JSON.parse(stdout) as KeychainStatus
    expect(status.ok).toBe(false)
    if (status.ok) return
    expect(status.reason).toBe('no-secret-service')
    if (process.platform === 'linux') {
      expect(status.message).toMatch(/No system keychain is available/)
      expect(status.message).toMatch(/gnome-keyring/)
    }
  })
})

// ---- Against the real keychain (gnome-keyring under scripts/with-keyring.sh) ----

const service = `btcpay-cashier-test-${randomUUID()}`
const realVault = createKeytarVault({ service, probeTimeoutMs: 15_000 })
const realStatus = await realVault.probe()
const inWrapper = process.env.POS_KEYRING_SESSION === '1'
if (!realStatus.ok) {
  console.warn(
    `[keychain] real-keychain tests skipped (${realStatus.reason}). Run them with: ${WRAPPER}`,
  )
}

describe('inside scripts/with-keyring.sh', () => {
  it.runIf(inWrapper)('the scratch keyring is usable', () => {
    expect(realStatus).toEqual({ ok: true })
  })
})

describe.skipIf(!realStatus.ok)('keytar vault on the real keychain', () => {
  afterAll(async () => {
    await realVault.delete('round-trip').catch(() => {})
  })

  it('probe() is ok and leaves no canary behind', async () => {
    expect(await realVault.probe()).toEqual({ ok: true })
    expect(await realVault.get('keychain-probe-canary')).toBeNull()
  })

  it('set / get / replace / delete round trip', async () => {
    expect(await realVault.get('round-trip')).toBeNull()
    await realVault.set('round-trip', 'first ✓')
    expect(await realVault.get('round-trip')).toBe('first ✓')
    await realVault.set('round-trip', 'second')
    expect(await realVault.get('round-trip')).toBe('second')
    // a second vault instance (as after an app restart) sees the same entry
    expect(await createKeytarVault({ service }).get('round-trip')).toBe('second')
    // another service name does not
    expect(await createKeytarVault({ service: `${service}-other` }).get('round-trip')).toBeNull()
    expect(await realVault.delete('round-trip')).toBe(true)
    expect(await realVault.get('round-trip')).toBeNull()
    expect(await realVault.delete('round-trip')).toBe(false)
  })
})
