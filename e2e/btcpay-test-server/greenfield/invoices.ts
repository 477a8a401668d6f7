// Greenfield invoices: BTCPayServer/Controllers/GreenField/GreenfieldInvoiceController.cs
// (create, list, get, update metadata, archive, mark status, payment-methods; store-scoped and the
// v2.4 store-less routes).
import type { Deps } from '../core/context'
import type { Ctx, Router } from '../core/http'
import { baseUrl, isObject, queryGet, sendEmpty, sendJson } from '../core/http'
import type { Invoice, PaymentMethodId } from '../core/invoices'
import {
  InvoiceStateError,
  mark,
  normalizeStatus,
  PAYMENT_METHODS,
  parsePaymentMethodId,
} from '../core/invoices'
import { divisibilityOf, formatUnits, scaleOf, toDecimalString, toUnits } from '../core/money'
import { Policies } from '../core/permissions'
import type { StoreData } from '../core/state'
import type { ValidationError } from './auth'
import { apiError, authorize, boolQuery, jsonBody, scopedToStore, validation } from './auth'
import { invoiceData, paymentMethods } from './json'

export const invoiceNotFound = (ctx: Ctx): void =>
  apiError(ctx, 404, 'invoice-not-found', 'The invoice was not found')

/** The invoice named by the route, authorized for `policy`. */
function invoiceInRoute(
  ctx: Ctx,
  deps: Deps,
  policy: string,
): { store: StoreData; inv: Invoice } | null {
  const inv = deps.state.invoice(ctx.params['invoiceId'] ?? '')
  const found = scopedToStore(ctx, deps, policy, inv, invoiceNotFound)
  return found && { store: found.access.store, inv: found.entity }
}
/** A decimal (string or number) kept at its own scale unless it exceeds the currency's. */
function decimalAmount(value: unknown, div: number): string | null {
  const dec = toDecimalString(value)
  if (dec === null) return null
  return scaleOf(dec) <= div ? dec : formatUnits(toUnits(dec, div), div)
}

// --- invoices -----------------------------------------------------------------------------------

const SPEED_POLICIES = ['HighSpeed', 'MediumSpeed', 'LowMediumSpeed', 'LowSpeed']

interface InvoiceRequest {
  amount: string | null
  currency: string
  metadata: Record<string, unknown>
  checkout: Record<string, unknown>
  receipt: Record<string, unknown>
  additionalSearchTerms: string[]
}

/** CreateInvoice in GreenfieldInvoiceController, then CreateInvoiceCoreRaw. */
export function createGreenfieldInvoice(
  deps: Deps,
  store: StoreData,
  req: InvoiceRequest,
  serverUrl: string,
): Invoice | { errors: ValidationError[] } | { apiError: string } {
  const errors: ValidationError[] = []
  const checkout = req.checkout
  let methods: PaymentMethodId[] = [...PAYMENT_METHODS]
  if (Array.isArray(checkout['paymentMethods']) && checkout['paymentMethods'].length > 0) {
    methods = []
    checkout['paymentMethods'].forEach((pm, i) => {
      const id = typeof pm === 'string' ? parsePaymentMethodId(pm) : null
      if (id) methods.push(id)
      else
        errors.push({ path: `Checkout.PaymentMethods[${i}]`, message: 'Invalid PaymentMethodId' })
    })
  }
  const expirationMinutes = checkout['expirationMinutes']
  if (expirationMinutes !== undefined && expirationMinutes !== null) {
    if (typeof expirationMinutes !== 'number')
      errors.push({
        path: 'Checkout.Expiration',
        message: 'The expiration must be a number of minutes',
      })
    else if (expirationMinutes * 60 < 30)
      errors.push({
        path: 'Checkout.Expiration',
        message: 'Expiration time must be at least 30 seconds',
      })
  }
  const tolerance = checkout['paymentTolerance']
  if (
    tolerance !== undefined &&
    tolerance !== null &&
    (typeof tolerance !== 'number' || tolerance < 0 || tolerance > 100)
  )
    errors.push({
      path: 'Checkout.PaymentTolerance',
      message: 'PaymentTolerance can only be between 0 and 100 percent',
    })
  const speed = checkout['speedPolicy']
  if (speed !== undefined && speed !== null && !SPEED_POLICIES.includes(String(speed)))
    errors.push({ path: 'Checkout.SpeedPolicy', message: `Invalid speedPolicy: ${String(speed)}` })
  if (errors.length > 0) return { errors }
  const { state } = deps
  const currency = req.currency.trim().toUpperCase() || store.defaultCurrency
  const rate = state.rateFor(store, currency)
  const div = divisibilityOf(currency)
  if (!rate || div === undefined)
    return { apiError: `Currency ${currency} is not supported by this store (no rate available)` }
  const now = state.now()
  const expiresAt =
    typeof expirationMinutes === 'number'
      ? now + Math.round(expirationMinutes * 60_000)
      : now + store.invoiceExpirationMs
  const monitoring = checkout['monitoringMinutes']
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
  const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null)
  const defaultPm = str(checkout['defaultPaymentMethod'])
  return state.addInvoice({
    storeId: store.id,
    now,
    price: req.amount === null ? null : (decimalAmount(req.amount, div) ?? req.amount),
    currency,
    rate,
    expiresAt,
    monitoringMs:
      typeof monitoring === 'number' ? Math.round(monitoring * 60_000) : store.monitoringMs,
    paymentMethods: methods,
    metadata: req.metadata,
    additionalSearchTerms: req.additionalSearchTerms,
    checkout: {
      speedPolicy: str(speed) ?? store.speedPolicy,
      redirectURL: str(checkout['redirectURL']),
      redirectAutomatically: bool(checkout['redirectAutomatically']) ?? false,
      defaultLanguage: str(checkout['defaultLanguage']),
      paymentTolerance: typeof tolerance === 'number' ? tolerance : 0,
      defaultPaymentMethod: defaultPm ? (parsePaymentMethodId(defaultPm) ?? defaultPm) : null,
    },
    receipt: {
      enabled: bool(req.receipt['enabled']),
      showQR: bool(req.receipt['showQR']),
      showPayments: bool(req.receipt['showPayments']),
    },
    serverUrl,
  })
}

