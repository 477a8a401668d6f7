// The legacy BitPay-compatible API of BTCPay's Bitpay plugin:
// BTCPayServer/Plugins/Bitpay/Controllers/BitpayAccessTokenController.cs (/tokens) and
// BitpayInvoiceController.cs (/invoices), behind its routing gate (BitpayEndpointSelectorPolicy),
// BitId / Basic / anonymous authentication and SIN -> store authorization.
import { verifyBitId } from './bitid-verify'
import type { Deps } from '../core/context'
import { isValidSin } from '../core/encoding'
import type { Ctx } from '../core/http'
import {
  baseUrl,
  header,
  isObject,
  parseJsonBody,
  queryGet,
  queryHas,
  sendEmpty,
  sendHtml,
  sendJson,
} from '../core/http'
import type { CheckoutOptions, Invoice, PaymentMethodId } from '../core/invoices'
import { normalizeStatus, PAYMENT_METHODS, parsePaymentMethodId } from '../core/invoices'
import { legacyInvoice } from './legacy-json'
import { divisibilityOf, formatUnits, toDecimalString, toUnits } from '../core/money'
import type { StoreData } from '../core/state'

// --- routing gate (BitpayEndpointSelectorPolicy) ------------------------------------------------

const hasAuth = (ctx: Ctx): boolean =>
  header(ctx, 'authorization') !== undefined ||
  (header(ctx, 'x-signature') !== undefined && header(ctx, 'x-identity') !== undefined) ||
  queryHas(ctx, 'storeId')

const isJson = (ctx: Ctx): boolean =>
  (header(ctx, 'content-type') ?? '').toLowerCase().startsWith('application/json')

/** Whether BTCPay would route this request to the legacy controllers. */
export function isLegacyApiRequest(ctx: Ctx): boolean {
  const { method, path } = ctx
  if (/^\/tokens\/?$/i.test(path))
    return method === 'GET' || method === 'POST' || method === 'OPTIONS'
  if (path === '/invoices' || path === '/invoices/') {
    if (method === 'OPTIONS') return true
    if (method === 'POST') return hasAuth(ctx) && isJson(ctx)
    if (method === 'GET') return hasAuth(ctx)
    return false
  }
  if (/^\/invoices\/[^/]+$/.test(path)) {
    if (method === 'OPTIONS') return true
    return method === 'GET' && (isJson(ctx) || queryHas(ctx, 'token'))
  }
  return false
}

// --- authentication / authorization -----------------------------------------------------------

type Identity =
  | { kind: 'sin'; sin: string }
  | { kind: 'apikey'; storeId: string }
  | { kind: 'anonymous' }
  | { kind: 'failed'; message: string }

/** The URL BTCPay reconstructs (GetEncodedUrl): scheme + Host header + path + raw query. */
export const encodedUrl = (ctx: Ctx): string => `${baseUrl(ctx)}${ctx.rawPath}${ctx.rawQuery}`

function authenticate(ctx: Ctx, deps: Deps): Identity {
  const signature = header(ctx, 'x-signature') ?? ''
  const identity = header(ctx, 'x-identity') ?? ''
  if (signature !== '' && identity !== '') {
    const forcedFailure = deps.faults.take(ctx.method, ctx.path, ['bad-signature']).length > 0
    const sin = forcedFailure ? null : verifyBitId(identity, signature, encodedUrl(ctx), ctx.body)
    return sin ? { kind: 'sin', sin } : { kind: 'failed', message: 'BitId authentication failed' }
  }
  const authorization = header(ctx, 'authorization')
  if (authorization !== undefined) {
    const m = /^Basic\s+(\S+)$/i.exec(authorization.trim())
    const key = m ? Buffer.from(m[1] ?? '', 'base64').toString('ascii') : ''
    const storeId = deps.state.legacyApiKeys.get(key)
    return storeId
      ? { kind: 'apikey', storeId }
      : { kind: 'failed', message: 'ApiKey authentication failed' }
  }
  return { kind: 'anonymous' }
}

function unauthorized(ctx: Ctx, message: string): void {
  sendJson(ctx, 401, { errors: [{ error: message }], error: message })
}

/** Empty-body status (UseStatusCodePagesWithReExecute renders HTML only for Accept: text/html). */
function emptyStatus(ctx: Ctx, status: number): void {
  if ((header(ctx, 'accept') ?? '').includes('text/html')) {
    sendHtml(ctx, status, `<!doctype html><title>${status}</title><h1>${status}</h1>`)
  } else {
    sendEmpty(ctx, status)
  }
}

