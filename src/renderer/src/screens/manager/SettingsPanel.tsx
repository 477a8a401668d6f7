import { useState, type FormEvent } from 'react'
import type { Settings, SettingsPatch } from '../../../../shared/settings'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useAppStore } from '../../stores/bound-stores'

type Draft = {
  terminalLabel: string
  cashier: string
  currency: string
  checkoutMode: Settings['checkoutMode']
  theme: Settings['theme']
  sound: boolean
  returnToKeypadSeconds: string
  maxAmount: string
  kiosk: boolean
  customerDisplay: boolean
}

const draftOf = (s: Settings): Draft => ({
  terminalLabel: s.terminalLabel,
  cashier: s.cashier,
  currency: s.currency,
  checkoutMode: s.checkoutMode,
  theme: s.theme,
  sound: s.sound,
  returnToKeypadSeconds: String(s.returnToKeypadSeconds),
  maxAmount: String(s.maxAmount),
  kiosk: s.kiosk,
  customerDisplay: s.customerDisplay === 'second-screen',
})

const checkoutModes: ReadonlyArray<[Settings['checkoutMode'], string]> = [
  ['native', 'QR code on this screen'],
  ['embedded', "BTCPay's checkout page"],
]

const themes: ReadonlyArray<[Settings['theme'], string]> = [
  ['system', 'Like the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
]

const wholeNumber = (text: string): number =>
  /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN

/** The till's settings for the manager; main validates every field again and names a bad one. */
export function SettingsPanel({ settings }: { settings: Settings }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings))
  const [result, setResult] = useState<Outcome | null>(null)
  const [saving, setSaving] = useState(false)
  const updateSettings = useAppStore((s) => s.updateSettings)
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setResult(null)
  }

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const patch: SettingsPatch = {
      terminalLabel: draft.terminalLabel,
      cashier: draft.cashier,
      currency: draft.currency.trim().toUpperCase(),
      checkoutMode: draft.checkoutMode,
      theme: draft.theme,
      sound: draft.sound,
      returnToKeypadSeconds: wholeNumber(draft.returnToKeypadSeconds),
      maxAmount: wholeNumber(draft.maxAmount),
      kiosk: draft.kiosk,
      customerDisplay: draft.customerDisplay ? 'second-screen' : 'off',
    }
    setSaving(true)
    const r = await updateSettings(patch)
    setSaving(false)
    if (r.ok) setDraft(draftOf(r.data))
    setResult(r.ok ? { ok: true, text: 'Settings saved.' } : { ok: false, text: r.message })
  }

  return (
    <form className="form settings" onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h2 id="settings-title">Till settings</h2>
      <label>
        Terminal name
        <input
          value={draft.terminalLabel}
          maxLength={64}
          onChange={(e) => edit('terminalLabel', e.target.value)}
        />
      </label>
      <label>
        Cashier (sent to BTCPay with each invoice)
        <input
          value={draft.cashier}
          maxLength={64}
          onChange={(e) => edit('cashier', e.target.value)}
        />
      </label>
      <label>
        Currency (ISO 4217 code, e.g. EUR)
        <input
          value={draft.currency}
          maxLength={3}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => edit('currency', e.target.value.toUpperCase())}
        />
      </label>
      <label>
        Largest charge, in whole {draft.currency || 'currency'} units
        <input
          inputMode="numeric"
          value={draft.maxAmount}
          onChange={(e) => edit('maxAmount', e.target.value)}
        />
      </label>
      <Choice
        legend="Customer pays with"
        name="checkoutMode"
        options={checkoutModes}
        value={draft.checkoutMode}
        onChange={(mode) => edit('checkoutMode', mode)}
      />
      <Choice
        legend="Screen colours"
        name="theme"
        options={themes}
        value={draft.theme}
        onChange={(theme) => edit('theme', theme)}
      />
      <label>
        Back to the keypad after a payment (seconds, 0 = stay)
        <input
          inputMode="numeric"
          value={draft.returnToKeypadSeconds}
          onChange={(e) => edit('returnToKeypadSeconds', e.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.sound}
          onChange={(e) => edit('sound', e.target.checked)}
        />
        Sound when a payment arrives
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.kiosk}
          onChange={(e) => edit('kiosk', e.target.checked)}
        />
        Kiosk mode (full screen, desktop app)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.customerDisplay}
          onChange={(e) => edit('customerDisplay', e.target.checked)}
        />
        Customer display on a second screen, when one is attached (desktop app)
      </label>
      <div className="row">
        <button className="big" type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        <FormResult result={result} testId="settings-result" />
      </div>
    </form>
  )
}

/** One of a few settings values, as touch-sized radio buttons. */
function Choice<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string
  name: string
  options: ReadonlyArray<[V, string]>
  value: V
  onChange: (value: V) => void
}) {
  return (
    <fieldset className="segmented">
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option} className={value === option ? 'tab active' : 'tab'}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  )
}