function postInvoice(ctx: Ctx, deps: Deps): void {
  const store = authorize(ctx, deps, Policies.CanCreateInvoice, ctx.params['storeId'] ?? '')?.store
  if (!store) return
  const body = jsonBody(ctx)
  if (!body) return
  const errors: ValidationError[] = []
  let amount: string | null = null
  if (body['amount'] !== undefined && body['amount'] !== null && body['amount'] !== '') {
    amount = toDecimalString(body['amount'])
    if (amount === null)
      errors.push({ path: 'Amount', message: 'The amount should be a decimal number.' })
    else if (amount.startsWith('-'))
      errors.push({ path: 'Amount', message: 'The amount should be 0 or more.' })
  }
  if (body['metadata'] !== undefined && body['metadata'] !== null && !isObject(body['metadata']))
    errors.push({ path: 'Metadata', message: 'The metadata should be a JSON object.' })
  if (body['checkout'] !== undefined && body['checkout'] !== null && !isObject(body['checkout']))
    errors.push({ path: 'Checkout', message: 'The checkout should be a JSON object.' })
  if (errors.length > 0) return validation(ctx, errors)
  const result = createGreenfieldInvoice(
    deps,
    store,
    {
      amount,
      currency: typeof body['currency'] === 'string' ? body['currency'] : '',
      metadata: isObject(body['metadata']) ? body['metadata'] : {},
      checkout: isObject(body['checkout']) ? body['checkout'] : {},
      receipt: isObject(body['receipt']) ? body['receipt'] : {},
      additionalSearchTerms: Array.isArray(body['additionalSearchTerms'])
        ? body['additionalSearchTerms'].filter((x): x is string => typeof x === 'string')
        : [],
    },
    baseUrl(ctx),
  )
  if ('errors' in result) return validation(ctx, result.errors)
  if ('apiError' in result) return apiError(ctx, 400, 'generic-error', result.apiError)
  sendJson(ctx, 200, invoiceData(result, baseUrl(ctx)))
}

function getInvoice(ctx: Ctx, deps: Deps): void {
  const found = invoiceInRoute(ctx, deps, Policies.CanViewInvoices)
  if (found)
    sendJson(
      ctx,
      200,
      invoiceData(found.inv, baseUrl(ctx), boolQuery(ctx, 'includePaymentMethods')),
    )
}

function getPaymentMethods(ctx: Ctx, deps: Deps): void {
  const found = invoiceInRoute(ctx, deps, Policies.CanViewInvoices)
  if (found) sendJson(ctx, 200, paymentMethods(found.inv))
}

