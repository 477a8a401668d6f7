// Greenfield payment requests: BTCPayServer/Controllers/GreenField/GreenfieldPaymentRequestsController.cs
// (list, create, get, update, archive, pay), with PaymentRequestService's rules.
import type { Deps } from '../core/context'
import type { Ctx, Router } from '../core/http'
import { baseUrl, isObject, parseJsonBody, sendEmpty, sendJson } from '../core/http'
import { divisibilityOf, formatUnits, toDecimalString, toUnits } from '../core/money'
import { Policies } from '../core/permissions'
import type { Invoice } from '../core/invoices'
import type { PaymentRequest } from '../core/payment-requests'
import { amountDueMinor, reusableInvoice } from '../core/payment-requests'
import type { StoreData } from '../core/state'
import type { ValidationError } from './auth'
import { apiError, authorize, boolQuery, jsonBody, scopedToStore, validation } from './auth'
import { createGreenfieldInvoice } from './invoices'
import { invoiceData, paymentRequestData } from './json'

const prNotFound = (ctx: Ctx): void =>
  apiError(ctx, 404, 'payment-request-not-found', 'The payment request was not found')

/** Payment request from the route (store-scoped or store-less), authorized for `policy`. */
function prInRoute(ctx: Ctx, deps: Deps, policy: string): PaymentRequest | null {
  const pr = deps.state.paymentRequest(ctx.params['prId'] ?? '')
  return scopedToStore(ctx, deps, policy, pr, prNotFound)?.entity ?? null
}

function listPaymentRequests(ctx: Ctx, deps: Deps): void {
  const store = authorize(
    ctx,
    deps,
    Policies.CanViewPaymentRequests,
    ctx.params['storeId'] ?? '',
  )?.store
  if (!store) return
  const includeArchived = boolQuery(ctx, 'includeArchived')
  const list = [...deps.state.paymentRequests.values()]
    .filter((pr) => pr.storeId === store.id && (includeArchived || !pr.archived))
    .map((pr) => paymentRequestData(deps.state.paymentRequest(pr.id) ?? pr))
  sendJson(ctx, 200, list)
}

function getPaymentRequest(ctx: Ctx, deps: Deps): void {
  const pr = prInRoute(ctx, deps, Policies.CanViewPaymentRequests)
  if (pr) sendJson(ctx, 200, paymentRequestData(pr))
}

function archivePaymentRequest(ctx: Ctx, deps: Deps): void {
  const pr = prInRoute(ctx, deps, Policies.CanModifyPaymentRequests)
  if (!pr) return
  if (pr.archived) return prNotFound(ctx)
  pr.archived = true
  sendEmpty(ctx, 200)
}

/** CreateOrUpdatePaymentRequest. */
function savePaymentRequest(ctx: Ctx, deps: Deps): void {
  const { state } = deps
  const updating = ctx.method === 'PUT'
  let existing: PaymentRequest | null = null
  let store: StoreData | null
  if (updating) {
    existing = prInRoute(ctx, deps, Policies.CanModifyPaymentRequests)
    if (!existing) return
    store = state.stores.get(existing.storeId) ?? null
  } else {
    store =
      authorize(ctx, deps, Policies.CanModifyPaymentRequests, ctx.params['storeId'] ?? '')?.store ??
      null
  }
  if (!store) return
  const body = jsonBody(ctx)
  if (!body) return
  const errors: ValidationError[] = []
  const str = (k: string): string | null =>
    typeof body[k] === 'string' && body[k] !== '' ? (body[k] as string) : null
  const amountDec =
    body['amount'] === undefined || body['amount'] === null ? '0' : toDecimalString(body['amount'])
  if (amountDec === null)
    errors.push({ path: 'Amount', message: 'The amount should be a decimal number.' })
  const amountPositive = amountDec !== null && toUnits(amountDec, 8) > 0n
  if (!amountPositive && amountDec !== null)
    errors.push({ path: 'Amount', message: 'Please provide an amount greater than 0' })
  const currency = str('currency')?.toUpperCase() ?? null
  if (currency !== null && divisibilityOf(currency) === undefined)
    errors.push({ path: 'Currency', message: 'Invalid currency' })
  if (!str('title')) errors.push({ path: 'Title', message: 'Title is required' })
  const expiry = body['expiryDate']
  if (expiry !== undefined && expiry !== null && typeof expiry !== 'number')
    errors.push({
      path: 'ExpiryDate',
      message: 'The expiryDate should be a unix timestamp in seconds.',
    })
  let amount = amountDec ?? '0'
  let finalCurrency = currency ?? store.defaultCurrency
  if (existing) {
    const changes =
      (amountPositive && amount !== existing.amount) ||
      (currency !== null && currency !== existing.currency)
    if (changes && state.invoicesOfPaymentRequest(existing.id).length > 0)
      errors.push({
        path: 'Amount',
        message: 'Amount and currency are not editable once payment request has invoices',
      })
    if (!amountPositive) amount = existing.amount
    finalCurrency = currency ?? existing.currency
  }
  if (errors.length > 0) return validation(ctx, errors)
  const fields = {
    amount,
    currency: finalCurrency,
    title: str('title') ?? '',
    description: str('description'),
    email: str('email'),
    expiryDate: typeof expiry === 'number' ? expiry : null,
    referenceId: str('referenceId'),
    allowCustomPaymentAmounts: body['allowCustomPaymentAmounts'] === true,
    formId: str('formId'),
  }
  let pr: PaymentRequest
  if (existing) {
    Object.assign(existing, fields, {
      formResponse: existing.formId !== fields.formId ? null : existing.formResponse,
    })
    pr = existing
  } else {
    pr = state.addPaymentRequest({ ...fields, storeId: store.id, formResponse: null })
  }
  state.refreshStatus(pr)
  sendJson(ctx, 200, paymentRequestData(pr))
}

