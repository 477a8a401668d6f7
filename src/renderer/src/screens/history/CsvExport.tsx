import { useState, type FormEvent } from 'react'
import { FormResult, type Outcome } from '../../components/FormResult'
import { dateSpan, isoDate } from '../../sales/day-range'
import { useSalesStore } from '../../stores/bound-stores'

/** Exports the sales of a span of local days to a CSV file main writes; says where it went. */
export function CsvExport() {
  const [today] = useState(() => isoDate(Date.now()))
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(today)
  const [busy, setBusy] = useState(false)
  const exportSalesCsv = useSalesStore((s) => s.exportSalesCsv)
  const [result, setResult] = useState<Outcome | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const span = dateSpan(from, to)
    if ('error' in span) {
      setResult({ ok: false, text: span.error })
      return
    }
    setBusy(true)
    setResult(null)
    const r = await exportSalesCsv(span)
    setBusy(false)
    setResult(
      r.ok
        ? {
            ok: true,
            text: `Saved ${r.data.count} sale${r.data.count === 1 ? '' : 's'} to ${r.data.path}`,
          }
        : { ok: false, text: r.message },
    )
  }

  return (
    <form className="csv-export" onSubmit={(e) => void submit(e)} aria-labelledby="export-title">
      <h2 id="export-title">Export to CSV</h2>
      <div className="row">
        <label>
          From
          <input
            type="date"
            value={from}
            max={today}
            required
            data-testid="export-from"
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
            data-testid="export-to"
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <button className="big" type="submit" disabled={busy} data-testid="export-csv">
          {busy ? 'Saving…' : 'Export'}
        </button>
      </div>
      <FormResult result={result} testId="export-result" mono />
    </form>
  )
}
