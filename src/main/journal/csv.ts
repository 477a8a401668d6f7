/**
 * Sales as CSV (RFC 4180): header row, CRLF line ends, fields with a comma, quote or line break
 * quoted (quotes doubled). Amounts are exact decimal text made from integer minor units, times
 * ISO 8601 UTC. Text a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * gets a leading apostrophe.
 */
import type { Sale } from './sale'
import { minorToDecimal } from '../../shared/money'

export interface CsvOptions {
  /** Minor-unit digits of a currency (ISO 4217 exponent: USD 2, JPY 0, BHD 3). */
  minorDigits: (currency: string) => number
  /** Start with a UTF-8 byte order mark, for spreadsheets that guess the encoding (default false). */
  bom?: boolean
}

export const csvColumns = [
  'createdAt',
  'orderId',
  'invoiceId',
  'currency',
  'amount',
  'cancelledAt',
  'status',
  'exceptionStatus',
  'description',
  'cashier',
  'paymentRequestId',
  'updatedAt',
  'id',
] as const

export function toCsv(sales: readonly Sale[], opts: CsvOptions): string {
  const rows: string[] = [csvColumns.join(',')]
  for (const s of sales) {
    const digits = opts.minorDigits(s.currency)
    const row = [
      isoUtc(s.createdAt),
      s.orderId,
      s.invoiceId ?? '',
      s.currency,
      minorToDecimal(s.amountMinor, digits),
      s.cancelledAt === null ? '' : isoUtc(s.cancelledAt),
      s.status,
      s.exceptionStatus,
      s.description ?? '',
      s.cashier ?? '',
      s.paymentRequestId ?? '',
      isoUtc(s.updatedAt),
      s.id,
    ]
    rows.push(row.map(csvField).join(','))
  }
  return `${opts.bom ? '\uFEFF' : ''}${rows.join('\r\n')}\r\n`
}

/** One field: formula guard first, then RFC 4180 quoting. */
export function csvField(value: string): string {
  const first = value.charCodeAt(0)
  // = + - @ TAB CR
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) {
    value = `'${value}`
  }
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function isoUtc(ms: number): string {
  return new Date(ms).toISOString()
}
