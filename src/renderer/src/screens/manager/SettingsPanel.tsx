import { useState, type FormEvent, type InputHTMLAttributes } from 'react'
import type { Settings, SettingsPatch } from '../../../../shared/settings'
import { FieldError } from '../../components/FieldError'
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
  /** Main's refusal of one field, shown under that field. */
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const updateSettings = useAppStore((s) => s.updateSettings)
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setResult(null)
    if (problem?.field === key) setProblem(null)
  }
  const errorOf = (field: keyof Draft) => (problem?.field === field ? problem.text : null)

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
    const field = !r.ok && r.field && r.field in draft ? r.field : null
    setProblem(field && !r.ok ? { field, text: r.message } : null)
    setResult(
      r.ok
        ? { ok: true, text: 'Settings saved.' }
        : field
          ? { ok: false, text: 'Not saved: see the field marked above.' }
          : { ok: false, text: r.message },
    )
  }

  return (
    <form className="form settings" onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h2 id="settings-title">Till settings</h2>
      <TextField
        field="terminalLabel"
        label="Terminal name"
        value={draft.terminalLabel}
        error={errorOf('terminalLabel')}
        onText={(t) => edit('terminalLabel', t)}
        maxLength={64}
      />
      <TextField
        field="cashier"
        label="Cashier (sent to BTCPay with each invoice)"
        value={draft.cashier}
        error={errorOf('cashier')}
        onText={(t) => edit('cashier', t)}
        maxLength={64}
      />
      <TextField
        field="currency"
        label="Currency (ISO 4217 code, e.g. EUR)"
        value={draft.currency}
        error={errorOf('currency')}
        onText={(t) => edit('currency', t.toUpperCase())}
        maxLength={3}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        field="maxAmount"
        label={`Largest charge, in whole ${draft.currency || 'currency'} units`}
        value={draft.maxAmount}
        error={errorOf('maxAmount')}
        onText={(t) => edit('maxAmount', t)}
        inputMode="numeric"
      />
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
      <TextField
        field="returnToKeypadSeconds"
        label="Back to the keypad after a payment (seconds, 0 = stay)"
        value={draft.returnToKeypadSeconds}
        error={errorOf('returnToKeypadSeconds')}
        onText={(t) => edit('returnToKeypadSeconds', t)}
        inputMode="numeric"
      />
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

/** A typed setting with main's sentence about it, if any, right under it. */
function TextField({
  field,
  label,
  value,
  error,
  onText,
  ...input
}: {
  field: keyof Draft
  label: string
  value: string
  error: string | null
  onText: (text: string) => void
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'maxLength' | 'autoComplete' | 'spellCheck' | 'inputMode'
>) {
  const errorId = `settings-error-${field}`
  return (
    <div className="field">
      <label>
        {label}
        <input
          {...input}
          value={value}
          aria-invalid={error !== null}
          aria-describedby={errorId}
          onChange={(e) => onText(e.target.value)}
        />
      </label>
      <FieldError id={errorId} text={error} />
    </div>
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