function markInvoice(ctx: Ctx, deps: Deps): void {
  const found = invoiceInRoute(ctx, deps, Policies.CanModifyInvoices)
  if (!found) return
  const body = jsonBody(ctx)
  if (!body) return
  const status = body['status']
  if (status !== 'Settled' && status !== 'Invalid')
    return validation(ctx, [
      { path: 'Status', message: 'Status can only be marked to Settled or Invalid' },
    ])
  try {
    mark(found.inv, status)
  } catch (e) {
    if (e instanceof InvoiceStateError)
      return validation(ctx, [
        {
          path: 'Status',
          message: 'Status can only be marked to invalid or settled within certain conditions.',
        },
      ])
    throw e
  }
  deps.state.changed(found.inv)
  sendJson(ctx, 200, invoiceData(found.inv, baseUrl(ctx)))
}

function archiveInvoice(ctx: Ctx, deps: Deps): void {
  const found = invoiceInRoute(ctx, deps, Policies.CanModifyInvoices)
  if (!found) return
  found.inv.archived = true
  sendEmpty(ctx, 200)
}

function updateInvoice(ctx: Ctx, deps: Deps): void {
  const found = invoiceInRoute(ctx, deps, Policies.CanModifyInvoices)
  if (!found) return
  const body = jsonBody(ctx)
  if (!body) return
  if (isObject(body['metadata'])) {
    found.inv.metadata = body['metadata']
    found.inv.version++
    deps.state.changed(found.inv)
  }
  sendJson(ctx, 200, invoiceData(found.inv, baseUrl(ctx)))
}

function listInvoices(ctx: Ctx, deps: Deps): void {
  const store = authorize(ctx, deps, Policies.CanViewInvoices, ctx.params['storeId'] ?? '')?.store
  if (!store) return
  const seconds = (name: string): number | null => {
    const v = queryGet(ctx, name)
    return v !== undefined && /^\d+$/.test(v) ? Number(v) * 1000 : null
  }
  const start = seconds('startDate')
  const end = seconds('endDate')
  if (start !== null && end !== null && start > end)
    return validation(ctx, [
      { path: 'startDate', message: 'startDate should not be above endDate' },
      { path: 'endDate', message: 'endDate should not be below startDate' },
    ])
  const orderIds = ctx.query.getAll('orderId')
  const statuses = ctx.query
    .getAll('status')
    .map(normalizeStatus)
    .filter((s) => s !== null)
  const text = queryGet(ctx, 'textSearch')?.toLowerCase()
  const includeArchived = boolQuery(ctx, 'includeArchived')
  const skip = Number(queryGet(ctx, 'skip') ?? 0) || 0
  const takeText = queryGet(ctx, 'take')
  const take = takeText !== undefined && /^\d+$/.test(takeText) ? Number(takeText) : null
  const searchable = (i: Invoice): string =>
    [
      i.id,
      i.metadata['orderId'],
      i.metadata['itemDesc'],
      i.metadata['itemCode'],
      ...i.additionalSearchTerms,
    ]
      .filter((x) => typeof x === 'string')
      .join('\n')
      .toLowerCase()
  const list = deps.state
    .listInvoices(store.id)
    .filter((i) => includeArchived || !i.archived)
    .filter((i) => orderIds.length === 0 || orderIds.includes(String(i.metadata['orderId'])))
    .filter((i) => ctx.query.getAll('status').length === 0 || statuses.includes(i.status))
    .filter((i) => start === null || i.createdAt >= start)
    .filter((i) => end === null || i.createdAt <= end)
    .filter((i) => !text || searchable(i).includes(text))
    .slice(skip, take === null ? undefined : skip + take)
  const includePm = boolQuery(ctx, 'includePaymentMethods')
  sendJson(
    ctx,
    200,
    list.map((i) => invoiceData(i, baseUrl(ctx), includePm)),
  )
}

export function invoiceRoutes(r: Router, deps: Deps): void {
  const h = (fn: (ctx: Ctx, deps: Deps) => void) => (ctx: Ctx) => fn(ctx, deps)
  const S = '/api/v1/stores/:storeId'
  r.on('POST', `${S}/invoices`, h(postInvoice))
  r.on('GET', `${S}/invoices`, h(listInvoices))
  for (const base of [`${S}/invoices/:invoiceId`, '/api/v1/invoices/:invoiceId']) {
    r.on('GET', base, h(getInvoice))
    r.on('PUT', base, h(updateInvoice))
    r.on('DELETE', base, h(archiveInvoice))
    r.on('GET', `${base}/payment-methods`, h(getPaymentMethods))
    r.on('POST', `${base}/status`, h(markInvoice))
  }
}
