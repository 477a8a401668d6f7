import { useState, type FormEvent } from 'react'
import { FormResult, type Outcome } from '../../components/FormResult'
import { dateSpan, isoDate } from '../../sales/day-range'
import { useShiftStore } from '../../stores/bound-stores'

/** A Z-report of a day or of a span of local days, per till and per cashier. */
export function PeriodReport() {
  const [today] = useState(() => isoDate(Date.now()))
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(today)
  const [problem, setProblem] = useState<Outcome | null>(null)
  const showReport = useShiftStore((s) => s.showReport)
  const busy = useShiftStore((s) => s.busy)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const span = dateSpan(from, to)
    if ('error' in span) {
      setProblem({ ok: false, text: span.error })
      return
    }
    setProblem(null)
    await showReport(from === to ? `Z-report of ${from}` : `Z-report ${from} to ${to}`, span)
  }
  return (
    <form className="csv-export" onSubmit={(e) => void submit(e)} aria-labelledby="period-title">
      <h2 id="period-title">Report of a day or of several days</h2>
      <div className="row">
        <label>
          From
          <input
            type="date"
            value={from}
            max={today}
            required
            data-testid="report-from"
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={to}
            max={today}
            required
            data-testid="report-to"
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <button className="big" type="submit" disabled={busy} data-testid="period-report">
          Show report
        </button>
      </div>
      <FormResult result={problem} testId="period-report-problem" />
    </form>
  )
}
