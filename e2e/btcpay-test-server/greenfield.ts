// Greenfield API: API-key auth (token/Bearer), permissions, invoices, payment requests and
// /api-keys/current, with BTCPay's error shapes (422 [{path,message}], 400/404 {code,message},
// 401 unauthenticated, 403 missing-permission).
import type { Deps } from './context'
import type { Ctx } from './http'
import {
  baseUrl,
  header,
  isObject,
  parseJsonBody,
  queryGet,
  Router,
  sendEmpty,
  sendJson,
} from './http'
import {
  invoiceData,
  paymentMethods,
  paymentRequestData,
  paymentRequestDueMinor,
} from './greenfield-json'
import type { Invoice, PaymentMethodId } from './invoices'
import {
  InvoiceStateError,
  mark,
  normalizeStatus,
  PAYMENT_METHODS,
  parsePaymentMethodId,
} from './invoices'
import { divisibilityOf, formatUnits, scaleOf, toDecimalString, toUnits } from './money'
import { hasPermission, Policies } from './permissions'
import type { ApiKey, PaymentRequest, StoreData } from './store'

interface ValidationError {
  path: string
  message: string
}

const apiError = (ctx: Ctx, status: number, code: string, message: string): void =>
  sendJson(ctx, status, { code, message })

const validation = (ctx: Ctx, errors: ValidationError[]): void => sendJson(ctx, 422, errors)

const invoiceNotFound = (ctx: Ctx): void =>
  apiError(ctx, 404, 'invoice-not-found', 'The invoice was not found')

const prNotFound = (ctx: Ctx): void =>
  apiError(ctx, 404, 'payment-request-not-found', 'The payment request was not found')

/** APIKeysAuthenticationHandler + GreenfieldAuthenticationHandler.HandleChallengeAsync. */
function authenticate(ctx: Ctx, deps: Deps): ApiKey | null {
  const m = /^(token|bearer)\s+(\S+)/i.exec(header(ctx, 'authorization') ?? '')
  if (!m) {
    apiError(ctx, 401, 'unauthenticated', 'Authentication is required for accessing this endpoint')
    return null
  }
  const key = deps.state.apiKeys.get(m[2] ?? '')
  if (!key) {
    apiError(ctx, 401, 'unauthenticated', 'ApiKey authentication failed: Unknown API Key')
    return null
  }
  return key
}

function forbidden(ctx: Ctx, policy: string): void {
  sendJson(ctx, 403, {
    code: 'missing-permission',
    missingPermission: policy,
    message: `Insufficient API Permissions. Please use an API key with permission "${policy}". You can create an API key in your account's settings / Api Keys.`,
  })
}

/** Authenticates and checks `policy` on `storeId`; answers the error itself and returns null. */
function authorize(ctx: Ctx, deps: Deps, policy: string, storeId: string): StoreData | null {
  const key = authenticate(ctx, deps)
  if (!key) return null
  const store = deps.state.stores.get(storeId)
  if (!store || !hasPermission(key.permissions, policy, storeId)) {
    forbidden(ctx, policy)
    return null
  }
  return store
}

/** Store from the route, or (store-less v2.4 routes) from the invoice itself. */
function invoiceInRoute(
  ctx: Ctx,
  deps: Deps,
  policy: string,
): { store: StoreData; inv: Invoice } | null {
  const inv = deps.state.invoice(ctx.params['invoiceId'] ?? '')
  const storeId = ctx.params['storeId'] ?? inv?.storeId
  if (!storeId) {
    if (authenticate(ctx, deps)) invoiceNotFound(ctx)
    return null
  }
  const store = authorize(ctx, deps, policy, storeId)
  if (!store) return null
  if (!inv || inv.storeId !== store.id) {
    invoiceNotFound(ctx)
    return null
  }
  return { store, inv }
}

function jsonBody(ctx: Ctx): Record<string, unknown> | null {
  const parsed = parseJsonBody(ctx)
  if (!parsed.ok) {
    validation(ctx, [{ path: '', message: 'The request body is not valid JSON.' }])
    return null
  }
  if (!isObject(parsed.value)) {
    validation(ctx, [{ path: '', message: 'A non-empty request body is required.' }])
    return null
  }
  return parsed.value
}

const boolQuery = (ctx: Ctx, name: string): boolean =>
  (queryGet(ctx, name) ?? '').toLowerCase() === 'true'

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
  const store = authorize(ctx, deps, Policies.CanCreateInvoice, ctx.params['storeId'] ?? '')
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
      return validation(ctx, [{ path: 'Status', message: `Status can't be marked as ${status}` }])
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
  const store = authorize(ctx, deps, Policies.CanViewInvoices, ctx.params['storeId'] ?? '')
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

// --- payment requests ----------------------------------------------------------------------------

/** Payment request from the route (store-scoped or store-less), authorized for `policy`. */
function prInRoute(ctx: Ctx, deps: Deps, policy: string): PaymentRequest | null {
  const pr = deps.state.paymentRequests.get(ctx.params['prId'] ?? '')
  const storeId = ctx.params['storeId'] ?? pr?.storeId
  if (!storeId) {
    if (authenticate(ctx, deps)) prNotFound(ctx)
    return null
  }
  const store = authorize(ctx, deps, policy, storeId)
  if (!store) return null
  if (!pr || pr.storeId !== store.id) {
    prNotFound(ctx)
    return null
  }
  return pr
}

