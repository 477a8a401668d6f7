import { useState, type FormEvent, type InputHTMLAttributes } from 'react'
import type { Settings, SettingsPatch } from '../../../../shared/settings'
import { FieldError } from '../../components/FieldError'
import { FormResult, type Outcome } from '../../components/FormResult'
import { languageNames } from '../../i18n/languages'
import { useTranslation, type TranslationKey } from '../../i18n'
import { useApiKeyStore, useAppStore } from '../../stores/bound-stores'
import { failText } from '../../i18n/fail-words'

type Draft = {
  terminalLabel: string
  cashier: string
  currency: string
  checkoutMode: Settings['checkoutMode']
  chargeVia: Settings['chargeVia']
  theme: Settings['theme']
  language: Settings['language']
  sound: boolean
  returnToKeypadSeconds: string
  tipPercentages: string
  maxAmount: string
  kiosk: boolean
  customerDisplay: boolean
  billLaterTitle: string
  /** Empty: bills have no expiry. */
  billLaterExpiryDays: string
  billLaterAllowPartial: boolean
}

const draftOf = (s: Settings): Draft => ({
  terminalLabel: s.terminalLabel,
  cashier: s.cashier,
  currency: s.currency,
  checkoutMode: s.checkoutMode,
  chargeVia: s.chargeVia,
  theme: s.theme,
  language: s.language,
  sound: s.sound,
  returnToKeypadSeconds: String(s.returnToKeypadSeconds),
  tipPercentages: s.tipPercentages.join(', '),
  maxAmount: String(s.maxAmount),
  kiosk: s.kiosk,
  customerDisplay: s.customerDisplay === 'second-screen',
  billLaterTitle: s.billLaterTitle,
  billLaterExpiryDays: s.billLaterExpiryDays === null ? '' : String(s.billLaterExpiryDays),
  billLaterAllowPartial: s.billLaterAllowPartial,
})

const checkoutModes: ReadonlyArray<[Settings['checkoutMode'], TranslationKey]> = [
  ['native', 'settings.checkoutNative'],
  ['embedded', 'settings.checkoutEmbedded'],
]

const chargeModes: ReadonlyArray<[Settings['chargeVia'], TranslationKey]> = [
  ['legacy', 'settings.chargeViaLegacy'],
  ['greenfield', 'settings.chargeViaGreenfield'],
]

const themes: ReadonlyArray<[Settings['theme'], TranslationKey]> = [
  ['system', 'settings.themeSystem'],
  ['light', 'settings.themeLight'],
  ['dark', 'settings.themeDark'],
]

const languages = Object.entries(languageNames) as ReadonlyArray<
  [Exclude<Settings['language'], 'system'>, string]
>

const wholeNumber = (text: string): number =>
  /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN

/** "10, 15, 20" (a % sign allowed) as numbers; anything else stays NaN for main to name. */
const percentages = (text: string): number[] =>
  text
    .split(/[,;\s]+/)
    .filter((p) => p !== '')
    .map((p) => wholeNumber(p.replace(/%$/, '')))

