import { describe, expect, it, vi } from 'vitest'
import { AppError, explained } from '../../shared/ipc/result'
import { say, type Sentence } from '../../shared/ipc/sentence'
import { defaultSettings } from '../../shared/settings'
import type { Logger } from '../log/logger'
import { makeTestCore } from '../core/test-core.testutil'
import { createDispatcher, type Handlers, type SenderInfo } from './dispatcher'

const good: SenderInfo = { frameUrl: 'app://cashier/index.html', isTopFrame: true, contentsId: 1 }
const info = {
  name: 'x',
  version: '1',
  host: 'browser' as const,
  platform: 'linux',
  dataDir: '/d',
  startedAt: 1,
  demo: false,
}

function setup(overrides: Partial<Handlers> = {}) {
  const log: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const handlers: Handlers = {
    ...makeTestCore().handlers,
    'app:get-info': vi.fn(async () => info),
    'settings:get': vi.fn(async () => defaultSettings),
    'settings:update': vi.fn(async (patch) => ({ ...defaultSettings, ...patch })),
    ...overrides,
  }
  const dispatch = createDispatcher({
    handlers,
    isTrustedSender: (s) => s.contentsId === 1 && s.isTopFrame,
    log,
  })
  return { dispatch, handlers, log }
}

describe('dispatcher', () => {
  it('returns the handler result wrapped as ok', async () => {
    const { dispatch } = setup()
    expect(await dispatch(good, 'app:get-info', undefined)).toEqual({ ok: true, data: info })
  })

  it('refuses an untrusted sender before touching the handler', async () => {
    const { dispatch, handlers } = setup()
    const result = await dispatch({ ...good, isTopFrame: false }, 'settings:update', {
      kiosk: true,
    })
    expect(result).toMatchObject({ ok: false, code: 'forbidden-sender' })
    expect(handlers['settings:update']).not.toHaveBeenCalled()
  })

  it('refuses unknown channels, including inherited property names', async () => {
    const { dispatch } = setup()
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await dispatch(good, channel, undefined)).toMatchObject({
        ok: false,
        code: 'unknown-channel',
      })
    }
  })

  it('rejects bad input with the field and a sentence for the manager', async () => {
    const { dispatch, handlers } = setup()
    const result = await dispatch(good, 'settings:update', { returnToKeypadSeconds: -3 })
    expect(result).toEqual({
      ok: false,
      code: 'bad-input',
      field: 'returnToKeypadSeconds',
      message: 'The seconds before the keypad comes back must be at least 0.',
      words: [{ id: 'input.at-least', params: { field: 'returnToKeypadSeconds', value: 0 } }],
    })
    expect(handlers['settings:update']).not.toHaveBeenCalled()
  })

  it('passes an AppError through with its code and message', async () => {
    const { dispatch } = setup({
      'app:get-info': async () => {
        throw new AppError('keychain-unavailable', 'The keychain is locked.')
      },
    })
    expect(await dispatch(good, 'app:get-info', undefined)).toEqual({
      ok: false,
      code: 'keychain-unavailable',
      message: 'The keychain is locked.',
    })
  })

  it('sends an AppError’s sentences for the renderer to word, and only ones in shape', async () => {
    const { dispatch, log } = setup({
      'app:get-info': async () => {
        throw explained('busy', say('sale.charging'), 'A charge is already being sent.')
      },
      'settings:get': async () => {
        throw new AppError('busy', 'Wait.', undefined, undefined, [
          { id: 'no-such-sentence' } as unknown as Sentence,
        ])
      },
    })
    expect(await dispatch(good, 'app:get-info', undefined)).toEqual({
      ok: false,
      code: 'busy',
      message: 'A charge is already being sent.',
      words: [{ id: 'sale.charging' }],
    })
    // A sentence the renderer could not word: the code alone still says what happened.
    expect(await dispatch(good, 'settings:get', undefined)).toEqual({
      ok: false,
      code: 'busy',
      message: 'Wait.',
    })
    expect(log.error).toHaveBeenCalledWith('ipc.bad-fail', expect.anything())
  })

  it('hides the text of unexpected errors from the renderer and logs them', async () => {
    const { dispatch, log } = setup({
      'app:get-info': async () => {
        throw new Error('db password=hunter2 at /secret/path')
      },
    })
    const result = await dispatch(good, 'app:get-info', undefined)
    expect(result).toMatchObject({ ok: false, code: 'internal' })
    expect(JSON.stringify(result)).not.toMatch(/hunter2|secret/)
    expect(log.error).toHaveBeenCalled()
  })

  it('refuses to send a field the contract does not list, such as a leaked secret', async () => {
    const { dispatch } = setup({
      'app:get-info': async () => ({ ...info, privateKey: 'deadbeef' }) as typeof info,
    })
    const result = await dispatch(good, 'app:get-info', undefined)
    expect(result).toMatchObject({ ok: false, code: 'internal' })
    expect(JSON.stringify(result)).not.toContain('deadbeef')
  })
})