const bitpayError = (ctx: Ctx, status: number, error: string): void =>
  sendJson(ctx, status, { error })

/** Policy btcpay.store.cancreateinvoice: the store this identity acts for, or null. */
function storeFor(deps: Deps, ctx: Ctx, id: Identity): StoreData | null {
  const { state } = deps
  if (id.kind === 'sin') {
    const token = state.tokenForSin(id.sin)
    return token ? (state.stores.get(token.storeId) ?? null) : null
  }
  if (id.kind === 'apikey') return state.stores.get(id.storeId) ?? null
  if (id.kind === 'anonymous') {
    const storeId = queryGet(ctx, 'storeId')
    const store = storeId ? state.stores.get(storeId) : undefined
    return store?.anyoneCanInvoice ? store : null
  }
  return null
}

/** Authenticates and authorizes an invoice call; answers 401/403 itself and returns null. */
function authorizeInvoiceCall(ctx: Ctx, deps: Deps): { store: StoreData; id: Identity } | null {
  const id = authenticate(ctx, deps)
  if (id.kind === 'failed') {
    unauthorized(ctx, id.message)
    return null
  }
  const store = storeFor(deps, ctx, id)
  if (!store) {
    emptyStatus(ctx, 403)
    return null
  }
  return { store, id }
}

// --- /tokens ------------------------------------------------------------------------------------

function getTokens(ctx: Ctx, deps: Deps): void {
  const id = authenticate(ctx, deps)
  if (id.kind === 'failed') return unauthorized(ctx, id.message)
  const token = id.kind === 'sin' ? deps.state.tokenForSin(id.sin) : undefined
  // GetTokensResponse writes this by hand: only the first token, always keyed "merchant".
  sendJson(ctx, 200, { data: token ? [{ merchant: token.token }] : [] })
}

function postTokens(ctx: Ctx, deps: Deps): void {
  const { state } = deps
  const parsed = parseJsonBody(ctx)
  const request = parsed.ok && isObject(parsed.value) ? parsed.value : null
  if (!request) return bitpayError(ctx, 400, 'The request body is missing')
  const str = (k: string): string | null =>
    typeof request[k] === 'string' ? (request[k] as string) : null
  const pairingCode = str('pairingCode')
  const label = str('label')
  let entry
  if (!pairingCode) {
    const sin = str('id')
    if (!sin || !isValidSin(sin)) return bitpayError(ctx, 400, "'id' property is required")
    entry = state.createPairingCode()
    state.pairWithSin(entry.code, sin)
    entry.label = label
  } else {
    // [AllowAnonymous]: a bad signature is not an error here, the body id is used instead.
    const id = authenticate(ctx, deps)
    const sin = (id.kind === 'sin' ? id.sin : null) ?? str('id')
    if (!sin || !isValidSin(sin))
      return bitpayError(ctx, 400, "'id' property is required, alternatively, use BitId")
    const found = state.pairingCodes.get(pairingCode)
    if (!found) return bitpayError(ctx, 404, 'The specified pairingCode is not found')
    entry = { ...found }
    if (!found.label && label) found.label = entry.label = label
    const result = state.pairWithSin(pairingCode, sin)
    if (result !== 'Complete' && result !== 'Partial')
      return bitpayError(ctx, 400, `Error while pairing (${result})`)
  }
  sendJson(ctx, 200, {
    data: [
      {
        policies: [],
        pairingCode: entry.code,
        pairingExpiration: entry.expiresAt,
        dateCreated: entry.createdAt,
        facade: 'merchant',
        token: entry.tokenValue,
        label: entry.label,
      },
    ],
  })
}

// --- /invoices ----------------------------------------------------------------------------------

const SPEED: Readonly<Record<string, string>> = {
  high: 'HighSpeed',
  medium: 'MediumSpeed',
  'low-medium': 'LowMediumSpeed',
  low: 'LowSpeed',
}

const BUYER_FIELDS: ReadonlyArray<[string, string, string]> = [
  ['buyerName', 'name', 'buyerName'],
  ['buyerEmail', 'email', 'buyerEmail'],
  ['buyerPhone', 'phone', 'buyerPhone'],
  ['buyerAddress1', 'address1', 'buyerAddress1'],
  ['buyerAddress2', 'address2', 'buyerAddress2'],
  ['buyerCity', 'city', 'buyerCity'],
  ['buyerState', 'state', 'buyerState'],
  ['buyerZip', 'zip', 'buyerZip'],
  ['buyerCountry', 'country', 'buyerCountry'],
]

class BitpayHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

function selectPaymentMethods(req: Record<string, unknown>): PaymentMethodId[] {
  let wanted: PaymentMethodId[] = [...PAYMENT_METHODS]
  const list = req['paymentCurrencies']
  if (Array.isArray(list) && list.length > 0) {
    wanted = list
      .map((x) => (typeof x === 'string' ? parsePaymentMethodId(x) : null))
      .filter((x): x is PaymentMethodId => x !== null)
  }
  const supported = req['supportedTransactionCurrencies']
  if (isObject(supported)) {
    const enabled = Object.entries(supported)
      .filter(([, v]) => isObject(v) && v['enabled'] === true)
      .map(([k]) => parsePaymentMethodId(k))
      .filter((x): x is PaymentMethodId => x !== null)
    if (enabled.length > 0) wanted = wanted.filter((m) => enabled.includes(m))
  }
  return [...new Set(wanted)]
}

/** CreateInvoiceCoreRaw for a legacy request body. */
function createLegacyInvoice(
  ctx: Ctx,
  deps: Deps,
  store: StoreData,
  req: Record<string, unknown>,
): Invoice {
  const { state } = deps
  const now = state.now()
  const str = (k: string): string | null => (typeof req[k] === 'string' ? (req[k] as string) : null)
  const expirationTime = typeof req['expirationTime'] === 'number' ? req['expirationTime'] : null
  const expiresAt = expirationTime ?? now + store.invoiceExpirationMs
  if (expiresAt - 30_000 < now) throw new BitpayHttpError(400, 'The expirationTime is set too soon')
  const currency = (str('currency') ?? '').trim().toUpperCase() || store.defaultCurrency
  const rate = state.rateFor(store, currency)
  const div = divisibilityOf(currency)
  const methods = selectPaymentMethods(req)
  if (!rate || div === undefined || methods.length === 0)
    throw new BitpayHttpError(400, 'Error retrieving a matching payment method or rate.')
  let price: string | null = null
  if (req['price'] !== undefined && req['price'] !== null) {
    const dec = toDecimalString(req['price'])
    if (dec === null) throw new BitpayHttpError(400, 'Invalid invoice')
    const units = toUnits(dec, div)
    price = formatUnits(units < 0n ? 0n : units, div)
  }
  const metadata: Record<string, unknown> = {}
  const setMeta = (key: string, value: unknown): void => {
    if (value !== null && value !== undefined) metadata[key] = value
  }
  setMeta('orderId', str('orderId'))
  setMeta('itemDesc', str('itemDesc'))
  setMeta('itemCode', str('itemCode'))
  if (typeof req['physical'] === 'boolean') metadata['physical'] = req['physical']
  const posData = str('posData')
  if (posData !== null) {
    try {
      const obj: unknown = JSON.parse(posData)
      metadata['posData'] = isObject(obj) ? obj : posData
    } catch {
      metadata['posData'] = posData
    }
  }
  const buyer = isObject(req['buyer']) ? req['buyer'] : {}
  for (const [flat, nested, key] of BUYER_FIELDS) {
    setMeta(key, str(flat) ?? (typeof buyer[nested] === 'string' ? buyer[nested] : null))
  }
  const tax = toDecimalString(req['taxIncluded'])
  if (tax !== null && price !== null) {
    const taxUnits = toUnits(tax, div)
    const clamped =
      taxUnits < 0n ? 0n : taxUnits > toUnits(price, div) ? toUnits(price, div) : taxUnits
    metadata['taxIncluded'] = Number(formatUnits(clamped, div))
  }
  const speed = str('transactionSpeed')
  const checkout: CheckoutOptions = {
    speedPolicy: (speed && SPEED[speed]) || store.speedPolicy,
    redirectURL: str('redirectURL') ?? store.website,
    redirectAutomatically:
      typeof req['redirectAutomatically'] === 'boolean' ? req['redirectAutomatically'] : false,
    defaultLanguage: null,
    paymentTolerance: 0,
    defaultPaymentMethod: parsePaymentMethodId(str('defaultPaymentMethod') ?? ''),
  }
  const inv = state.addInvoice({
    storeId: store.id,
    now,
    price,
    currency,
    rate,
    expiresAt,
    monitoringMs: store.monitoringMs,
    paymentMethods: methods,
    metadata,
    // PosDataLegacy: the string as sent unless it was a JSON object (then re-serialized).
    posDataLegacy:
      posData !== null && isObject(metadata['posData'])
        ? JSON.stringify(metadata['posData'], null, 2)
        : posData,
    checkout,
    notificationURL: str('notificationURL'),
    notificationEmail: str('notificationEmail'),
    fullNotifications: req['fullNotifications'] === true || req['extendedNotifications'] === true,
    extendedNotifications: req['extendedNotifications'] === true,
    serverUrl: baseUrl(ctx),
  })
  return inv
}

