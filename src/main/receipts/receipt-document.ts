/**
 * One receipt as a ReceiptLine document (https://github.com/receiptline/receiptline): the single
 * source the screen preview, the printer bytes and the golden-text tests are rendered from.
 * Every value that comes from a person or a server goes through `text()` / `codeData()`, so a
 * description such as "-- 50% off | {free}" prints as typed instead of acting as markup.
 */
import { formatMinor, minorDigits } from '../../shared/money'
import type { ReportRow } from '../../shared/shifts'
import type { PaperWidth } from '../../shared/receipt-settings'
import { charsPerLine, wrapWords } from './paper'
import type {
  BitcoinPayment,
  Money,
  PaidOutcome,
  PaymentMethod,
  Receipt,
  ReceiptHeader,
} from './receipt'

/** ReceiptLine markup characters; each is written as a \xHH escape when it is meant literally. */
const MARKUP = /[\\|{}\-=~_"`^]/g
// Control characters never reach a printer: they would be commands.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
/** Intl puts no-break and thin spaces in amounts and dates; thermal code pages lack them. */
const ODD_SPACES = /[\u00a0\u2007\u2009\u202f]/g
const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`

/** One line of literal text. */
export function text(value: string): string {
  return value.replace(ODD_SPACES, ' ').replace(CONTROL, ' ').trim().replace(MARKUP, hex)
}

/** Data of a {code:…} property (the QR code's content). */
function codeData(value: string): string {
  return value
    .replace(CONTROL, '')
    .trim()
    .replace(/[\\{}|;]/g, hex)
}

/** Free text (a description, a reason, the footer) as whole-word lines of the paper's width. */
const paragraph = (value: string, width: number) =>
  value.split(/\r?\n/).flatMap((line) => wrapWords(line, width).map(text))

const LABELS = '{width:10,*}'
/** A cart line: its title takes what the amount leaves. */
const ITEMS = '{width:*,12}'
const FULL = '{width:auto}'

const row = (label: string, value: string) => `${text(label)} | ${text(value)}`
const boldRow = (label: string, value: string) => `"${text(label)} | "${text(value)}`
const title = (value: string) => `"${text(value)}`

const itemText = (i: { title: string; quantity: number }) =>
  i.quantity > 1 ? `${i.quantity} x ${i.title}` : i.title

function dateText(h: ReceiptHeader, at = h.at): string {
  return new Intl.DateTimeFormat(h.locale ?? undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(h.timeZone ? { timeZone: h.timeZone } : {}),
  }).format(at)
}

const money = (m: Money, h: ReceiptHeader) =>
  formatMinor(m.minor, m.currency, h.locale ?? undefined)

/** Bitcoin with at least 8 decimals (satoshis), never fewer than BTCPay sent. */
export function btcText(decimal: string): string {
  const [whole = '0', fraction = ''] = decimal.replace(/^-/, '').split('.')
  const sign = decimal.startsWith('-') ? '-' : ''
  return `${sign}${whole}.${fraction.padEnd(8, '0')} BTC`
}

/** A fiat amount BTCPay sent as decimal text, formatted exactly: no digit rounded away. */
function decimalMoney(decimal: string, currency: string, h: ReceiptHeader): string {
  const digits = minorDigits(currency)
  const given = decimal.split('.')[1]?.replace(/0+$/, '').length ?? 0
  const format = new Intl.NumberFormat(h.locale ?? undefined, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, given),
  }) as Intl.NumberFormat & { format(value: string): string }
  return format.format(decimal)
}

/** "1 BTC = $50,000.00": the rate formatted exactly from its decimal text. */
const rateText = (rate: string, currency: string, h: ReceiptHeader) =>
  `1 BTC = ${decimalMoney(rate, currency, h)}`

/** What a refund pays out: bitcoin in BTC, or a fiat pull payment in its currency. */
const payoutText = (payout: { amount: string; currency: string }, h: ReceiptHeader) =>
  payout.currency === 'BTC'
    ? btcText(payout.amount)
    : decimalMoney(payout.amount, payout.currency, h)

const METHOD_NAMES: Record<PaymentMethod, string> = {
  'on-chain': 'Bitcoin on-chain',
  lightning: 'Lightning',
}

function paymentLines(payments: BitcoinPayment[], currency: string, h: ReceiptHeader): string[] {
  return payments.flatMap((p) => [
    row('Paid by', METHOD_NAMES[p.method]),
    row('Bitcoin', btcText(p.btc)),
    ...(p.rate ? [row('Rate', rateText(p.rate, currency, h))] : []),
  ])
}

function invoiceLines(invoiceId: string | null, link: string | null): string[] {
  return [
    ...(invoiceId ? [FULL, '---', text('Invoice'), text(invoiceId)] : [FULL]),
    ...(link ? [`{code:${codeData(link)}; option:qrcode,4,m}`] : []),
  ]
}

const OUTCOME_TITLES: Record<PaidOutcome, string> = {
  paid: 'PAID - awaiting confirmation',
  settled: 'PAID',
  overpaid: 'PAID (overpaid)',
  'paid-late': 'PAID LATE',
}

