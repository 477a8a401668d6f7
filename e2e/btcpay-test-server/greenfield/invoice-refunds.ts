// Refunds: BTCPayServer/Controllers/GreenField/GreenfieldInvoiceController.cs (RefundInvoice and
// the refund preview GetInvoiceRefundTriggerData), creating the pull payment as
// PullPaymentHostedService.CreateRefundPullPayment does. Amounts are exact: BTC in sats, fiat in
// minor units, C#'s banker's rounding wherever BTCPay calls Math.Round.
import type { Deps } from '../core/context'
import type { Ctx, Router } from '../core/http'
import { baseUrl, sendJson } from '../core/http'
import type { Invoice, Prompt } from '../core/invoices'
import { parsePaymentMethodId } from '../core/invoices'
import {
  divisibilityOf,
  formatUnits,
  roundDiv,
  satsToFiatMinor,
  scaleOf,
  toDecimalString,
  toUnits,
} from '../core/money'
import { accounting, btc } from '../core/payment-links'
import { formatAmount } from '../core/pull-payments'
import { hasPermission, Policies } from '../core/permissions'
import type { PayoutMethodId, PullPayment } from '../core/pull-payments'
import { newPullPaymentId, PAYOUT_METHODS } from '../core/pull-payments'
import type { StoreData } from '../core/state'
import type { ValidationError } from './auth'
import { apiError, jsonBody, scopedToStore, validation } from './auth'
import { invoiceNotFound } from './invoices'
import { pullPaymentData } from './pull-payments'

export const REFUND_VARIANTS = [
  'RateThen',
  'CurrentRate',
  'OverpaidAmount',
  'Fiat',
  'Custom',
] as const
type RefundVariant = (typeof REFUND_VARIANTS)[number]

/** InvoiceEntity.CanRefund. */
export const canRefund = (inv: Invoice): boolean =>
  inv.status === 'Settled' ||
  inv.status === 'Invalid' ||
  (inv.status === 'Expired' &&
    ['PaidLate', 'PaidOver', 'PaidPartial'].includes(inv.exceptionStatus))

/** What the invoice's prompt saw paid, with BTCPay's "marked settled without payment" rule. */
function paidOn(inv: Invoice, prompt: Prompt): { paidSats: bigint; dueSats: bigint } {
  const acc = accounting(inv, prompt)
  if (acc.paid === 0n && inv.status === 'Settled' && inv.exceptionStatus === 'Marked')
    return { paidSats: acc.totalDue, dueSats: 0n }
  return { paidSats: acc.paid, dueSats: acc.totalDue }
}

const invoiceDivisibility = (inv: Invoice): number => divisibilityOf(inv.currency) ?? 2

/** Math.Round(cryptoPaid * rate, divisibility): the payment's value in the invoice currency. */
const paidInInvoiceCurrency = (inv: Invoice, paidSats: bigint): bigint =>
  inv.currency === 'BTC' || inv.currency === 'SATS'
    ? paidSats
    : satsToFiatMinor(paidSats, invoiceDivisibility(inv), inv.rate)

/** Math.Round(fiat / currentRate, 8): today's BTC for a fiat value (sats). */
function satsAtCurrentRate(
  deps: Deps,
  store: StoreData,
  inv: Invoice,
  minor: bigint,
): bigint | null {
  if (inv.currency === 'BTC' || inv.currency === 'SATS') return minor
  const rate = deps.state.rateFor(store, inv.currency)
  if (!rate) return null
  const div = invoiceDivisibility(inv)
  return roundDiv(minor * 100_000_000n * 10n ** BigInt(rate.scale), 10n ** BigInt(div) * rate.units)
}

function invoiceForRefund(
  ctx: Ctx,
  deps: Deps,
): { store: StoreData; inv: Invoice; key: string[] } | null {
  const inv = deps.state.invoice(ctx.params['invoiceId'] ?? '')
  const found = scopedToStore(
    ctx,
    deps,
    Policies.CanCreateNonApprovedPullPayments,
    inv,
    invoiceNotFound,
  )
  return (
    found && { store: found.access.store, inv: found.entity, key: found.access.key.permissions }
  )
}

