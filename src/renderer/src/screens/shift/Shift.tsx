import { useState, type FormEvent } from 'react'
import { formatMinor } from '../../../../shared/money'
import type { Shift as OpenShift } from '../../../../shared/shifts'
import { useShiftStore, useTerminalStore } from '../../stores/bound-stores'
import { PinPrompt } from '../manager/PinPrompt'
import { PeriodReport } from './PeriodReport'
import { ReportView } from './ReportView'

/** The cashier's shift: open it, see it, an X-report any time, and a manager closes it. */
export function Shift() {
  const current = useShiftStore((s) => s.current)
  const shown = useShiftStore((s) => s.shown)
  const error = useShiftStore((s) => s.error)
  if (shown) return <ReportView shown={shown} />
  return (
    <section className="panel shift" aria-labelledby="shift-title">
      <h1 id="shift-title">Shift</h1>
      {error && (
        <p className="message error" role="alert" data-testid="shift-error">
          {error}
        </p>
      )}
      {current === undefined ? (
        <p className="message">Loading…</p>
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
        No shift is open.
      </p>
      <label>
        Cashier name
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
        Opening cash float (optional)
        <input
          data-testid="shift-float"
          inputMode="decimal"
          value={float}
          maxLength={40}
          onChange={(e) => setFloat(e.target.value)}
        />
      </label>
      <button className="big primary" type="submit" disabled={busy} data-testid="open-shift">
        Open shift
      </button>
    </form>
  )
}

function CurrentShift({ shift }: { shift: OpenShift }) {
  const showReport = useShiftStore((s) => s.showReport)
  const close = useShiftStore((s) => s.close)
  const busy = useShiftStore((s) => s.busy)
  const manager = useTerminalStore((s) => s.state?.manager)
  const [closing, setClosing] = useState(false)
  const needsPin = manager !== undefined && manager.pinSet && !manager.unlocked
  return (
    <div className="current-shift" data-testid="current-shift" data-shift-id={shift.id}>
      <p className="big-text">
        <strong data-testid="shift-cashier-name">{shift.cashier}</strong> since{' '}
        {new Date(shift.openedAt).toLocaleTimeString(undefined, {
          hour: '2-digit',
          minute: '2-digit',
        })}
        {shift.openingFloatMinor !== null && (
          <> · float {formatMinor(shift.openingFloatMinor, shift.currency)}</>
        )}
      </p>
      <div className="row">
        <button
          className="big secondary"
          disabled={busy}
          data-testid="x-report"
          onClick={() => void showReport('X-report', { shiftId: shift.id })}
        >
          X-report
        </button>
        <button
          className="big"
          disabled={busy}
          data-testid="close-shift"
          onClick={() => setClosing(true)}
        >
          Close shift…
        </button>
      </div>
      {closing &&
        (needsPin ? (
          <PinPrompt />
        ) : (
          <div className="row" data-testid="confirm-close">
            <p className="message">Close the shift and make its Z-report?</p>
            <button className="big secondary" onClick={() => setClosing(false)}>
              Keep open
            </button>
            <button
              className="big primary"
              disabled={busy}
              data-testid="confirm-close-shift"
              onClick={() => void close().then((done) => done && setClosing(false))}
            >
              Close and make Z-report
            </button>
          </div>
        ))}
    </div>
  )
}
