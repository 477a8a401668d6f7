import { describe, expect, it } from 'vitest'
import { say } from '../../../shared/ipc/sentence'
import type { TerminalState } from '../../../shared/terminal-state'
import { deferred, fail, fakePosApi, ok } from './fake-pos-api.testutil'
import { createTerminalStore } from './terminal-store'

const state = (unlocked: boolean): TerminalState => ({
  connection: { status: 'starting' },
  manager: { pinSet: true, unlocked, pinUnreadable: false },
  provisioning: null,
})

describe('terminal store: manager actions by their contract name', () => {
  it('calls main by name with the input, and takes the state it answers', async () => {
    const fake = fakePosApi()
    const store = createTerminalStore(fake.api)
    fake.on('unlockManager', () => ok(state(true)))
    expect(await store.getState().run('unlockManager', { pin: '4321' })).toBe(true)
    expect(fake.calls).toEqual([{ method: 'unlockManager', input: { pin: '4321' } }])
    expect(store.getState()).toMatchObject({ state: state(true), busy: false, error: null })
  })

  it('a refused action keeps the state and shows main’s message', async () => {
    const fake = fakePosApi()
    const store = createTerminalStore(fake.api)
    fake.on('unlockManager', () => fail('Wrong PIN.', [say('manager.wrong-pin')]))
    expect(await store.getState().run('unlockManager', { pin: '0000' })).toBe(false)
    expect(store.getState()).toMatchObject({ state: null, error: 'That PIN is not right.' })
  })

  it('refuses a second action while one is in flight', async () => {
    const fake = fakePosApi()
    const store = createTerminalStore(fake.api)
    const answer = deferred<ReturnType<typeof ok<TerminalState>>>()
    fake.on('unpair', () => answer.promise)
    const first = store.getState().run('unpair')
    expect(await store.getState().run('rotateKey')).toBe(false)
    answer.resolve(ok(state(false)))
    expect(await first).toBe(true)
    expect(fake.calls.map((c) => c.method)).toEqual(['unpair'])
  })
})
