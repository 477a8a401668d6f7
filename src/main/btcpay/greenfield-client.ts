/**
 * Client for BTCPay's Greenfield API with an API key (`Authorization: token <key>`). Store-scoped
 * routes only (`/api/v1/stores/{storeId}/…`): the store-less ones exist from 2.4 on. Sends
 * through the shared HttpTransport (capped bodies, aborting timeouts, GET-only retries) and turns
 * every failure into a BtcpayError whose message a manager can act on (§6.6 error bodies).
 */
import type { z } from 'zod'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import {
  BtcpayError,
  ERROR_MESSAGES,
  malformedResponse,
  serverText,
  statusErrorCode,
} from './errors'
import type { BtcpayErrorCode, FieldError } from './errors'
import {
  anyBodySchema,
  apiErrorSchema,
  apiKeySchema,
  invoiceListSchema,
  invoiceSchema,
  paymentMethodListSchema,
  paymentRequestListSchema,
  paymentRequestSchema,
  payoutListSchema,
  pullPaymentListSchema,
  pullPaymentLnurlSchema,
  posAppSchema,
  appListSchema,
  pullPaymentSchema,
  refundPreviewSchema,
  validationErrorsSchema,
} from './greenfield-models'
import type {
  ApiKeyData,
  CreateGreenfieldInvoice,
  GreenfieldInvoice,
  InvoicePaymentMethod,
  ListInvoicesFilter,
  PaymentRequest,
  PaymentRequestInput,
  PayPaymentRequestInput,
  Payout,
  PosApp,
  AppBase,
  PullPayment,
  PullPaymentLnurl,
  RefundInvoiceInput,
  RefundPreview,
} from './greenfield-models'
import { permissionWords } from './greenfield-permissions'
import { HttpTransport } from './http-transport'
import type { HttpRequest, HttpTransportOptions } from './http-transport'
import { parseJsonNumbersAsStrings } from './lossless-json'
import { buildEndpointUrl, parseServerUrl, pathWithId } from './server-url'

export interface GreenfieldClientOptions extends HttpTransportOptions {
  baseUrl: string
  apiKey: string
  /** The store the key serves; needed by every store route. */
  storeId?: string | null
  log?: Logger
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
type Query = Record<string, string | number | boolean | readonly string[] | undefined>

const DECIMAL = /^(0|[1-9]\d{0,14})(\.\d{1,12})?$/

const GREENFIELD_MESSAGES: Partial<Record<BtcpayErrorCode, string>> = {
  unauthorized:
    'The BTCPay Server did not accept the API key: it was revoked or deleted, or it belongs to ' +
    'another server. Authorize the terminal again in Manager.',
  forbidden: 'The API key of this terminal may not do this in this store.',
}

function invalid(message: string): BtcpayError {
  return new BtcpayError({ code: 'invalid-input', message })
}

function checkDecimal(value: string | undefined, what: string): void {
  if (value !== undefined && !DECIMAL.test(value)) {
    throw invalid(`${what} must be a decimal number such as 12.50.`)
  }
}

export class GreenfieldClient {
  readonly baseUrl: string
  readonly #apiKey: string
  readonly #storeId: string | null
  readonly #http: HttpTransport
  readonly #log: Logger

  constructor(options: GreenfieldClientOptions) {
    const parsed = parseServerUrl(options.baseUrl)
    if (!parsed.ok) throw invalid(parsed.message)
    if (options.apiKey.trim() === '' || /\s/.test(options.apiKey)) {
      throw invalid('An API key is one word of letters and digits, as BTCPay shows it.')
    }
    this.baseUrl = parsed.url
    this.#apiKey = options.apiKey
    this.#storeId = options.storeId ?? null
    this.#log = options.log ?? silentLogger
    this.#http = new HttpTransport(options)
  }

  /** The store the key serves here, null until one is chosen. */
  get storeId(): string | null {
    return this.#storeId
  }

  // ---------- API keys ----------

  /** GET /api/v1/api-keys/current: what this key is and may do. */
  async getCurrentApiKey(): Promise<ApiKeyData> {
    return this.#call('GET', '/api/v1/api-keys/current', apiKeySchema)
  }

  /** DELETE /api/v1/api-keys/current: the key revokes itself. */
  async revokeCurrentApiKey(): Promise<void> {
    await this.#call('DELETE', '/api/v1/api-keys/current', anyBodySchema)
  }

  // ---------- invoices ----------

  /** With `sendAfter`, the request leaves once that resolves (HttpRequest.sendAfter). */
  async createInvoice(
    input: CreateGreenfieldInvoice,
    options: Pick<HttpRequest, 'sendAfter'> = {},
  ): Promise<GreenfieldInvoice> {
    checkDecimal(input.amount, 'The amount')
    return this.#call('POST', this.#store('/invoices'), invoiceSchema, { body: input, ...options })
  }

