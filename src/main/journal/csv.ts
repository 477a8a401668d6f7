/**
 * Sales as CSV (RFC 4180): header row, CRLF line ends, fields with a comma, quote or line break
 * quoted (quotes doubled). Amounts are exact decimal text made from integer minor units, times
 * ISO 8601 UTC. Text a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * gets a leading apostrophe.
 */
import type { Sale } from './sale'
import { productToMinor, sumDecimals } from '../../shared/decimal'
import { minorToDecimal } from '../../shared/money'

/** One payment into a sale's invoice, as far as the terminal knows it. */
export interface CsvPayment {
  method: 'on-chain' | 'lightning' | null
  /** BTC, exact decimal text. */
  btc: string
  /** Fiat of the sale per BTC that BTCPay used, exact decimal text. */
  rate: string | null
}

export interface CsvOptions {
  /** Minor-unit digits of a currency (ISO 4217 exponent: USD 2, JPY 0, BHD 3). */
  minorDigits: (currency: string) => number
  /** Start with a UTF-8 byte order mark, for spreadsheets that guess the encoding (default false). */
  bom?: boolean
  /** What was paid into the sale's invoice, if the terminal knows (default: nothing known). */
  paymentsOf?: (sale: Sale) => readonly CsvPayment[]
}

export const csvColumns = [
  'createdAt',
  'orderId',
  'invoiceId',
  'currency',
  'amount',
  'paid',
  'btc',
  'rate',
  'method',
  'cancelledAt',
  'status',
  'exceptionStatus',
  'description',
  'cashier',
  'paymentRequestId',
  'updatedAt',
  'id',
  'items',
  'tip',
] as const

/** A row by column name; a column left out is an empty field. */
export type CsvRecord = Partial<Record<(typeof csvColumns)[number], string>>

/** One CSV line (CRLF-terminated) of a row given by column name, in the header's order. */
export function csvLine(record: CsvRecord): string {
  return `${csvColumns.map((c) => csvField(record[c] ?? '')).join(',')}\r\n`
}

export function toCsv(sales: readonly Sale[], opts: CsvOptions): string {
  const rows: string[] = [csvColumns.join(',')]
  for (const s of sales) {
    const digits = opts.minorDigits(s.currency)
    const payments = opts.paymentsOf?.(s) ?? []
    const paid = paidMinor(s, payments, digits)
    const row = [
      isoUtc(s.createdAt),
      s.orderId,
      s.invoiceId ?? '',
      s.currency,
      minorToDecimal(s.amountMinor, digits),
      paid === null ? '' : minorToDecimal(paid, digits),
      payments.length === 0 ? '' : sumDecimals(payments.map((p) => p.btc)),
      distinct(payments.map((p) => p.rate)).join(' '),
      distinct(payments.map((p) => p.method)).join('+'),
      s.cancelledAt === null ? '' : isoUtc(s.cancelledAt),
      s.status,
      s.exceptionStatus,
      s.description ?? '',
      s.cashier ?? '',
      s.paymentRequestId ?? '',
      isoUtc(s.updatedAt),
      s.id,
      itemsText(s, digits),
      s.cart && s.cart.tipMinor > 0 ? minorToDecimal(s.cart.tipMinor, digits) : '',
    ]
    rows.push(row.map(csvField).join(','))
  }
  return `${opts.bom ? '\uFEFF' : ''}${rows.join('\r\n')}\r\n`
}

/** A cart sale's lines in one field: "2 x Green Tea @ 3.50; Scone @ 2.00". */
function itemsText(sale: Sale, digits: number): string {
  return (sale.cart?.lines ?? [])
    .map((l) => {
      const unit = `${l.title} @ ${minorToDecimal(l.unitMinor, digits)}`
      return l.quantity > 1 ? `${l.quantity} x ${unit}` : unit
    })
    .join('; ')
}

/**
 * What was paid, in the sale's currency: the payments valued at BTCPay's rate when every rate is
 * known; else the amount for a sale paid in full, nothing for one no money reached, and an empty
 * cell (unknown) for the rest, rather than a guess.
 */
function paidMinor(sale: Sale, payments: readonly CsvPayment[], digits: number): number | null {
  if (payments.length > 0 && payments.every((p) => p.rate !== null)) {
    return payments.reduce((sum, p) => sum + productToMinor(p.btc, p.rate as string, digits), 0)
  }
  const exception = sale.exceptionStatus
  const paidInFull =
    ((sale.status === 'paid' || sale.status === 'complete') && exception === 'none') ||
    (sale.status === 'expired' && exception === 'paidLate')
  if (paidInFull) return sale.amountMinor
  const nothingPaid =
    ['creating', 'new', 'abandoned', 'not-created'].includes(sale.status) ||
    (sale.status === 'expired' && exception === 'none')
  return nothingPaid && payments.length === 0 ? 0 : null
}

const distinct = (values: readonly (string | null)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== null)),
]

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
