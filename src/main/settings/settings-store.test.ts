import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../shared/settings'
import { createSettingsStore, settingsBackendOptions, type SettingsBackend } from './settings-store'

const open = (cwd: string) =>
  new Conf({
    cwd,
    projectName: 'btcpay-cashier-test',
    ...settingsBackendOptions(),
  }) as unknown as SettingsBackend

describe('settings store on conf', () => {
  it('starts from defaults and persists updates across restarts', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pos-settings-'))
    const first = createSettingsStore(open(cwd))
    expect(first.get()).toEqual(defaultSettings)
    first.update({ currency: 'JPY', terminalLabel: 'Bar' })
    const second = createSettingsStore(open(cwd))
    expect(second.get()).toMatchObject({
      currency: 'JPY',
      terminalLabel: 'Bar',
      checkoutMode: 'native',
    })
    expect(JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8'))).toMatchObject({
      currency: 'JPY',
    })
  })

  it('rejects an invalid change with a message naming the field and keeps the old value', () => {
    const store = createSettingsStore(open(mkdtempSync(join(tmpdir(), 'pos-settings-'))))
    expect(() => store.update({ currency: 'ABC' })).toThrow(/currency/)
    expect(() => store.update({ returnToKeypadSeconds: 999 })).toThrow(
      expect.objectContaining({
        field: 'returnToKeypadSeconds',
        message: 'The seconds before the keypad comes back can be at most 120.',
      }),
    )
    expect(store.get().currency).toBe('USD')
    expect(() => store.update({ tipPercentages: [10, 101] })).toThrow(
      expect.objectContaining({ field: 'tipPercentages' }),
    )
    expect(store.get().tipPercentages).toEqual([15, 18, 20])
    store.update({ tipPercentages: [5, 10] })
    expect(store.get().tipPercentages).toEqual([5, 10])
  })

  it('Bill later defaults: a month, parts allowed, no title; kept, and a bad one named on its field', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pos-settings-'))
    const store = createSettingsStore(open(cwd))
    expect(store.get()).toMatchObject({
      billLaterTitle: '',
      billLaterExpiryDays: 30,
      billLaterAllowPartial: true,
    })
    store.update({ billLaterTitle: 'Catering', billLaterExpiryDays: null })
    expect(() => store.update({ billLaterExpiryDays: 0 })).toThrow(
      expect.objectContaining({
        field: 'billLaterExpiryDays',
        message: 'The days a bill stays payable must be at least 1.',
      }),
    )
    expect(() => store.update({ billLaterExpiryDays: Number.NaN })).toThrow(
      expect.objectContaining({ field: 'billLaterExpiryDays' }),
    )
    expect(() => store.update({ billLaterTitle: 'x'.repeat(201) })).toThrow(
      expect.objectContaining({
        field: 'billLaterTitle',
        message: 'The title of a bill can have at most 200 characters.',
      }),
    )
    expect(createSettingsStore(open(cwd)).get()).toMatchObject({
      billLaterTitle: 'Catering',
      billLaterExpiryDays: null,
      billLaterAllowPartial: true,
    })
  })

  it('a settings file from before Bill later had settings keeps its values and gets the defaults', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pos-settings-'))
    const older: Record<string, unknown> = { ...defaultSettings, currency: 'EUR' }
    for (const key of ['billLaterTitle', 'billLaterExpiryDays', 'billLaterAllowPartial']) {
      delete older[key]
    }
    writeFileSync(join(cwd, 'settings.json'), JSON.stringify(older))
    expect(createSettingsStore(open(cwd)).get()).toEqual({ ...defaultSettings, currency: 'EUR' })
  })

  it('tells listeners about changes', () => {
    const store = createSettingsStore(open(mkdtempSync(join(tmpdir(), 'pos-settings-'))))
    const seen: string[] = []
    store.onChange((s) => seen.push(s.currency))
    store.update({ currency: 'EUR' })
    expect(seen).toEqual(['EUR'])
  })

  it('reads the file once, not on every get (no disk work per charge), and keeps what it wrote', () => {
    const backend = open(mkdtempSync(join(tmpdir(), 'pos-settings-')))
    let reads = 0
    const counting: SettingsBackend = {
      get store() {
        reads++
        return backend.store
      },
      set: (values) => backend.set(values),
    }
    const store = createSettingsStore(counting)
    for (let i = 0; i < 100; i++) store.get()
    store.update({ currency: 'EUR' })
    store.get().currency = 'GBP' // a caller's copy: the store is not changed through it
    expect(store.get().currency).toBe('EUR')
    expect(reads).toBe(1)
  })

  it('guards the file with the same schema: a hand-edited bad value is refused at start', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pos-settings-'))
    writeFileSync(
      join(cwd, 'settings.json'),
      JSON.stringify({ ...defaultSettings, checkoutMode: 'telepathy' }),
    )
    expect(() => open(cwd)).toThrow(/checkoutMode/)
  })
})
