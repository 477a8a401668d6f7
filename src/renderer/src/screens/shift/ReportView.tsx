import { useState } from 'react'
import { FormResult, type Outcome } from '../../components/FormResult'
import { formatMinor } from '../../../../shared/money'
import type { ReportRow } from '../../../../shared/shifts'
import { useLocale, useTranslation, type TranslationKey } from '../../i18n'
import { printProblemWords } from '../../sales/print-problems'
import { useShiftStore } from '../../stores/bound-stores'
import type { ShownReport } from '../../stores/shift-store'
import { failText } from '../../i18n/fail-words'

const methodLabel: Record<ReportRow['method'], TranslationKey> = {
  all: 'report.methodAll',
  lightning: 'pay.lightning',
  'on-chain': 'pay.onchain',
  unknown: 'report.methodUnknown',
  none: 'report.methodNone',
}

/** A report on its own screen until the cashier is done with it: the rows, and a CSV export. */
export function ReportView({ shown }: { shown: ShownReport }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const when = (at: number) =>
    new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const dismiss = useShiftStore((s) => s.dismissReport)
  const exportCsv = useShiftStore((s) => s.exportCsv)
  const printReport = useShiftStore((s) => s.printReport)
  const [result, setResult] = useState<Outcome | null>(null)
  const { report, shift } = shown.data
  const save = async () => {
    const r = await exportCsv(shown.period)
    setResult(
      r.ok
        ? { ok: true, text: t('report.saved', { path: r.data.path }) }
        : { ok: false, text: failText(r) },
    )
  }
  const print = async () => {
    const r = await printReport(shown.period)
    if (!r.ok) setResult({ ok: false, text: t('report.notPrinted', { problem: failText(r) }) })
    else if (r.data.printed) setResult({ ok: true, text: t('report.printed') })
    else {
      const problem = t(printProblemWords[r.data.problem])
      setResult({ ok: false, text: t('report.notPrinted', { problem }) })
    }
  }
  return (
    <section className="panel shift-report" aria-labelledby="report-title" data-testid="report">
      <h1 id="report-title" data-testid="report-title">
        {shown.title ?? t('report.z')}
      </h1>
      <p className="message">
        {shift && <>{t('report.shiftOf', { cashier: shift.cashier || t('report.noName') })} · </>}
        {when(report.from)} – {when(report.to)}
      </p>
      {report.rows.length === 0 ? (
        <p className="message" data-testid="report-empty">
          {t('report.empty')}
        </p>
      ) : (
        <table className="sales report-rows">
          <thead>
            <tr>
              <th scope="col">{t('report.who')}</th>
              <th scope="col">{t('report.method')}</th>
              <th scope="col" className="num">
                {t('report.sales')}
              </th>
              <th scope="col" className="num">
                {t('report.gross')}
              </th>
              <th scope="col" className="num">
                {t('report.voids')}
              </th>
              <th scope="col" className="num">
                {t('report.refunds')}
              </th>
              <th scope="col" className="num">
                {t('report.net')}
              </th>
              <th scope="col" className="num">
                {t('report.average')}
              </th>
              <th scope="col" className="num">
                {t('report.open')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const money = (minor: number) => formatMinor(minor, row.currency, locale)
              return (
                <tr
                  key={`${row.cashier ?? '*'}|${row.currency}|${row.method}`}
                  data-testid="report-row"
                  data-cashier={row.cashier ?? '*'}
                  data-method={row.method}
                  data-currency={row.currency}
                  className={row.cashier === null && row.method === 'all' ? 'total' : undefined}
                >
                  <td>
                    {row.cashier === null
                      ? t('report.wholeTill')
                      : row.cashier || t('report.noCashier')}
                  </td>
                  <td>{t(methodLabel[row.method])}</td>
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
          {t('report.print')}
        </button>
        <button className="big secondary" data-testid="report-csv" onClick={() => void save()}>
          {t('report.exportCsv')}
        </button>
        <button className="big primary" data-testid="report-done" onClick={dismiss}>
          {t('common.done')}
        </button>
      </div>
      <FormResult result={result} testId="report-csv-result" mono />
    </section>
  )
}
