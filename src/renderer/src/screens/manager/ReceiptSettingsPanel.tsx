import { useState, type FormEvent } from 'react'
import { pos as api } from '../../bridge'
import {
  paperWidths,
  printerLanguages,
  type PrinterTarget,
  type ReceiptSettings,
} from '../../../../shared/receipt-settings'
import type { Settings } from '../../../../shared/settings'
import { useLocale, useTranslation, type TranslationKey } from '../../i18n'
import { failText } from '../../i18n/fail-words'

type Kind = PrinterTarget['kind']

/** Every field as typed; turned into settings only on Save, where main checks them again. */
type Draft = Omit<ReceiptSettings, 'printer' | 'locale'> & {
  locale: string
  kind: Kind
  host: string
  port: string
  path: string
  queue: string
  deviceName: string
}

const draftOf = (r: ReceiptSettings): Draft => ({
  shopName: r.shopName,
  footer: r.footer,
  locale: r.locale ?? '',
  paperWidth: r.paperWidth,
  language: r.language,
  autoPrint: r.autoPrint,
  kind: r.printer.kind,
  host: r.printer.kind === 'network' ? r.printer.host : '',
  port: r.printer.kind === 'network' ? String(r.printer.port) : '9100',
  path: r.printer.kind === 'device' ? r.printer.path : '/dev/usb/lp0',
  queue: r.printer.kind === 'queue' ? r.printer.name : '',
  deviceName: r.printer.kind === 'system' ? (r.printer.deviceName ?? '') : '',
})

function printerOf(d: Draft): PrinterTarget {
  switch (d.kind) {
    case 'none':
      return { kind: 'none' }
    case 'network':
      return { kind: 'network', host: d.host.trim(), port: Number(d.port.trim() || Number.NaN) }
    case 'device':
      return { kind: 'device', path: d.path.trim() }
    case 'queue':
      return { kind: 'queue', name: d.queue.trim() }
    case 'system':
      return { kind: 'system', deviceName: d.deviceName.trim() || null }
  }
}

const KIND_NAMES: Record<Kind, TranslationKey> = {
  none: 'receiptSettings.kindNone',
  network: 'receiptSettings.kindNetwork',
  device: 'receiptSettings.kindDevice',
  queue: 'receiptSettings.kindQueue',
  system: 'receiptSettings.kindSystem',
}

/** Receipts and the printer, for the manager: nothing here ever opens a print dialog. */
export function ReceiptSettingsPanel({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings.receipts))
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setResult(null)
  }

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const receipts: ReceiptSettings = {
      shopName: draft.shopName,
      footer: draft.footer,
      locale: draft.locale.trim() || null,
      printer: printerOf(draft),
      paperWidth: draft.paperWidth,
      language: draft.language,
      autoPrint: draft.autoPrint,
    }
    setSaving(true)
    const r = await api.updateSettings({ receipts })
    setSaving(false)
    if (r.ok) setDraft(draftOf(r.data.receipts))
    setResult(
      r.ok ? { ok: true, text: t('receiptSettings.saved') } : { ok: false, text: failText(r) },
    )
  }

  return (
    <form
      className="form settings"
      onSubmit={(e) => void save(e)}
      aria-labelledby="receipt-settings-title"
    >
      <h2 id="receipt-settings-title">{t('receiptSettings.title')}</h2>
      <label>
        {t('receiptSettings.shopName')}
        <input
          value={draft.shopName}
          maxLength={64}
          onChange={(e) => edit('shopName', e.target.value)}
        />
      </label>
      <label>
        {t('receiptSettings.footer')}
        <textarea
          value={draft.footer}
          maxLength={500}
          rows={3}
          onChange={(e) => edit('footer', e.target.value)}
        />
      </label>
      <label>
        {t('receiptSettings.locale')}
        <input
          value={draft.locale}
          maxLength={35}
          spellCheck={false}
          onChange={(e) => edit('locale', e.target.value)}
        />
      </label>
      <fieldset className="segmented">
        <legend>{t('receiptSettings.printer')}</legend>
        {(Object.keys(KIND_NAMES) as Kind[]).map((kind) => (
          <label key={kind} className={draft.kind === kind ? 'tab active' : 'tab'}>
            <input
              type="radio"
              name="printerKind"
              value={kind}
              checked={draft.kind === kind}
              onChange={() => edit('kind', kind)}
            />
            {t(KIND_NAMES[kind])}
          </label>
        ))}
      </fieldset>
      {draft.kind === 'network' && (
        <>
          <label>
            {t('receiptSettings.host')}
            <input
              value={draft.host}
              spellCheck={false}
              data-testid="printer-host"
              onChange={(e) => edit('host', e.target.value)}
            />
          </label>
          <label>
            {t('receiptSettings.port')}
            <input
              inputMode="numeric"
              value={draft.port}
              data-testid="printer-port"
              onChange={(e) => edit('port', e.target.value)}
            />
          </label>
        </>
      )}
      {draft.kind === 'device' && (
        <label>
          {t('receiptSettings.device')}
          <input
            value={draft.path}
            spellCheck={false}
            onChange={(e) => edit('path', e.target.value)}
          />
        </label>
      )}
      {draft.kind === 'queue' && (
        <label>
          {t('receiptSettings.queue')}
          <input
            value={draft.queue}
            spellCheck={false}
            onChange={(e) => edit('queue', e.target.value)}
          />
        </label>
      )}
      {draft.kind === 'system' && (
        <label>
          {t('receiptSettings.systemName')}
          <input value={draft.deviceName} onChange={(e) => edit('deviceName', e.target.value)} />
        </label>
      )}
      <fieldset className="segmented">
        <legend>{t('receiptSettings.paperWidth')}</legend>
        {paperWidths.map((width) => (
          <label key={width} className={draft.paperWidth === width ? 'tab active' : 'tab'}>
            <input
              type="radio"
              name="paperWidth"
              checked={draft.paperWidth === width}
              onChange={() => edit('paperWidth', width)}
            />
            {t('receiptSettings.mm', { width: width.toLocaleString(locale) })}
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>{t('receiptSettings.printerLanguage')}</legend>
        {printerLanguages.map((language) => (
          <label key={language} className={draft.language === language ? 'tab active' : 'tab'}>
            <input
              type="radio"
              name="printerLanguage"
              checked={draft.language === language}
              onChange={() => edit('language', language)}
            />
            {language === 'escpos' ? t('receiptSettings.escpos') : t('receiptSettings.starprnt')}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.autoPrint}
          data-testid="auto-print"
          onChange={(e) => edit('autoPrint', e.target.checked)}
        />
        {t('receiptSettings.autoPrint')}
      </label>
      <div className="row">
        <button className="big" type="submit" disabled={saving} data-testid="save-receipt-settings">
          {saving ? t('settings.saving') : t('receiptSettings.save')}
        </button>
        {result && (
          <p
            className={result.ok ? 'message' : 'message error'}
            role={result.ok ? 'status' : 'alert'}
            data-testid="receipt-settings-result"
          >
            {result.text}
          </p>
        )}
      </div>
    </form>
  )
}