/** GetInvoiceRefundTriggerData: what each variant would pay, for a payment method of the invoice. */
function refundPreview(ctx: Ctx, deps: Deps): void {
  const found = invoiceForRefund(ctx, deps)
  if (!found) return
  const { inv, store } = found
  const method = parsePaymentMethodId(ctx.params['paymentMethodId'] ?? '')
  const prompt = method && inv.prompts.find((p) => p.method === method)
  if (!prompt) return apiError(ctx, 400, 'invalid-payment-method', 'Invalid payment method')
  const { paidSats, dueSats } = paidOn(inv, prompt)
  const paidFiat = paidInInvoiceCurrency(inv, paidSats)
  const now = satsAtCurrentRate(deps, store, inv, paidFiat)
  if (now === null) return apiError(ctx, 400, 'rate-failure', 'Failed to fetch rate')
  sendJson(ctx, 200, {
    paymentAmountThen: btc(paidSats),
    paymentAmountNow: btc(now),
    invoiceAmount: formatUnits(paidFiat, invoiceDivisibility(inv)),
    paymentCurrency: 'BTC',
    paymentCurrencyDivisibility: 8,
    invoiceCurrencyDivisibility: invoiceDivisibility(inv),
    invoiceCurrency: inv.currency,
    overpaidPaymentAmount: inv.exceptionStatus === 'PaidOver' ? btc(paidSats - dueSats) : null,
  })
}

/** amount * (1 - pct/100), Math.Round to `scale` digits (banker's rounding). */
function subtractPercentage(units: bigint, pct: string): bigint {
  const ps = scaleOf(pct)
  const hundred = 100n * 10n ** BigInt(ps)
  return roundDiv(units * (hundred - toUnits(pct, ps)), hundred)
}