/**
 * UIInvoiceController.CreatePaymentRequestInvoice, after GetReusableInvoice when reuse is asked:
 * an invoice for the amount asked (capped to what is due) or for everything due, carrying the
 * request's orderId, id, e-mail and referenceId (as a search term).
 */
export function invoiceForPaymentRequest(
  deps: Deps,
  pr: PaymentRequest,
  requestedMinor: bigint | null,
  reuse: boolean,
  serverUrl: string,
): Invoice | { apiError: string } {
  const { state } = deps
  const invoices = state.invoicesOfPaymentRequest(pr.id)
  if (reuse) {
    const reusable = reusableInvoice(invoices, requestedMinor)
    if (reusable) return reusable
  }
  const due = amountDueMinor(pr, invoices)
  const amount =
    pr.allowCustomPaymentAmounts && requestedMinor !== null && requestedMinor < due
      ? requestedMinor
      : due
  const store = state.stores.get(pr.storeId)
  if (!store) return { apiError: 'Store not found' }
  const metadata: Record<string, unknown> = {
    ...pr.formResponse,
    orderId: `PAY_REQUEST_${pr.id}`,
    paymentRequestId: pr.id,
  }
  const formEmail = pr.formResponse?.['buyerEmail']
  const email = typeof formEmail === 'string' ? formEmail : pr.email
  if (email) metadata['buyerEmail'] = email
  const result = createGreenfieldInvoice(
    deps,
    store,
    {
      amount: formatUnits(amount, divisibilityOf(pr.currency) ?? 2),
      currency: pr.currency,
      metadata,
      checkout: { redirectURL: `${serverUrl}/payment-requests/${pr.id}` },
      receipt: { enabled: false },
      additionalSearchTerms: pr.referenceId ? [pr.referenceId] : [],
    },
    serverUrl,
  )
  if ('errors' in result) return { apiError: result.errors.map((e) => e.message).join('; ') }
  return result
}

/** PayPaymentRequest: BTCPay's checks in its order, then an invoice (reused or new). */
function payPaymentRequest(ctx: Ctx, deps: Deps): void {
  const { state } = deps
  const pr = prInRoute(ctx, deps, Policies.CanViewPaymentRequests)
  if (!pr) return
  const parsed = parseJsonBody(ctx)
  if (!parsed.ok)
    return validation(ctx, [{ path: '', message: 'The request body is not valid JSON.' }])
  const body = isObject(parsed.value) ? parsed.value : {}
  const dueMinor = amountDueMinor(pr, state.invoicesOfPaymentRequest(pr.id))
  let requested: bigint | null = null
  if (body['amount'] !== undefined && body['amount'] !== null) {
    const dec = toDecimalString(body['amount'])
    if (dec === null)
      return validation(ctx, [
        { path: 'Amount', message: 'The amount should be a decimal number.' },
      ])
    requested = toUnits(dec, divisibilityOf(pr.currency) ?? 2)
  }
  const errors: ValidationError[] = []
  if (requested !== null && requested <= 0n)
    errors.push({ path: 'Amount', message: 'The amount should be more than 0' })
  if (requested !== null && !pr.allowCustomPaymentAmounts && requested !== dueMinor)
    errors.push({
      path: 'Amount',
      message: "This payment request doesn't allow custom payment amount",
    })
  if (errors.length > 0) return validation(ctx, errors)
  if (pr.archived)
    return apiError(ctx, 400, 'archived', 'You cannot pay an archived payment request')
  if (dueMinor <= 0n)
    return apiError(ctx, 400, 'already-paid', 'This payment request is already paid')
  if (pr.expiryDate !== null && state.now() >= pr.expiryDate * 1000)
    return apiError(ctx, 400, 'expired', 'This payment request is expired')
  const result = invoiceForPaymentRequest(
    deps,
    pr,
    requested,
    body['allowPendingInvoiceReuse'] === true,
    baseUrl(ctx),
  )
  if ('apiError' in result) return apiError(ctx, 400, 'generic-error', result.apiError)
  sendJson(ctx, 200, invoiceData(result, baseUrl(ctx)))
}

export function paymentRequestRoutes(r: Router, deps: Deps): void {
  const h = (fn: (ctx: Ctx, deps: Deps) => void) => (ctx: Ctx) => fn(ctx, deps)
  const S = '/api/v1/stores/:storeId'
  r.on('GET', `${S}/payment-requests`, h(listPaymentRequests))
  r.on('POST', `${S}/payment-requests`, h(savePaymentRequest))
  for (const base of [`${S}/payment-requests/:prId`, '/api/v1/payment-requests/:prId']) {
    r.on('GET', base, h(getPaymentRequest))
    r.on('PUT', base, h(savePaymentRequest))
    r.on('DELETE', base, h(archivePaymentRequest))
    r.on('POST', `${base}/pay`, h(payPaymentRequest))
  }
}