function listPaymentRequests(ctx: Ctx, deps: Deps): void {
  const store = authorize(ctx, deps, Policies.CanViewPaymentRequests, ctx.params['storeId'] ?? '')
  if (!store) return
  const includeArchived = boolQuery(ctx, 'includeArchived')
  const list = [...deps.state.paymentRequests.values()]
    .filter((pr) => pr.storeId === store.id && (includeArchived || !pr.archived))
    .map((pr) => paymentRequestData(deps.state, pr))
  sendJson(ctx, 200, list)
}

function getPaymentRequest(ctx: Ctx, deps: Deps): void {
  const pr = prInRoute(ctx, deps, Policies.CanViewPaymentRequests)
  if (pr) sendJson(ctx, 200, paymentRequestData(deps.state, pr))
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
    store = authorize(ctx, deps, Policies.CanModifyPaymentRequests, ctx.params['storeId'] ?? '')
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
  sendJson(ctx, 200, paymentRequestData(state, pr))
}

/** PayPaymentRequest: creates (or reuses) an invoice for the amount due. */
function payPaymentRequest(ctx: Ctx, deps: Deps): void {
  const { state } = deps
  const pr = prInRoute(ctx, deps, Policies.CanViewPaymentRequests)
  if (!pr) return
  const parsed = parseJsonBody(ctx)
  if (!parsed.ok)
    return validation(ctx, [{ path: '', message: 'The request body is not valid JSON.' }])
  const body = isObject(parsed.value) ? parsed.value : {}
  const div = divisibilityOf(pr.currency) ?? 2
  const dueMinor = paymentRequestDueMinor(state, pr)
  let amountMinor: bigint | null = null
  if (body['amount'] !== undefined && body['amount'] !== null) {
    const dec = toDecimalString(body['amount'])
    if (dec === null)
      return validation(ctx, [
        { path: 'Amount', message: 'The amount should be a decimal number.' },
      ])
    amountMinor = toUnits(dec, div)
  }
  const errors: ValidationError[] = []
  if (amountMinor !== null && amountMinor <= 0n)
    errors.push({ path: 'Amount', message: 'The amount should be more than 0' })
  if (amountMinor !== null && !pr.allowCustomPaymentAmounts && amountMinor !== dueMinor)
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
  const wanted = amountMinor !== null && amountMinor < dueMinor ? amountMinor : dueMinor
  if (body['allowPendingInvoiceReuse'] === true) {
    const reusable = state
      .invoicesOfPaymentRequest(pr.id)
      .find((i) => i.status === 'New' && (amountMinor === null || i.priceMinor === wanted))
    if (reusable) return sendJson(ctx, 200, invoiceData(reusable, baseUrl(ctx)))
  }
  const store = state.stores.get(pr.storeId)
  if (!store) return prNotFound(ctx)
  const result = createGreenfieldInvoice(
    deps,
    store,
    {
      amount: formatUnits(wanted, div),
      currency: pr.currency,
      metadata: { orderId: `PAY_REQUEST_${pr.id}`, paymentRequestId: pr.id },
      checkout: { redirectURL: `${baseUrl(ctx)}/payment-requests/${pr.id}` },
      receipt: { enabled: false },
      additionalSearchTerms: [],
    },
    baseUrl(ctx),
  )
  if ('errors' in result) return validation(ctx, result.errors)
  if ('apiError' in result) return apiError(ctx, 400, 'generic-error', result.apiError)
  sendJson(ctx, 200, invoiceData(result, baseUrl(ctx)))
}

function currentApiKey(ctx: Ctx, deps: Deps): void {
  const key = authenticate(ctx, deps)
  if (key)
    sendJson(ctx, 200, { apiKey: key.apiKey, label: key.label, permissions: key.permissions })
}

/** GreenfieldApiKeysController.RevokeCurrentKey: the key revokes itself; later calls get 401. */
function revokeCurrentApiKey(ctx: Ctx, deps: Deps): void {
  const key = authenticate(ctx, deps)
  if (!key) return
  deps.state.apiKeys.delete(key.apiKey)
  ctx.res.writeHead(200).end()
}

export function greenfieldRouter(deps: Deps): Router {
  const r = new Router()
  const h = (fn: (ctx: Ctx, deps: Deps) => void) => (ctx: Ctx) => fn(ctx, deps)
  const S = '/api/v1/stores/:storeId'
  r.on('GET', '/api/v1/api-keys/current', h(currentApiKey))
  r.on('DELETE', '/api/v1/api-keys/current', h(revokeCurrentApiKey))
  r.on('POST', `${S}/invoices`, h(postInvoice))
  r.on('GET', `${S}/invoices`, h(listInvoices))
  for (const base of [`${S}/invoices/:invoiceId`, '/api/v1/invoices/:invoiceId']) {
    r.on('GET', base, h(getInvoice))
    r.on('PUT', base, h(updateInvoice))
    r.on('DELETE', base, h(archiveInvoice))
    r.on('GET', `${base}/payment-methods`, h(getPaymentMethods))
    r.on('POST', `${base}/status`, h(markInvoice))
  }
  r.on('GET', `${S}/payment-requests`, h(listPaymentRequests))
  r.on('POST', `${S}/payment-requests`, h(savePaymentRequest))
  for (const base of [`${S}/payment-requests/:prId`, '/api/v1/payment-requests/:prId']) {
    r.on('GET', base, h(getPaymentRequest))
    r.on('PUT', base, h(savePaymentRequest))
    r.on('DELETE', base, h(archivePaymentRequest))
    r.on('POST', `${base}/pay`, h(payPaymentRequest))
  }
  return r
}