  async getInvoice(invoiceId: string): Promise<GreenfieldInvoice> {
    return this.#call('GET', this.#store('/invoices', invoiceId), invoiceSchema)
  }

  async listInvoices(filter: ListInvoicesFilter = {}): Promise<GreenfieldInvoice[]> {
    return this.#call('GET', this.#store('/invoices'), invoiceListSchema, { query: { ...filter } })
  }

  async getInvoicePaymentMethods(invoiceId: string): Promise<InvoicePaymentMethod[]> {
    const path = `${this.#store('/invoices', invoiceId)}/payment-methods`
    return this.#call('GET', path, paymentMethodListSchema)
  }

  /** Mark an invoice by hand: Invalid voids it. Needs canmodifyinvoices. */
  async markInvoiceStatus(
    invoiceId: string,
    status: 'Settled' | 'Invalid',
  ): Promise<GreenfieldInvoice> {
    const path = `${this.#store('/invoices', invoiceId)}/status`
    return this.#call('POST', path, invoiceSchema, { body: { status } })
  }

  // ---------- payment requests ----------

  async listPaymentRequests(
    options: { includeArchived?: boolean } = {},
  ): Promise<PaymentRequest[]> {
    return this.#call('GET', this.#store('/payment-requests'), paymentRequestListSchema, {
      query: { includeArchived: options.includeArchived },
    })
  }

  async createPaymentRequest(input: PaymentRequestInput): Promise<PaymentRequest> {
    checkDecimal(input.amount, 'The amount')
    return this.#call('POST', this.#store('/payment-requests'), paymentRequestSchema, {
      body: input,
    })
  }

  async getPaymentRequest(id: string): Promise<PaymentRequest> {
    return this.#call('GET', this.#store('/payment-requests', id), paymentRequestSchema)
  }

  /** PUT is a full replace in BTCPay: optional fields left out are cleared. */
  async updatePaymentRequest(id: string, input: PaymentRequestInput): Promise<PaymentRequest> {
    checkDecimal(input.amount, 'The amount')
    return this.#call('PUT', this.#store('/payment-requests', id), paymentRequestSchema, {
      body: input,
    })
  }

  async archivePaymentRequest(id: string): Promise<void> {
    await this.#call('DELETE', this.#store('/payment-requests', id), anyBodySchema)
  }

  /** An invoice for (part of) the request. With `allowPendingInvoiceReuse` a retry makes no duplicate. */
  async payPaymentRequest(
    id: string,
    input: PayPaymentRequestInput = {},
    options: Pick<HttpRequest, 'sendAfter'> = {},
  ): Promise<GreenfieldInvoice> {
    checkDecimal(input.amount, 'The amount')
    const path = `${this.#store('/payment-requests', id)}/pay`
    return this.#call('POST', path, invoiceSchema, { body: input, ...options })
  }

  // ---------- refunds and pull payments ----------

  async refundInvoice(invoiceId: string, input: RefundInvoiceInput): Promise<PullPayment> {
    checkDecimal(input.subtractPercentage, 'The percentage to keep')
    checkDecimal(input.customAmount, 'The refund amount')
    const path = `${this.#store('/invoices', invoiceId)}/refund`
    return this.#call('POST', path, pullPaymentSchema, { body: input })
  }

  /** What each refund variant would pay (BTCPay 2.1.7 and later). */
  async previewRefund(invoiceId: string, paymentMethodId: string): Promise<RefundPreview> {
    const path = pathWithId(`${this.#store('/invoices', invoiceId)}/refund`, paymentMethodId)
    return this.#call('GET', path, refundPreviewSchema)
  }

  async getPullPayment(pullPaymentId: string): Promise<PullPayment> {
    return this.#call('GET', pathWithId('/api/v1/pull-payments', pullPaymentId), pullPaymentSchema)
  }

  /** The store's pull payments (refunds among them); needs canviewpullpayments. */
  async listPullPayments(): Promise<PullPayment[]> {
    return this.#call('GET', this.#store('/pull-payments'), pullPaymentListSchema)
  }

  /** LNURL-withdraw of a pull payment (BTC with Lightning payouts only; 400 otherwise). */
  async getPullPaymentLnurl(pullPaymentId: string): Promise<PullPaymentLnurl> {
    const path = `${pathWithId('/api/v1/pull-payments', pullPaymentId)}/lnurl`
    return this.#call('GET', path, pullPaymentLnurlSchema)
  }

  async listPullPaymentPayouts(pullPaymentId: string): Promise<Payout[]> {
    const path = `${pathWithId('/api/v1/pull-payments', pullPaymentId)}/payouts`
    return this.#call('GET', path, payoutListSchema)
  }

  // ---------- apps ----------

  /** GET /api/v1/apps/pos/{appId}: a Point of Sale app's settings and items (the catalog). */
  async getPosApp(appId: string): Promise<PosApp> {
    return this.#call('GET', pathWithId('/api/v1/apps/pos', appId), posAppSchema)
  }

  /** GET /api/v1/stores/{storeId}/apps: the store's apps of every type. */
  async listApps(): Promise<AppBase[]> {
    return this.#call('GET', this.#store('/apps'), appListSchema)
  }

  // ---------- plumbing ----------

  /** `/api/v1/stores/{storeId}<prefix>[/<id>]`, ids encoded. */
  #store(prefix: string, id?: string): string {
    if (this.#storeId === null) {
      throw invalid('No store is chosen for the API key yet. Choose the store in Manager.')
    }
    if (id !== undefined && id.trim() === '') throw invalid('An id is required.')
    const base = `${pathWithId('/api/v1/stores', this.#storeId)}${prefix}`
    return id === undefined ? base : pathWithId(base, id)
  }

  async #call<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    options: { query?: Query; body?: unknown } & Pick<HttpRequest, 'sendAfter'> = {},
  ): Promise<z.output<S>> {
    const href = withQuery(buildEndpointUrl(this.baseUrl, path), options.query ?? {})
    const pathname = new URL(href).pathname
    const headers: Record<string, string> = {
      authorization: `token ${this.#apiKey}`,
      accept: 'application/json',
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const reply = await this.#http.send({
      method,
      href,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.sendAfter && { sendAfter: options.sendAfter }),
    })
    if (reply.status < 200 || reply.status >= 300) {
      const e = greenfieldHttpError(reply.status, reply.text, method, pathname, [this.#apiKey])
      this.#log.warn('btcpay.error', {
        method,
        path: pathname,
        code: e.code,
        status: e.status,
        serverCode: e.serverCode,
      })
      throw e
    }
    let parsed: unknown = null
    try {
      if (reply.text.trim() !== '') parsed = parseJsonNumbersAsStrings(reply.text)
    } catch {
      throw malformedResponse(method, pathname, reply.status)
    }
    const result = schema.safeParse(parsed)
    if (!result.success) {
      this.#log.warn('btcpay.malformed', {
        method,
        path: pathname,
        issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).slice(0, 5),
      })
      throw malformedResponse(method, pathname, reply.status)
    }
    return result.data
  }
}

