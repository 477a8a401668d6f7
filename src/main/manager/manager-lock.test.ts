import { describe, expect, it } from 'vitest'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import { silentLogger } from '../log/logger'
import { createManagerLock, MANAGER_PIN_ACCOUNT } from './manager-lock'
import { hashPin, verifyPin } from './pin-hash'

describe('PIN hash', () => {
  it('verifies the right PIN only, with a fresh salt each time', async () => {
    const a = await hashPin('2468')
    const b = await hashPin('2468')
    expect(a).not.toBe(b)
    expect(a).not.toContain('2468')
    expect(await verifyPin('2468', a)).toBe(true)
    expect(await verifyPin('2469', a)).toBe(false)
    expect(await verifyPin('2468', 'garbage')).toBe(false)
  })
})

describe('manager lock', () => {
  const setup = async () => {
    let now = 1_000_000
    const vault = createMemoryVaultForTests()
    const lock = createManagerLock({ vault, log: silentLogger, now: () => now, onChange: () => {} })
    await lock.load()
    return { lock, vault, advance: (ms: number) => (now += ms) }
  }

  it('lets everything through while no PIN is set', async () => {
    const { lock } = await setup()
    expect(lock.view()).toEqual({ pinSet: false, unlocked: true })
    expect(() => lock.require()).not.toThrow()
  })

  it('keeps the hash in the keychain and refuses manager actions until the PIN is entered', async () => {
    const { lock, vault, advance } = await setup()
    await lock.setManagerPin('1357')
    expect(await vault.get(MANAGER_PIN_ACCOUNT)).toMatch(/^scrypt\$/)
    lock.lockManager()
    expect(() => lock.require()).toThrow(/manager PIN/)
    await expect(lock.unlockManager('0000')).rejects.toThrow('That PIN is not right.')
    await lock.unlockManager('1357')
    expect(() => lock.require()).not.toThrow()
    advance(11 * 60_000)
    expect(lock.view()).toEqual({ pinSet: true, unlocked: false })
  })

  it('slows down guessing after five wrong PINs', async () => {
    const { lock, advance } = await setup()
    await lock.setManagerPin('1357')
    lock.lockManager()
    for (let i = 0; i < 5; i++) await expect(lock.unlockManager('0000')).rejects.toThrow()
    await expect(lock.unlockManager('1357')).rejects.toThrow(/Try again in 30 seconds/)
    advance(30_000)
    await lock.unlockManager('1357')
    expect(lock.view().unlocked).toBe(true)
  })
})
