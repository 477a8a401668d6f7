import { useState, type FormEvent } from 'react'
import { formatMinor } from '../../../../shared/money'
import type { Shift as OpenShift } from '../../../../shared/shifts'
import { useLocale, useTranslation } from '../../i18n'
import { useShiftStore, useTerminalStore } from '../../stores/bound-stores'
import { PinPrompt } from '../manager/PinPrompt'
import { PeriodReport } from './PeriodReport'
import { ReportView } from './ReportView'

/** The cashier's shift: open it, see it, an X-report any time, and a manager closes it. */
export function Shift() {
  const { t } = useTranslation()
  const current = useShiftStore((s) => s.current)
  const shown = useShiftStore((s) => s.shown)
  const error = useShiftStore((s) => s.error)
  if (shown) return <ReportView shown={shown} />
  return (
    <section className="panel shift" aria-labelledby="shift-title">
      <h1 id="shift-title">{t('nav.shift')}</h1>
      {error && (
        <p className="message error" role="alert" data-testid="shift-error">
          {error}
        </p>
      )}
      {current === undefined ? (
        <p className="message">{t('common.loading')}</p>
      ) : current === null ? (
        <OpenShiftForm />
      ) : (
        <CurrentShift shift={current} />
      )}
      <PeriodReport />
    </section>
  )
}

function OpenShiftForm() {
  const { t } = useTranslation()
  const [cashier, setCashier] = useState('')
  const [float, setFloat] = useState('')
  const open = useShiftStore((s) => s.open)
  const busy = useShiftStore((s) => s.busy)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const input = float.trim() === '' ? { cashier } : { cashier, openingFloat: float.trim() }
    if (await open(input)) {
      setCashier('')
      setFloat('')
    }
  }
  return (
    <form className="open-shift" onSubmit={(e) => void submit(e)}>
      <p className="message" data-testid="no-shift">
        {t('shift.none')}
      </p>
      <label>
        {t('shift.cashier')}
        <input
          data-testid="shift-cashier"
          value={cashier}
          maxLength={64}
          required
          autoComplete="off"
          onChange={(e) => setCashier(e.target.value)}
        />
      </label>
      <label>
        {t('shift.float')}
        <input
          data-testid="shift-float"
          inputMode="decimal"
          value={float}
          maxLength={40}
          onChange={(e) => setFloat(e.target.value)}
        />
      </label>
      <button className="big primary" type="submit" disabled={busy} data-testid="open-shift">
        {t('shift.open')}
      </button>
    </form>
  )
}

function CurrentShift({ shift }: { shift: OpenShift }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const showReport = useShiftStore((s) => s.showReport)
  const close = useShiftStore((s) => s.close)
  const busy = useShiftStore((s) => s.busy)
  const manager = useTerminalStore((s) => s.state?.manager)
  const [closing, setClosing] = useState(false)
  const needsPin = manager !== undefined && manager.pinSet && !manager.unlocked
  return (
    <div className="current-shift" data-testid="current-shift" data-shift-id={shift.id}>
      <p className="big-text">
        <strong data-testid="shift-cashier-name">{shift.cashier}</strong>{' '}
        {t('shift.since', {
          time: new Date(shift.openedAt).toLocaleTimeString(locale, {
            hour: '2-digit',
            minute: '2-digit',
          }),
        })}
        {shift.openingFloatMinor !== null && (
          <>
            {' · '}
            {t('shift.floatAmount', {
              amount: formatMinor(shift.openingFloatMinor, shift.currency, locale),
            })}
          </>
        )}
      </p>
      <div className="row">
        <button
          className="big secondary"
          disabled={busy}
          data-testid="x-report"
          onClick={() => void showReport(t('report.x'), { shiftId: shift.id })}
        >
          {t('report.x')}
        </button>
        <button
          className="big"
          disabled={busy}
          data-testid="close-shift"
          onClick={() => setClosing(true)}
        >
          {t('shift.close')}
        </button>
      </div>
      {closing &&
        (needsPin ? (
          <PinPrompt />
        ) : (
          <div className="row" data-testid="confirm-close">
            <p className="message">{t('shift.confirmClose')}</p>
            <button className="big secondary" onClick={() => setClosing(false)}>
              {t('shift.keepOpen')}
            </button>
            <button
              className="big primary"
              disabled={busy}
              data-testid="confirm-close-shift"
              onClick={() => void close().then((done) => done && setClosing(false))}
            >
              {t('shift.closeAndReport')}
            </button>
          </div>
        ))}
    </div>
  )
}
