import { randomBytes, scryptSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createMemoryVaultForTests,
  type MemoryVaultForTests,
} from '../keychain/memory-vault.testutil'
import { silentLogger } from '../log/logger'
import { createManagerLock, MANAGER_PIN_ACCOUNT } from './manager-lock'
import { hashPin, isWeakerThanCurrent, verifyPin } from './pin-hash'

/** A hash as releases before this one made it (scrypt N = 2^14). */
function oldHash(pin: string): string {
  const salt = randomBytes(16)
  const key = scryptSync(pin, salt, 32, { N: 16384, r: 8, p: 1 })
  return `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`
}

describe('PIN hash', () => {
  it('verifies the right PIN only, with a fresh salt each time, at the raised cost', async () => {
    const a = await hashPin('2468')
    const b = await hashPin('2468')
    expect(a).not.toBe(b)
    expect(a).not.toContain('2468')
    expect(a).toMatch(/^scrypt\$65536\$8\$1\$/)
    expect(isWeakerThanCurrent(a)).toBe(false)
    expect(await verifyPin('2468', a)).toBe(true)
    expect(await verifyPin('2469', a)).toBe(false)
    expect(await verifyPin('2468', 'garbage')).toBe(false)
  })

  it('still reads hashes made at the old cost', async () => {
    const old = oldHash('2468')
    expect(isWeakerThanCurrent(old)).toBe(true)
    expect(await verifyPin('2468', old)).toBe(true)
  })
})

