import type { Figures, ReportRow } from '../../shared/shifts'
import { emptyFigures } from '../shifts/report'
import type { Receipt, ReceiptHeader } from './receipt'

/** 5 December 2026, 18:59 UTC: 19:59 in Berlin. */
const header: ReceiptHeader = {
  shopName: 'Corner Café',
  terminal: 'Front counter',
  at: Date.UTC(2026, 11, 5, 18, 59, 30),
  footer: 'Thank you for paying with bitcoin!\nVAT no. DE123456789',
  locale: 'en-GB',
  timeZone: 'Europe/Berlin',
  copy: false,
}
const link = 'https://btcpay.example.com/i/Jx9AbCdEfGhJkLmNoPqRsT'

const none: Figures = emptyFigures()
/**
 * Two paid sales (12.50 Lightning, 4.50 on-chain, the latter a payment on a payment request), one
 * void, one still open; all by Ana.
 */
const day: Figures = {
  ...none,
  sales: 2,
  grossMinor: 1700,
  requestPayments: 1,
  requestPaymentsMinor: 450,
  voids: 1,
  voidsMinor: 450,
  netMinor: 1700,
  averageMinor: 850,
  open: 1,
  openMinor: 300,
}
const lightning: Figures = {
  ...none,
  sales: 1,
  grossMinor: 1250,
  netMinor: 1250,
  averageMinor: 1250,
}
const onChain: Figures = {
  ...none,
  sales: 1,
  grossMinor: 450,
  netMinor: 450,
  averageMinor: 450,
  requestPayments: 1,
  requestPaymentsMinor: 450,
}
const rowsOf = (cashier: string | null): ReportRow[] => [
  { ...day, cashier, currency: 'EUR', method: 'all' },
  { ...lightning, cashier, currency: 'EUR', method: 'lightning' },
  { ...onChain, cashier, currency: 'EUR', method: 'on-chain' },
  {
    ...none,
    voids: 1,
    voidsMinor: 450,
    open: 1,
    openMinor: 300,
    cashier,
    currency: 'EUR',
    method: 'none',
  },
]

/** One receipt of every kind, as the golden files show them. */
export const receiptsByKind: Record<Receipt['kind'], Receipt> = {
  sale: {
    kind: 'sale',
    header,
    orderId: 'K7Q2M9XA-42',
    description: 'Espresso & croissant -- 10% off',
    items: [],
    tip: null,
    amount: { minor: 1250, currency: 'EUR' },
    outcome: 'settled',
    payments: [{ method: 'lightning', btc: '0.00027174', rate: '46000.0' }],
    invoiceId: 'Jx9AbCdEfGhJkLmNoPqRsT',
    link,
  },
  'request-payment': {
    kind: 'request-payment',
    header,
    requestId: 'PR8xYz',
    title: 'Catering, 12 December',
    paid: { minor: 20000, currency: 'EUR' },
    remaining: { minor: 5050, currency: 'EUR' },
    payments: [{ method: 'on-chain', btc: '0.00434783', rate: '46000' }],
    invoiceId: 'Lm3NoPqRsTuVwXyZaBcDeF',
    link: 'https://btcpay.example.com/i/Lm3NoPqRsTuVwXyZaBcDeF',
  },
  void: {
    kind: 'void',
    header,
    orderId: 'K7Q2M9XA-43',
    description: 'Cake',
    amount: { minor: 450, currency: 'EUR' },
    invoiceId: 'Qr5StUvWxYzAbCdEfGhJkL',
  },
  refund: {
    kind: 'refund',
    header,
    orderId: 'K7Q2M9XA-42',
    invoiceId: 'Jx9AbCdEfGhJkLmNoPqRsT',
    refunded: { minor: 1250, currency: 'EUR' },
    payout: { amount: '0.00027174', currency: 'BTC' },
    claimLink: 'https://btcpay.example.com/pull-payments/3mVrNq8aBcD',
  },
  'shift-report': {
    kind: 'shift-report',
    // A report is for the shop, not a customer: no thank-you footer.
    header: { ...header, footer: '' },
    title: 'Z-REPORT',
    shiftCashier: 'Ana',
    from: Date.UTC(2026, 11, 5, 7, 0),
    to: Date.UTC(2026, 11, 5, 18, 59, 30),
    rows: [...rowsOf(null), ...rowsOf('Ana')],
  },
}
