import { useState } from 'react'
import { FormResult, type Outcome } from '../../components/FormResult'
import { formatMinor } from '../../../../shared/money'
import type { ReportRow } from '../../../../shared/shifts'
import { useShiftStore } from '../../stores/bound-stores'
import type { ShownReport } from '../../stores/shift-store'

const methodLabel: Record<ReportRow['method'], string> = {
  all: 'All methods',
  lightning: 'Lightning',
  'on-chain': 'On-chain',
  unknown: 'Method unknown',
  none: 'No payment',
}

const when = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** A report on its own screen until the cashier is done with it: the rows, and a CSV export. */
export function ReportView({ shown }: { shown: ShownReport }) {
  const dismiss = useShiftStore((s) => s.dismissReport)
  const exportCsv = useShiftStore((s) => s.exportCsv)
  const printReport = useShiftStore((s) => s.printReport)
  const [result, setResult] = useState<Outcome | null>(null)
  const { report, shift } = shown.data
  const save = async () => {
    const r = await exportCsv(shown.period)
    setResult(r.ok ? { ok: true, text: `Saved to ${r.data.path}` } : { ok: false, text: r.message })
  }
  const print = async () => {
    const r = await printReport(shown.period)
    if (!r.ok) setResult({ ok: false, text: `Report not printed: ${r.message}` })
    else if (r.data.printed) setResult({ ok: true, text: 'Report printed' })
    else setResult({ ok: false, text: r.data.message })
  }
  return (
    <section className="panel shift-report" aria-labelledby="report-title" data-testid="report">
      <h1 id="report-title" data-testid="report-title">
        {shown.title}
      </h1>
      <p className="message">
        {shift && <>Shift of {shift.cashier || 'no name'} · </>}
        {when(report.from)} – {when(report.to)}
      </p>
      {report.rows.length === 0 ? (
        <p className="message" data-testid="report-empty">
          No sales in this period.
        </p>
      ) : (
        <table className="sales report-rows">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Method</th>
              <th scope="col" className="num">
                Sales
              </th>
              <th scope="col" className="num">
                Gross
              </th>
              <th scope="col" className="num">
                Voids
              </th>
              <th scope="col" className="num">
                Refunds
              </th>
              <th scope="col" className="num">
                Net
              </th>
              <th scope="col" className="num">
                Average
              </th>
              <th scope="col" className="num">
                Open
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const money = (minor: number) => formatMinor(minor, row.currency)
              return (
                <tr
                  key={`${row.cashier ?? '*'}|${row.currency}|${row.method}`}
                  data-testid="report-row"
                  data-cashier={row.cashier ?? '*'}
                  data-method={row.method}
                  data-currency={row.currency}
                  className={row.cashier === null && row.method === 'all' ? 'total' : undefined}
                >
                  <td>{row.cashier === null ? 'Whole till' : row.cashier || 'No cashier'}</td>
                  <td>{methodLabel[row.method]}</td>
                  <td className="num" data-testid="report-sales">
                    {row.sales}
                  </td>
                  <td className="num" data-testid="report-gross">
                    {money(row.grossMinor)}
                  </td>
                  <td className="num" data-testid="report-voids">
                    {row.voids} · {money(row.voidsMinor)}
                  </td>
                  <td className="num" data-testid="report-refunds">
                    {row.refunds} · {money(row.refundsMinor)}
                  </td>
                  <td className="num" data-testid="report-net">
                    {money(row.netMinor)}
                  </td>
                  <td className="num">{money(row.averageMinor)}</td>
                  <td className="num">
                    {row.open} · {money(row.openMinor)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <div className="row">
        <button className="big secondary" data-testid="report-print" onClick={() => void print()}>
          Print
        </button>
        <button className="big secondary" data-testid="report-csv" onClick={() => void save()}>
          Export CSV
        </button>
        <button className="big primary" data-testid="report-done" onClick={dismiss}>
          Done
        </button>
      </div>
      <FormResult result={result} testId="report-csv-result" mono />
    </section>
  )
}