function withQuery(href: string, query: Query): string {
  const u = new URL(href)
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue
    for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(item))
  }
  return u.href
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined // empty or not JSON: the status alone decides
  }
}

/** A Greenfield error answer (§6.6) as a typed error with a message for a manager. */
export function greenfieldHttpError(
  status: number,
  text: string,
  method: string,
  path: string,
  secrets: readonly string[],
): BtcpayError {
  const body = parseBody(text)
  const where = { status, method, path }
  if (status === 422) {
    const list = validationErrorsSchema.safeParse(body)
    const fields: FieldError[] = list.success
      ? list.data.map((f) => ({
          path: serverText(f.path ?? '', secrets),
          message: serverText(f.message, secrets),
        }))
      : []
    const said = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ')
    const message = said ? `${ERROR_MESSAGES.validation} ${said}` : ERROR_MESSAGES.validation
    return new BtcpayError({ code: 'validation', message, fields, ...where })
  }
  const api = apiErrorSchema.safeParse(body)
  const serverCode = api.success ? serverText(api.data.code, secrets) : undefined
  const serverMessage =
    api.success && api.data.message ? serverText(api.data.message, secrets) : undefined
  if (status === 403 && api.success && api.data.missingPermission) {
    const missingPermission = serverText(api.data.missingPermission, secrets)
    return new BtcpayError({
      code: 'missing-permission',
      message:
        `The API key of this terminal may not ${permissionWords(missingPermission)}: it lacks ` +
        `the permission "${missingPermission}". Authorize the terminal again in Manager with it.`,
      missingPermission,
      serverCode,
      serverMessage,
      ...where,
    })
  }
  const code = statusErrorCode(status)
  let message = GREENFIELD_MESSAGES[code] ?? ERROR_MESSAGES[code]
  if (serverMessage && (code === 'bad-request' || code === 'not-found')) {
    message += ` The server said: "${serverMessage}"`
  }
  return new BtcpayError({ code, message, serverCode, serverMessage, ...where })
}
