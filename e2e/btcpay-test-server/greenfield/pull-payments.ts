// Greenfield pull payments: BTCPayServer/Controllers/GreenField/GreenfieldPullPaymentController.cs
// (the anonymous GetPullPayment, GetPayouts, GetPayout, GetPullPaymentLNURL and the customer's
// claim CreatePayout; the store's list). LNURL-withdraw is offered, as in
// PullPaymentHostedService.SupportsLNURL, only for BTC or SATS pull payments that accept Lightning.
import type { Deps } from '../core/context'
import { bech32Encode, toWords } from '../core/encoding'
import type { Ctx, Router } from '../core/http'
import { baseUrl, sendJson } from '../core/http'
import { toDecimalString } from '../core/money'
import { Policies } from '../core/permissions'
import type { Payout, PayoutMethodId, PullPayment } from '../core/pull-payments'
import { claim, PAYOUT_METHODS, PayoutError } from '../core/pull-payments'
import { apiError, authorize, boolQuery, jsonBody, validation } from './auth'

const seconds = (ms: number): number => Math.floor(ms / 1000)

/** GreenfieldInvoiceController.CreatePullPaymentData / GreenfieldPullPaymentController. */
export function pullPaymentData(pp: PullPayment, base: string): Record<string, unknown> {
  return {
    startsAt: seconds(pp.startsAt),
    expiresAt: pp.expiresAt === null ? null : seconds(pp.expiresAt),
    id: pp.id,
    name: pp.name,
    description: pp.description,
    currency: pp.currency,
    amount: pp.amount,
    // TimeSpanJsonConverter.Days writes a number of days.
    BOLT11Expiration: 30,
    archived: pp.archived,
    viewLink: `${base}/pull-payments/${pp.id}`,
    autoApproveClaims: pp.autoApproveClaims,
  }
}

export const payoutData = (p: Payout): Record<string, unknown> => ({
  date: seconds(p.date),
  id: p.id,
  pullPaymentId: p.pullPaymentId,
  destination: p.destination,
  payoutMethodId: p.payoutMethodId,
  originalAmount: p.originalAmount,
  originalCurrency: p.originalCurrency,
  payoutCurrency: p.payoutCurrency,
  payoutAmount: p.payoutAmount,
  state: p.state,
  revision: p.revision,
  paymentProof: p.paymentProof,
  metadata: {},
})

export const supportsLnurl = (pp: PullPayment): boolean =>
  pp.payoutMethods.includes('BTC-LN') && (pp.currency === 'BTC' || pp.currency === 'SATS')

/** GetPullPaymentLNURL: the withdraw endpoint of UILNURLController, as bech32 and as lnurlw://. */
export function pullPaymentLnurl(pp: PullPayment, base: string) {
  const endpoint = `${base}/BTC/UILNURL/withdraw/pp/${pp.id}`
  return {
    lnurlBech32: bech32Encode('lnurl', toWords(Buffer.from(endpoint, 'utf8'))).toUpperCase(),
    lnurlUri: endpoint.replace(/^https?:\/\//, 'lnurlw://'),
  }
}

const pullPaymentNotFound = (ctx: Ctx): void =>
  apiError(ctx, 404, 'pullpayment-not-found', 'The pull payment was not found')

function pullPaymentInRoute(ctx: Ctx, deps: Deps): PullPayment | null {
  const pp = deps.state.pullPayments.get(ctx.params['pullPaymentId'] ?? '')
  if (!pp) pullPaymentNotFound(ctx)
  return pp ?? null
}

export const payoutsOf = (deps: Deps, pp: PullPayment): Payout[] =>
  [...deps.state.payouts.values()].filter((p) => p.pullPaymentId === pp.id)

/** The customer's claim (CreatePayout), shared by the API, the public page and the control API. */
export function claimPullPayment(
  deps: Deps,
  pp: PullPayment,
  input: { destination: string; amount: string | null; payoutMethodId: PayoutMethodId },
): Payout {
  const payout = claim(pp, payoutsOf(deps, pp), input, deps.state.now())
  deps.state.payouts.set(payout.id, payout)
  if (pp.autoApproveClaims) deps.state.approvePayout(payout)
  return payout
}

function createPayout(ctx: Ctx, deps: Deps): void {
  const pp = pullPaymentInRoute(ctx, deps)
  if (!pp) return
  const body = jsonBody(ctx)
  if (!body) return
  const method = String(body['payoutMethodId'] ?? body['paymentMethod'] ?? 'BTC-CHAIN')
  if (!PAYOUT_METHODS.includes(method as PayoutMethodId))
    return validation(ctx, [{ path: 'PayoutMethodId', message: 'Invalid payout method' }])
  const amount =
    body['amount'] === undefined || body['amount'] === null ? null : toDecimalString(body['amount'])
  if (body['amount'] !== undefined && body['amount'] !== null && amount === null)
    return validation(ctx, [{ path: 'Amount', message: 'The amount should be a decimal number.' }])
  try {
    const payout = claimPullPayment(deps, pp, {
      destination: typeof body['destination'] === 'string' ? body['destination'] : '',
      amount,
      payoutMethodId: method as PayoutMethodId,
    })
    sendJson(ctx, 200, payoutData(payout))
  } catch (e) {
    if (e instanceof PayoutError)
      return validation(ctx, [{ path: 'Destination', message: e.message }])
    throw e
  }
}

export function pullPaymentRoutes(r: Router, deps: Deps): void {
  const P = '/api/v1/pull-payments/:pullPaymentId'
  r.on('GET', '/api/v1/stores/:storeId/pull-payments', (ctx) => {
    const access = authorize(ctx, deps, Policies.CanViewPullPayments, ctx.params['storeId'] ?? '')
    if (!access) return
    const includeArchived = boolQuery(ctx, 'includeArchived')
    const list = [...deps.state.pullPayments.values()].filter(
      (pp) => pp.storeId === access.store.id && (includeArchived || !pp.archived),
    )
    sendJson(
      ctx,
      200,
      list.map((pp) => pullPaymentData(pp, baseUrl(ctx))),
    )
  })
  r.on('GET', P, (ctx) => {
    const pp = pullPaymentInRoute(ctx, deps)
    if (pp) sendJson(ctx, 200, pullPaymentData(pp, baseUrl(ctx)))
  })
  r.on('GET', `${P}/payouts`, (ctx) => {
    const pp = pullPaymentInRoute(ctx, deps)
    if (!pp) return
    const all = boolQuery(ctx, 'includeCancelled')
    const list = payoutsOf(deps, pp).filter((p) => all || p.state !== 'Cancelled')
    sendJson(ctx, 200, list.map(payoutData))
  })
  r.on('GET', `${P}/payouts/:payoutId`, (ctx) => {
    const payout = deps.state.payouts.get(ctx.params['payoutId'] ?? '')
    if (!payout || payout.pullPaymentId !== ctx.params['pullPaymentId'])
      return apiError(ctx, 404, 'payout-not-found', 'The payout was not found')
    sendJson(ctx, 200, payoutData(payout))
  })
  r.on('POST', `${P}/payouts`, (ctx) => createPayout(ctx, deps))
  r.on('GET', `${P}/lnurl`, (ctx) => {
    const pp = pullPaymentInRoute(ctx, deps)
    if (!pp) return
    if (!supportsLnurl(pp))
      return apiError(ctx, 400, 'lnurl-not-supported', 'LNURL not supported for this pull payment')
    sendJson(ctx, 200, pullPaymentLnurl(pp, baseUrl(ctx)))
  })
}