/** RefundInvoice. */
function refund(ctx: Ctx, deps: Deps): void {
  const found = invoiceForRefund(ctx, deps)
  if (!found) return
  const { inv, store } = found
  if (!canRefund(inv)) return apiError(ctx, 400, 'non-refundable', 'Cannot refund this invoice')
  const body = jsonBody(ctx)
  if (!body) return
  const errors: ValidationError[] = []
  const explicit = Array.isArray(body['payoutMethods'])
  const errorKey = explicit ? 'PayoutMethods' : 'PayoutMethodId'
  const requested: unknown[] = explicit
    ? (body['payoutMethods'] as unknown[])
    : [
        body['payoutMethodId'] ??
          body['paymentMethod'] ??
          inv.checkout.defaultPaymentMethod ??
          inv.prompts[0]?.method,
      ]
  const methods: PayoutMethodId[] = []
  for (const p of requested) {
    const id = typeof p === 'string' ? parsePaymentMethodId(p) : null
    if (id && PAYOUT_METHODS.includes(id)) {
      if (!methods.includes(id)) methods.push(id)
    } else if (explicit)
      errors.push({ path: errorKey, message: `Invalid or unsupported payout method: ${String(p)}` })
  }
  // GetClosestPaymentMethodId: the invoice's own prompt for the first matching payout method.
  const prompt = methods
    .map((m) => inv.prompts.find((p) => p.method === m))
    .find((p) => p !== undefined)
  if (!prompt)
    errors.push({
      path: errorKey,
      message:
        'Please select one of the payment methods which were available for the original invoice',
    })
  const variant = body['refundVariant']
  if (variant === undefined || variant === null)
    errors.push({ path: 'RefundVariant', message: '`refundVariant` is mandatory' })
  if (errors.length > 0 || !prompt) return validation(ctx, errors)

  const { paidSats, dueSats } = paidOn(inv, prompt)
  const paidFiat = paidInInvoiceCurrency(inv, paidSats)
  if (variant !== 'Custom') {
    if (body['customAmount'] !== undefined && body['customAmount'] !== null)
      errors.push({
        path: 'CustomAmount',
        message: 'CustomAmount should only be set if the refundVariant is Custom',
      })
    if (body['customCurrency'] !== undefined && body['customCurrency'] !== null)
      errors.push({
        path: 'CustomCurrency',
        message: 'CustomCurrency should only be set if the refundVariant is Custom',
      })
  }
  const pctRaw = body['subtractPercentage']
  const pct = pctRaw === undefined || pctRaw === null ? null : toDecimalString(pctRaw)
  if (
    pctRaw !== undefined &&
    pctRaw !== null &&
    (pct === null || pct.startsWith('-') || toUnits(pct, 8) > 100_00000000n)
  )
    errors.push({
      path: 'SubtractPercentage',
      message: 'Percentage must be a numeric value between 0 and 100',
    })
  if (errors.length > 0) return validation(ctx, errors)

  let currency = 'BTC'
  let scale = 8
  let units: bigint
  let autoApprove: boolean
  switch (variant as RefundVariant) {
    case 'RateThen':
      units = paidSats
      autoApprove = true
      break
    case 'CurrentRate': {
      const now = satsAtCurrentRate(deps, store, inv, paidFiat)
      if (now === null)
        return validation(ctx, [{ path: 'RefundVariant', message: 'Impossible to fetch rate' }])
      units = now
      autoApprove = true
      break
    }
    case 'Fiat':
      currency = inv.currency
      scale = divisibilityOf(inv.currency) ?? 8
      units = paidFiat
      autoApprove = false
      break
    case 'OverpaidAmount':
      if (inv.exceptionStatus !== 'PaidOver')
        return validation(ctx, [{ path: 'RefundVariant', message: 'Invoice is not overpaid' }])
      units = paidSats - dueSats
      autoApprove = true
      break
    case 'Custom': {
      const amount = toDecimalString(body['customAmount'])
      const custom =
        typeof body['customCurrency'] === 'string' ? body['customCurrency'].toUpperCase() : ''
      const customScale = divisibilityOf(custom)
      if (amount === null || amount.startsWith('-') || toUnits(amount, 8) === 0n)
        errors.push({ path: 'CustomAmount', message: 'Amount must be greater than 0' })
      if (customScale === undefined)
        errors.push({ path: 'CustomCurrency', message: 'Invalid currency' })
      if (errors.length > 0 || amount === null || customScale === undefined)
        return validation(ctx, errors)
      currency = custom
      // BTCPay keeps the custom amount as given; the percentage then rounds to the payment
      // method's divisibility (8), not the custom currency's.
      scale = Math.max(customScale, 8)
      units = toUnits(amount, scale)
      autoApprove = custom === 'BTC'
      break
    }
    default:
      return validation(ctx, [
        { path: 'RefundVariant', message: 'Please select a valid refund option' },
      ])
  }
  if (pct !== null && toUnits(pct, 8) > 0n) units = subtractPercentage(units, pct)
  const finalScale = divisibilityOf(currency) ?? 8
  const pp: PullPayment = {
    id: newPullPaymentId(),
    storeId: store.id,
    name: typeof body['name'] === 'string' ? body['name'] : `Refund ${inv.id}`,
    description: typeof body['description'] === 'string' ? body['description'] : '',
    currency,
    amount: formatAmount(roundDiv(units, 10n ** BigInt(scale - finalScale)), currency),
    startsAt: deps.state.now(),
    expiresAt: null,
    archived: false,
    // Approved at once only when the key may also create approved pull payments.
    autoApproveClaims:
      autoApprove && hasPermission(found.key, Policies.CanCreatePullPayments, store.id),
    payoutMethods: methods,
    invoiceId: inv.id,
  }
  deps.state.pullPayments.set(pp.id, pp)
  sendJson(ctx, 200, pullPaymentData(pp, baseUrl(ctx)))
}

export function invoiceRefundRoutes(r: Router, deps: Deps): void {
  for (const base of [
    '/api/v1/stores/:storeId/invoices/:invoiceId',
    '/api/v1/invoices/:invoiceId',
  ]) {
    r.on('POST', `${base}/refund`, (ctx) => refund(ctx, deps))
    r.on('GET', `${base}/refund/:paymentMethodId`, (ctx) => refundPreview(ctx, deps))
  }
}
