/**
 * Which refunds BTCPay offers for a sale and what each pays (the till words them) (BTCPay's
 * `GreenfieldInvoiceController.RefundInvoice` and its refund preview). Pure: the sale as the journal has it and BTCPay's refund preview
 * in, the choices out. Every amount stays exact: decimal text from the server, integer minor
 * units for the sale's currency, BigInt in between.
 */
import { minorDigits, minorToDecimal } from '../../shared/money'
import type { RefundOption, RefundVariant } from '../../shared/refund'
import type { RefundPreview } from '../btcpay/greenfield-models'
import type { Sale } from '../journal/sale'
import { say } from '../../shared/ipc/sentence'
import type { Said } from './refund-notes'

/** A sale that never got an invoice: nothing to refund or void. */
export const noInvoice: Said = {
  text: 'This sale never got an invoice at BTCPay: nothing was paid.',
  words: [say('refund.no-invoice')],
}

/** BTCPay's InvoiceEntity.CanRefund, on the journal's names; null when refundable, else why not. */
export function whyNotRefundable(
  sale: Pick<Sale, 'status' | 'exceptionStatus' | 'invoiceId'>,
): Said | null {
  if (sale.invoiceId === null) return noInvoice
  switch (sale.status) {
    case 'complete':
    case 'invalid':
      return null
    case 'expired':
      return sale.exceptionStatus === 'paidLate' ||
        sale.exceptionStatus === 'paidOver' ||
        sale.exceptionStatus === 'paidPartial'
        ? null
        : {
            text: 'This sale expired without payment: there is nothing to refund.',
            words: [say('refund.expired-unpaid')],
          }
    case 'paid':
      return {
        text: 'The payment of this sale is still being confirmed. Refund it once it is settled.',
        words: [say('refund.still-confirming')],
      }
    case 'new':
      return {
        text: 'This sale is not paid yet. Cancel it instead, so the customer can no longer pay it.',
        words: [say('refund.not-paid-yet')],
      }
    default:
      return {
        text: 'This sale was never paid: there is nothing to refund.',
        words: [say('refund.never-paid')],
      }
  }
}

/** Decimal text → units at `scale` (truncating nothing: more digits than `scale` are refused). */
export function decimalUnits(text: string, scale: number): bigint | null {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim())
  if (!m) return null
  const fraction = m[2] ?? ''
  if (fraction.length > scale) return null
  return BigInt(`${m[1]}${fraction.padEnd(scale, '0')}`)
}

/** a * n / d rounded half up, for non-negative values. */
const mulDiv = (a: bigint, n: bigint, d: bigint): bigint =>
  d === 0n ? 0n : (a * n * 2n + d) / (2n * d)

/** The fiat value left after keeping `keepPercent` (decimal text, 0-100) as a fee. */
export function afterKeeping(minor: number, keepPercent: string | undefined): number | null {
  if (keepPercent === undefined) return minor
  const pct = decimalUnits(keepPercent, 8)
  const hundred = 100n * 10n ** 8n
  if (pct === null || pct > hundred) return null
  return Number(mulDiv(BigInt(minor), hundred - pct, hundred))
}

/** The sale-currency minor units of a decimal BTCPay wrote in that currency ("12.50"). */
export function fiatMinorOf(text: string, currency: string): number | null {
  const digits = minorDigits(currency)
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (!m) return null
  const fraction = (m[2] ?? '').padEnd(digits, '0')
  // BTCPay rounds to the currency's divisibility already; extra zeros are all that may remain.
  if (/[1-9]/.test(fraction.slice(digits))) return null
  return Number(BigInt(`${m[1]}${fraction.slice(0, digits)}`))
}

/**
 * The refunds BTCPay would make for this sale, in the order a manager reads them: the fiat amount
 * first (fiat first at the till), then the bitcoin paid, today's value, the overpaid part, and a
 * custom amount. `paidMinor` is what the customer paid in the sale's currency at the rate of the
 * sale: the most a custom refund may take.
 */
export function refundOptionsOf(
  sale: Pick<Sale, 'currency' | 'exceptionStatus'>,
  preview: RefundPreview,
): { options: RefundOption[]; paidMinor: number } {
  const cur = sale.currency
  const paidMinor = fiatMinorOf(preview.invoiceAmount, cur) ?? 0
  const btc = preview.paymentCurrency
  const options: RefundOption[] = [
    {
      variant: 'Fiat',
      amount: minorToDecimal(paidMinor, minorDigits(cur)),
      amountCurrency: cur,
      fiatMinor: paidMinor,
    },
    {
      variant: 'RateThen',
      amount: preview.paymentAmountThen,
      amountCurrency: btc,
      fiatMinor: paidMinor,
    },
    {
      variant: 'CurrentRate',
      amount: preview.paymentAmountNow,
      amountCurrency: btc,
      fiatMinor: paidMinor,
    },
  ]
  if (sale.exceptionStatus === 'paidOver' && preview.overpaidPaymentAmount !== null) {
    const then = decimalUnits(preview.paymentAmountThen, 8)
    const over = decimalUnits(preview.overpaidPaymentAmount, 8)
    const overMinor = then && over !== null ? Number(mulDiv(BigInt(paidMinor), over, then)) : null
    options.push({
      variant: 'OverpaidAmount',
      amount: preview.overpaidPaymentAmount,
      amountCurrency: btc,
      fiatMinor: overMinor,
    })
  }
  options.push({
    variant: 'Custom',
    amount: null,
    amountCurrency: cur,
    fiatMinor: null,
  })
  return { options, paidMinor }
}

/** The variant a till offers first: the overpaid part of an overpaid sale, else the sale's amount. */
export function defaultVariant(options: readonly RefundOption[]): RefundVariant {
  return options.some((o) => o.variant === 'OverpaidAmount') ? 'OverpaidAmount' : 'Fiat'
}
