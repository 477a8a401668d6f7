import type { TFunction } from 'i18next'
import { useState, type ReactNode } from 'react'
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

type Column = {
  head: TranslationKey
  /** Right-aligned: a count or an amount. */
  num?: boolean
  testId?: string
  cell: (row: ReportRow, money: (minor: number) => string, t: TFunction) => ReactNode
}

/** The report's columns, left to right: heading and cell together. */
const columns: Column[] = [
  {
    head: 'report.who',
    cell: (row, _, t) =>
      row.cashier === null ? t('report.wholeTill') : row.cashier || t('report.noCashier'),
  },
  { head: 'report.method', cell: (row, _, t) => t(methodLabel[row.method]) },
  { head: 'report.sales', num: true, testId: 'report-sales', cell: (row) => row.sales },
  {
    head: 'report.gross',
    num: true,
    testId: 'report-gross',
    cell: (row, money) => money(row.grossMinor),
  },
  {
    head: 'report.voids',
    num: true,
    testId: 'report-voids',
    cell: (row, money) => `${row.voids} · ${money(row.voidsMinor)}`,
  },
  {
    head: 'report.refunds',
    num: true,
    testId: 'report-refunds',
    cell: (row, money) => `${row.refunds} · ${money(row.refundsMinor)}`,
  },
  {
    head: 'report.net',
    num: true,
    testId: 'report-net',
    cell: (row, money) => money(row.netMinor),
  },
  { head: 'report.average', num: true, cell: (row, money) => money(row.averageMinor) },
  {
    head: 'report.open',
    num: true,
    cell: (row, money) => `${row.open} · ${money(row.openMinor)}`,
  },
]

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
              {columns.map((c) => (
                <th key={c.head} scope="col" className={c.num ? 'num' : undefined}>
                  {t(c.head)}
                </th>
              ))}
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
                  {columns.map((c) => (
                    <td key={c.head} className={c.num ? 'num' : undefined} data-testid={c.testId}>
                      {c.cell(row, money, t)}
                    </td>
                  ))}
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