/** The till's settings for the manager; main validates every field again and names a bad one. */
export function SettingsPanel({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings))
  // 'saved' is put into words at render, so it reads in the language just saved.
  const [result, setResult] = useState<Outcome | 'saved' | null>(null)
  /** Main's refusal of one field, shown under that field. */
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null)
  const hasApiKey = useApiKeyStore((s) => s.view?.state.status === 'ready')
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
      chargeVia: draft.chargeVia,
      theme: draft.theme,
      language: draft.language,
      sound: draft.sound,
      returnToKeypadSeconds: wholeNumber(draft.returnToKeypadSeconds),
      tipPercentages: percentages(draft.tipPercentages),
      maxAmount: wholeNumber(draft.maxAmount),
      kiosk: draft.kiosk,
      customerDisplay: draft.customerDisplay ? 'second-screen' : 'off',
      billLaterTitle: draft.billLaterTitle,
      billLaterExpiryDays: draft.billLaterExpiryDays.trim()
        ? wholeNumber(draft.billLaterExpiryDays)
        : null,
      billLaterAllowPartial: draft.billLaterAllowPartial,
    }
    setSaving(true)
    const r = await updateSettings(patch)
    setSaving(false)
    if (r.ok) setDraft(draftOf(r.data))
    const field = !r.ok && r.field && r.field in draft ? r.field : null
    setProblem(field && !r.ok ? { field, text: failText(r) } : null)
    setResult(
      r.ok
        ? 'saved'
        : field
          ? { ok: false, text: t('settings.notSavedSeeField') }
          : { ok: false, text: failText(r) },
    )
  }

  return (
    <form className="form settings" onSubmit={(e) => void save(e)} aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <TextField
        field="terminalLabel"
        label={t('settings.terminalName')}
        value={draft.terminalLabel}
        error={errorOf('terminalLabel')}
        onText={(text) => edit('terminalLabel', text)}
        maxLength={64}
      />
      <TextField
        field="cashier"
        label={t('settings.cashier')}
        value={draft.cashier}
        error={errorOf('cashier')}
        onText={(text) => edit('cashier', text)}
        maxLength={64}
      />
      <TextField
        field="currency"
        label={t('settings.currency')}
        value={draft.currency}
        error={errorOf('currency')}
        onText={(text) => edit('currency', text.toUpperCase())}
        maxLength={3}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        field="maxAmount"
        label={t('settings.maxAmount', {
          currency: draft.currency || t('settings.currencyUnnamed'),
        })}
        value={draft.maxAmount}
        error={errorOf('maxAmount')}
        onText={(text) => edit('maxAmount', text)}
        inputMode="numeric"
      />
      <Choice
        legend={t('settings.checkoutMode')}
        name="checkoutMode"
        options={checkoutModes.map(([v, key]) => [v, t(key)])}
        value={draft.checkoutMode}
        onChange={(mode) => edit('checkoutMode', mode)}
      />
      <Choice
        legend={t('settings.chargeVia')}
        name="chargeVia"
        options={chargeModes.map(([v, key]) => [v, t(key)])}
        value={draft.chargeVia}
        // Offered once a key is there; main checks that it may charge.
        disabled={hasApiKey ? [] : ['greenfield']}
        onChange={(via) => edit('chargeVia', via)}
      />
      {draft.chargeVia === 'greenfield' && <p className="message">{t('settings.chargeViaHint')}</p>}
      <Choice
        legend={t('settings.theme')}
        name="theme"
        options={themes.map(([v, key]) => [v, t(key)])}
        value={draft.theme}
        onChange={(theme) => edit('theme', theme)}
      />
      <label>
        {t('settings.language')}
        <select
          value={draft.language}
          data-testid="settings-language"
          onChange={(e) => edit('language', e.target.value as Settings['language'])}
        >
          <option value="system">{t('settings.languageSystem')}</option>
          {languages.map(([code, name]) => (
            <option key={code} value={code} lang={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <TextField
        field="returnToKeypadSeconds"
        label={t('settings.returnToKeypad')}
        value={draft.returnToKeypadSeconds}
        error={errorOf('returnToKeypadSeconds')}
        onText={(text) => edit('returnToKeypadSeconds', text)}
        inputMode="numeric"
      />
      <TextField
        field="tipPercentages"
        label={t('settings.tipPercentages')}
        value={draft.tipPercentages}
        error={errorOf('tipPercentages')}
        onText={(text) => edit('tipPercentages', text)}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={draft.sound}
          onChange={(e) => edit('sound', e.target.checked)}
        />
        {t('settings.sound')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.kiosk}
          onChange={(e) => edit('kiosk', e.target.checked)}
        />
        {t('settings.kiosk')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.customerDisplay}
          onChange={(e) => edit('customerDisplay', e.target.checked)}
        />
        {t('settings.customerDisplay')}
      </label>
      <fieldset>
        <legend>{t('settings.billLater')}</legend>
        <TextField
          field="billLaterTitle"
          label={t('settings.billLaterTitle')}
          value={draft.billLaterTitle}
          error={errorOf('billLaterTitle')}
          onText={(text) => edit('billLaterTitle', text)}
          maxLength={200}
        />
        <TextField
          field="billLaterExpiryDays"
          label={t('settings.billLaterExpiryDays')}
          value={draft.billLaterExpiryDays}
          error={errorOf('billLaterExpiryDays')}
          onText={(text) => edit('billLaterExpiryDays', text)}
          inputMode="numeric"
        />
        <label className="check">
          <input
            type="checkbox"
            checked={draft.billLaterAllowPartial}
            onChange={(e) => edit('billLaterAllowPartial', e.target.checked)}
          />
          {t('settings.billLaterAllowPartial')}
        </label>
      </fieldset>
      <div className="row">
        <button className="big" type="submit" disabled={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
        <FormResult
          result={result === 'saved' ? { ok: true, text: t('settings.saved') } : result}
          testId="settings-result"
        />
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
  disabled = [],
  onChange,
}: {
  legend: string
  name: string
  options: ReadonlyArray<[V, string]>
  value: V
  /** Options that cannot be picked now (the current value always can). */
  disabled?: readonly V[]
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
            disabled={option !== value && disabled.includes(option)}
            onChange={() => onChange(option)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  )
}