function postInvoice(ctx: Ctx, deps: Deps): void {
  // [MediaTypeConstraint("application/json")]: exact, case-sensitive prefix.
  if (!(header(ctx, 'content-type') ?? '').startsWith('application/json'))
    return emptyStatus(ctx, 404)
  const auth = authorizeInvoiceCall(ctx, deps)
  if (!auth) return
  const parsed = parseJsonBody(ctx)
  if (!parsed.ok || !isObject(parsed.value)) return bitpayError(ctx, 400, 'Invalid invoice')
  try {
    const inv = createLegacyInvoice(ctx, deps, auth.store, parsed.value)
    sendJson(ctx, 200, { facade: 'pos/invoice', data: legacyInvoice(inv, deps.state.now()) })
  } catch (e) {
    if (e instanceof BitpayHttpError) return bitpayError(ctx, e.status, e.message)
    throw e
  }
}

function getInvoice(ctx: Ctx, deps: Deps): void {
  const auth = authorizeInvoiceCall(ctx, deps)
  if (!auth) return
  const inv = deps.state.invoice(ctx.params['id'] ?? '')
  if (!inv || inv.storeId !== auth.store.id) return bitpayError(ctx, 404, 'Object not found')
  sendJson(ctx, 200, { data: legacyInvoice(inv, deps.state.now()) })
}

/** BitpayDateTimeOffsetModelBinder: MM/dd/yyyy, UTC; anything else is ignored. */
function parseBitpayDate(text: string | undefined): number | null {
  const m = text ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) : null
  if (!m) return null
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]))
}

function getInvoices(ctx: Ctx, deps: Deps): void {
  const auth = authorizeInvoiceCall(ctx, deps)
  if (!auth) return
  // Forbid() with the unregistered scheme name "Bitpay.Anonymous" throws in ASP.NET Core -> 500.
  if (auth.id.kind === 'anonymous') return emptyStatus(ctx, 500)
  const start = parseBitpayDate(queryGet(ctx, 'dateStart'))
  const endDay = parseBitpayDate(queryGet(ctx, 'dateEnd'))
  const end = endDay === null ? null : endDay + 24 * 60 * 60_000
  const orderId = queryGet(ctx, 'orderId')
  const itemCode = queryGet(ctx, 'itemCode')
  const statusText = queryGet(ctx, 'status')
  const status = statusText === undefined ? undefined : normalizeStatus(statusText)
  const num = (k: string): number | null => {
    const v = queryGet(ctx, k)
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null
  }
  const offset = num('offset') ?? 0
  const limit = num('limit')
  const list = deps.state
    .listInvoices(auth.store.id)
    .filter((i) => start === null || i.createdAt >= start)
    .filter((i) => end === null || i.createdAt <= end)
    .filter((i) => orderId === undefined || i.metadata['orderId'] === orderId)
    .filter((i) => itemCode === undefined || i.metadata['itemCode'] === itemCode)
    .filter((i) => status === undefined || i.status === status)
    .slice(offset, limit === null ? undefined : offset + limit)
  const now = deps.state.now()
  sendJson(ctx, 200, { data: list.map((i) => legacyInvoice(i, now)) })
}

/** Handles a request that passed isLegacyApiRequest. */
export function handleLegacy(ctx: Ctx, deps: Deps): void {
  const { method, path } = ctx
  if (method === 'OPTIONS') return sendEmpty(ctx, 200)
  if (/^\/tokens\/?$/i.test(path))
    return method === 'GET' ? getTokens(ctx, deps) : postTokens(ctx, deps)
  if (path === '/invoices' || path === '/invoices/')
    return method === 'POST' ? postInvoice(ctx, deps) : getInvoices(ctx, deps)
  ctx.params = { id: path.slice('/invoices/'.length) }
  return getInvoice(ctx, deps)
}