const REPORT_METHODS: Record<Exclude<ReportRow['method'], 'all'>, string> = {
  lightning: 'Lightning',
  'on-chain': 'On-chain',
  unknown: 'Method unknown',
  none: 'No payment',
}

/** One till or cashier total: the figures a manager checks, then the split by payment method. */
function reportBlock(total: ReportRow, rows: ReportRow[], h: ReceiptHeader): string[] {
  const m = (minor: number) => money({ minor, currency: total.currency }, h)
  const counted = (n: number, minor: number) => `${n} / ${m(minor)}`
  const who = total.cashier === null ? 'Whole till' : `Cashier: ${total.cashier || 'no name'}`
  const byMethod = rows.filter(
    (r) => r.cashier === total.cashier && r.currency === total.currency && r.method !== 'all',
  )
  return [
    FULL,
    '---',
    title(`${who} (${total.currency})`),
    LABELS,
    row('Sales', String(total.sales)),
    boldRow('Gross', m(total.grossMinor)),
    row('Pending', counted(total.unconfirmed, total.unconfirmedMinor)),
    row('Voids', counted(total.voids, total.voidsMinor)),
    row('Refunds', counted(total.refunds, total.refundsMinor)),
    boldRow('Net', m(total.netMinor)),
    row('Average', m(total.averageMinor)),
    row('Paid late', String(total.paidLate)),
    row('Overpaid', String(total.overpaid)),
    row('Underpaid', counted(total.underpaid, total.underpaidMinor)),
    row('Open', counted(total.open, total.openMinor)),
    ...(total.tipsMinor > 0 ? [row('Tips', m(total.tipsMinor))] : []),
    ...(total.requestPayments > 0
      ? [row('Requests', counted(total.requestPayments, total.requestPaymentsMinor))]
      : []),
    ...byMethod.map((r) =>
      row(REPORT_METHODS[r.method as keyof typeof REPORT_METHODS], counted(r.sales, r.grossMinor)),
    ),
  ]
}

function body(r: Receipt, cpl: number): string[] {
  const h = r.header
  switch (r.kind) {
    case 'sale':
      return [
        title(OUTCOME_TITLES[r.outcome]),
        LABELS,
        row('Order', r.orderId),
        // A cart's lines say more than its description (the same lines, joined for BTCPay).
        ...(r.items.length > 0
          ? [ITEMS, ...r.items.map((i) => row(itemText(i), money(i.amount, h))), LABELS]
          : r.description
            ? [FULL, ...paragraph(r.description, cpl), LABELS]
            : []),
        ...(r.tip ? [row('Tip', money(r.tip, h))] : []),
        boldRow('Total', money(r.amount, h)),
        ...paymentLines(r.payments, r.amount.currency, h),
        ...invoiceLines(r.invoiceId, r.link),
      ]
    case 'request-payment':
      return [
        title('PAYMENT'),
        ...paragraph(r.title, cpl),
        LABELS,
        row('Request', r.requestId),
        boldRow('Paid', money(r.paid, h)),
        ...(r.remaining ? [row('Still due', money(r.remaining, h))] : []),
        ...paymentLines(r.payments, r.paid.currency, h),
        ...invoiceLines(r.invoiceId, r.link),
      ]
    case 'void':
      return [
        title('VOID'),
        LABELS,
        row('Order', r.orderId),
        ...(r.description ? [FULL, ...paragraph(r.description, cpl), LABELS] : []),
        boldRow('Amount', money(r.amount, h)),
        FULL,
        ...paragraph('Cancelled before payment. No payment was taken.', cpl),
        ...paragraph('The invoice is void: it can no longer be paid.', cpl),
        ...invoiceLines(r.invoiceId, null),
      ]
    case 'refund':
      return [
        title('REFUND'),
        LABELS,
        row('Order', r.orderId),
        boldRow('Refund', money(r.refunded, h)),
        ...(r.payout ? [row('Pays out', payoutText(r.payout, h))] : []),
        ...invoiceLines(r.invoiceId, null),
        ...paragraph('Scan with your wallet to claim your refund:', cpl),
        `{code:${codeData(r.claimLink)}; option:qrcode,4,m}`,
      ]
    case 'shift-report':
      return [
        title(r.title),
        LABELS,
        ...(r.shiftCashier !== null ? [row('Shift of', r.shiftCashier)] : []),
        row('From', dateText(h, r.from)),
        row('To', dateText(h, r.to)),
        ...(r.rows.length === 0 ? [FULL, '---', text('No sales in this period.')] : []),
        ...r.rows.filter((t) => t.method === 'all').flatMap((t) => reportBlock(t, r.rows, h)),
      ]
  }
}

/** The ReceiptLine source of a receipt on paper of the given width. */
export function receiptDocument(r: Receipt, width: PaperWidth): string {
  const h = r.header
  const cpl = charsPerLine[width]
  const footer = paragraph(h.footer, cpl)
  return [
    FULL,
    // Double height: the shop name stands out at full line width.
    ...paragraph(h.shopName, cpl).map((line) => `^^${line}`),
    ...paragraph(h.terminal, cpl),
    text(dateText(h)),
    ...(h.copy ? [title('COPY')] : []),
    '---',
    ...body(r, cpl),
    ...(footer.length > 0 ? [FULL, '---', ...footer] : []),
  ].join('\n')
}
