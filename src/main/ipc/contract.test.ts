import { beforeAll, describe, expect, it, vi } from 'vitest'
import { events, requests, type RequestChannel } from '../../shared/ipc/contract'
import { errorCodes } from '../../shared/ipc/result'
import { silentLogger } from '../log/logger'
import { makeTestCore } from '../core/test-core.testutil'
import { createDispatcher } from './dispatcher'

const exposed: Record<string, unknown> = {}
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, data: null }))
const on = vi.fn()
const removeListener = vi.fn()

// The Electron binary cannot run here: the preload is loaded against a stand-in that records what
// it exposes and which channels it calls.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (...args: unknown[]) => on(...args),
    removeListener: (...args: unknown[]) => removeListener(...args),
  },
}))

describe('preload surface', () => {
  beforeAll(async () => {
    await import('../../preload/index')
  })

  it('exposes only window.pos', () => {
    expect(Object.keys(exposed)).toEqual(['pos'])
  })

  it('has exactly one function per contract channel and event', () => {
    const api = exposed.pos as Record<string, unknown>
    const expected = [
      ...Object.values(requests).map((r) => r.method),
      ...Object.values(events).map((e) => e.method),
    ].sort()
    expect(Object.keys(api).sort()).toEqual(expected)
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function')
  })

  it('sends each request on its own channel', async () => {
    const api = exposed.pos as Record<string, (x?: unknown) => Promise<unknown>>
    for (const [channel, spec] of Object.entries(requests)) {
      invoke.mockClear()
      await api[spec.method]?.({ probe: channel })
      expect(invoke).toHaveBeenCalledWith(channel, { probe: channel })
    }
  })

  it('hands listeners the payload only, and unsubscribes the same wrapper', () => {
    const api = exposed.pos as Record<string, (cb: (x: unknown) => void) => () => void>
    for (const [channel, spec] of Object.entries(events)) {
      on.mockClear()
      const listener = vi.fn()
      const off = api[spec.method]!(listener)
      const [registeredChannel, wrapper] = on.mock.calls[0] as [
        string,
        (e: unknown, p: unknown) => void,
      ]
      expect(registeredChannel).toBe(channel)
      wrapper({ sender: 'ipcRenderer-event' }, { version: 1, data: 'x' })
      expect(listener).toHaveBeenCalledWith({ version: 1, data: 'x' })
      off()
      expect(removeListener).toHaveBeenCalledWith(channel, wrapper)
    }
  })
})

describe('handlers', () => {
  it('exist for every contract channel and nothing else', () => {
    expect(Object.keys(makeTestCore().handlers).sort()).toEqual(Object.keys(requests).sort())
  })
})

describe('fuzzing every channel with malformed payloads', () => {
  const nested = (depth: number): unknown => (depth === 0 ? {} : { a: nested(depth - 1) })
  const payloads: unknown[] = [
    null,
    0,
    -1,
    Number.NaN,
    Infinity,
    true,
    'text',
    'x'.repeat(2_000_000),
    [],
    [1, 'two', null],
    { extra: 1 },
    JSON.parse('{"__proto__":{"polluted":true}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    { toString: 'x', valueOf: 1 },
    nested(5000),
    Object.assign(Object.create(null), { evil: 1 }),
    { terminalLabel: 42 },
    { terminalLabel: 'x'.repeat(100_000) },
    { currency: 'usd' },
    { currency: 'XXY' },
    { currency: '$' },
    { returnToKeypadSeconds: 1.5 },
    { returnToKeypadSeconds: '5' },
    { checkoutMode: 'other' },
    { kiosk: 'yes' },
  ]

  const core = makeTestCore()
  const dispatch = createDispatcher({
    handlers: core.handlers,
    isTrustedSender: () => true,
    log: silentLogger,
  })
  const sender = { frameUrl: 'app://cashier/', isTopFrame: true, contentsId: 1 }

  for (const channel of Object.keys(requests) as RequestChannel[]) {
    it(`${channel} answers every malformed payload with a typed error`, async () => {
      for (const [i, payload] of payloads.entries()) {
        const result = await dispatch(sender, channel, payload)
        expect(result.ok, `${channel} accepted payload #${i}`).toBe(false)
        if (!result.ok) {
          expect(errorCodes).toContain(result.code)
          expect(result.code).toBe('bad-input')
          expect(result.message.length).toBeLessThan(1000)
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      // The core still answers afterwards.
      expect((await dispatch(sender, 'app:get-info', undefined)).ok).toBe(true)
    })
  }
})