describe('manager lock', () => {
  const setup = async (
    opts: { vault?: MemoryVaultForTests; dir?: string; now?: number; onChange?: () => void } = {},
  ) => {
    let now = opts.now ?? 1_000_000
    const vault = opts.vault ?? createMemoryVaultForTests()
    const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pos-pin-'))
    const lock = createManagerLock({
      vault,
      log: silentLogger,
      now: () => now,
      onChange: opts.onChange ?? (() => {}),
      attemptsFile: join(dir, 'manager-pin-attempts.json'),
    })
    await lock.load()
    return { lock, vault, dir, advance: (ms: number) => (now += ms), at: () => now }
  }
  const withPin = async (pin: string) => {
    const s = await setup()
    await s.lock.setManagerPin(pin)
    s.lock.lockManager()
    return s
  }

  it('lets everything through while no PIN is set', async () => {
    const { lock } = await setup()
    expect(lock.view()).toEqual({ pinSet: false, unlocked: true, pinUnreadable: false })
    expect(() => lock.require()).not.toThrow()
  })

  it('keeps the hash in the keychain and refuses manager actions until the PIN is entered', async () => {
    const { lock, vault, advance } = await withPin('1357')
    expect(await vault.get(MANAGER_PIN_ACCOUNT)).toMatch(/^scrypt\$/)
    expect(() => lock.require()).toThrow(/manager PIN/)
    await expect(lock.unlockManager('0000')).rejects.toThrow('That PIN is not right.')
    await lock.unlockManager('1357')
    expect(() => lock.require()).not.toThrow()
    advance(11 * 60_000)
    expect(lock.view()).toEqual({ pinSet: true, unlocked: false, pinUnreadable: false })
  })

  it('changes or removes a PIN only with the current one, counted like an unlock', async () => {
    const { lock, vault } = await withPin('1357')
    await lock.unlockManager('1357')
    // Unlocked is not enough: a till left open cannot have its PIN taken over.
    await expect(lock.setManagerPin('2468')).rejects.toMatchObject({ field: 'currentPin' })
    await expect(lock.setManagerPin('2468', '0000')).rejects.toMatchObject({
      message: 'That PIN is not right.',
      field: 'currentPin',
    })
    expect(await verifyPin('1357', (await vault.get(MANAGER_PIN_ACCOUNT)) ?? '')).toBe(true)
    await lock.setManagerPin('2468', '1357')
    expect(await verifyPin('2468', (await vault.get(MANAGER_PIN_ACCOUNT)) ?? '')).toBe(true)
    for (let i = 0; i < 4; i++)
      await expect(lock.setManagerPin(null, '1357')).rejects.toThrow('That PIN is not right.')
    // The fifth wrong try in a row starts the wait; the right PIN waits too.
    await expect(lock.setManagerPin(null, '1357')).rejects.toThrow('That PIN is not right.')
    await expect(lock.setManagerPin(null, '2468')).rejects.toThrow(/Try again in 30 seconds/)
    expect(lock.view().pinSet).toBe(true)
  }, 120_000)

  it('removes the PIN with the current one, and then needs none to set a new one', async () => {
    const { lock, vault } = await withPin('1357')
    await lock.setManagerPin(null, '1357')
    expect(await vault.get(MANAGER_PIN_ACCOUNT)).toBeNull()
    expect(lock.view()).toEqual({ pinSet: false, unlocked: true, pinUnreadable: false })
    await lock.setManagerPin('9753')
    expect(lock.view()).toEqual({ pinSet: true, unlocked: true, pinUnreadable: false })
  })

  it('tells the screens the manager is still in after setting a PIN', async () => {
    // What a screen reads each time it is told of a change.
    const seen: boolean[] = []
    let read = () => false
    const { lock } = await setup({ onChange: () => seen.push(read()) })
    read = () => lock.view().unlocked
    seen.length = 0
    await lock.setManagerPin('1357')
    // Every change it was told of: never "locked" on the way.
    expect(seen).toEqual([true])
  })

  it('checks one PIN at a time and refuses the others at once', async () => {
    const { lock } = await withPin('1357')
    const outcomes = await Promise.allSettled(
      ['0000', '0001', '0002', '1357', '0003'].map((p) => lock.unlockManager(p)),
    )
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'unlocked'))
    expect(reasons[0]).toMatch(/not right/)
    expect(reasons.slice(1)).toEqual(Array(4).fill(expect.stringMatching(/being checked/)))
    expect(lock.view().unlocked).toBe(false)
  })

  it('makes each wrong PIN after the fifth wait longer: 30 s, 1 min, 5 min, then 15 min', async () => {
    const { lock, advance } = await withPin('1357')
    for (let i = 0; i < 5; i++)
      await expect(lock.unlockManager('0000')).rejects.toThrow(/not right/)
    for (const seconds of [30, 60, 300, 900, 900]) {
      await expect(lock.unlockManager('1357')).rejects.toThrow(`Try again in ${seconds} seconds`)
      advance(seconds * 1000 - 1)
      await expect(lock.unlockManager('1357')).rejects.toThrow(/Try again in 1 seconds/)
      advance(1)
      await expect(lock.unlockManager('0000')).rejects.toThrow(/not right/)
    }
    advance(15 * 60_000)
    await lock.unlockManager('1357')
    expect(lock.view().unlocked).toBe(true)
  }, 120_000)

  it('keeps the count and the wait across a restart', async () => {
    const first = await withPin('1357')
    for (let i = 0; i < 5; i++) await expect(first.lock.unlockManager('0000')).rejects.toThrow()
    const again = await setup({ vault: first.vault, dir: first.dir, now: first.at() + 1000 })
    await expect(again.lock.unlockManager('1357')).rejects.toThrow(/Try again in 29 seconds/)
  })

  it('counts an unreadable attempts file as the longest wait', async () => {
    const first = await withPin('1357')
    writeFileSync(join(first.dir, 'manager-pin-attempts.json'), '{"failures": "zero"')
    const again = await setup({ vault: first.vault, dir: first.dir })
    await expect(again.lock.unlockManager('1357')).rejects.toThrow(/Try again in 900 seconds/)
  })

  it('replaces an old, cheaper hash after the next good PIN', async () => {
    const vault = createMemoryVaultForTests()
    await vault.set(MANAGER_PIN_ACCOUNT, oldHash('1357'))
    const { lock } = await setup({ vault })
    await lock.unlockManager('1357')
    const stored = (await vault.get(MANAGER_PIN_ACCOUNT)) ?? ''
    expect(stored).toMatch(/^scrypt\$65536\$/)
    expect(await verifyPin('1357', stored)).toBe(true)
  })

  it('stays locked when the keychain cannot be read, and opens once it can', async () => {
    const vault = createMemoryVaultForTests()
    await vault.set(MANAGER_PIN_ACCOUNT, await hashPin('1357'))
    vault.fail({ ok: false, reason: 'locked', message: 'The keyring is locked.' })
    const { lock } = await setup({ vault })
    expect(lock.view()).toEqual({ pinSet: true, unlocked: false, pinUnreadable: true })
    expect(() => lock.require()).toThrow(/cannot be read/)
    await expect(lock.setManagerPin(null)).rejects.toThrow(/cannot be read/)
    await expect(lock.setManagerPin(null, '1357')).rejects.toThrow(/cannot be read/)
    await expect(lock.unlockManager('1357')).rejects.toThrow(/cannot be read/)
    vault.fail(null)
    await lock.load()
    expect(lock.view()).toEqual({ pinSet: true, unlocked: false, pinUnreadable: false })
    await lock.unlockManager('1357')
    expect(lock.view().unlocked).toBe(true)
  })
})
