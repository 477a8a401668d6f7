/**
 * A report as CSV (RFC 4180, CRLF): one line per report row, amounts as exact decimal text of
 * their currency, counts as integers. Names go through the journal's field guard (quoting,
 * spreadsheet formulas); numbers are ours and written as they are, so a negative net stays a number.
 */
import { minorDigits, minorToDecimal } from '../../shared/money'
import { csvField } from '../journal/csv'
import type { Figures, Report, ReportRow } from './report'

type Column = [header: string, value: (row: ReportRow) => string]

const count =
  (key: keyof Figures): ((row: ReportRow) => string) =>
  (row) =>
    String(row[key])
const amount =
  (key: keyof Figures): ((row: ReportRow) => string) =>
  (row) =>
    minorToDecimal(row[key], minorDigits(row.currency))

const columns: Column[] = [
  ['scope', (r) => (r.cashier === null ? 'till' : 'cashier')],
  ['cashier', (r) => csvField(r.cashier ?? '')],
  ['currency', (r) => r.currency],
  ['method', (r) => r.method],
  ['sales', count('sales')],
  ['gross', amount('grossMinor')],
  ['unconfirmed', count('unconfirmed')],
  ['unconfirmed_amount', amount('unconfirmedMinor')],
  ['voids', count('voids')],
  ['voids_amount', amount('voidsMinor')],
  ['refunds', count('refunds')],
  ['refunds_amount', amount('refundsMinor')],
  ['net', amount('netMinor')],
  ['average', amount('averageMinor')],
  ['paid_late', count('paidLate')],
  ['overpaid', count('overpaid')],
  ['underpaid', count('underpaid')],
  ['underpaid_amount', amount('underpaidMinor')],
  ['open', count('open')],
  ['open_amount', amount('openMinor')],
  ['tips', amount('tipsMinor')],
  ['request_payments', count('requestPayments')],
  ['request_payments_amount', amount('requestPaymentsMinor')],
]

export const reportCsvHeader = ['from', 'to', ...columns.map(([h]) => h)]

export function reportToCsv(report: Report): string {
  const period = [new Date(report.from).toISOString(), new Date(report.to).toISOString()]
  const lines = [
    reportCsvHeader.join(','),
    ...report.rows.map((row) => [...period, ...columns.map(([, value]) => value(row))].join(',')),
  ]
  return `${lines.join('\r\n')}\r\n`
}
