import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '../../shared/ipc/result'
import { makeTestCore } from '../core/test-core.testutil'

// The kiosk's requests through the real core (memory keychain and settings).
describe('core: quit and till focus', () => {
  const cores: ReturnType<typeof makeTestCore>[] = []
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop()
  })
  const start = async (quit?: () => void) => {
    const core = makeTestCore({ quit })
    cores.push(core)
    await core.start()
    return core
  }

  it('app:quit is refused while the manager PIN is set and not entered, and quits once it is', async () => {
    const quit = vi.fn()
    const core = await start(quit)
    await core.handlers['manager:set-pin']({ pin: '2468' })
    await core.handlers['manager:lock'](undefined)
    await expect(core.handlers['app:quit'](undefined)).rejects.toMatchObject({
      code: 'manager-locked',
    })
    await new Promise((r) => setImmediate(r))
    expect(quit).not.toHaveBeenCalled()

    await core.handlers['manager:unlock']({ pin: '2468' })
    await expect(core.handlers['app:quit'](undefined)).resolves.toEqual({ done: true })
    await new Promise((r) => setImmediate(r))
    expect(quit).toHaveBeenCalledOnce()
  })

  it('a host without a way to quit says so instead of pretending', async () => {
    const core = await start()
    await expect(core.handlers['app:quit'](undefined)).rejects.toBeInstanceOf(AppError)
  })

  it('focusing an unknown sale is refused and keeps the focus as it was', async () => {
    const core = await start()
    await expect(core.handlers['till:focus-sale']({ saleId: 'nope' })).rejects.toBeInstanceOf(
      AppError,
    )
    await expect(core.handlers['till:focused-sale'](undefined)).resolves.toBeNull()
  })

  it('the customer feed starts idle with the shop name', async () => {
    const core = await start()
    const seen: unknown[] = []
    core.customerFeed.connect((e) => seen.push(e.data))
    expect(seen).toEqual([{ screen: 'idle', shopName: 'Till 1', language: 'system' }])
  })
})
