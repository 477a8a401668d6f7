/**
 * Client for BTCPay's legacy BitPay-compatible API with BitId signatures.
 *
 * Every request: build the URL once (`href`), serialise the body once (a string), sign
 * `href + body`, send that `href` and that string (ky `body`, never `json`). ky's retries resend
 * the same Request, so the same signature stays valid. Only GETs are retried; `createInvoice` is
 * never retried automatically (reconcile by orderId with `listInvoices` instead).
 */
import type { z } from 'zod'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import type { RequestSigner } from '../identity/signer'
import { signedLegacyHeaders } from './bitid-headers'
import {
  BtcpayError,
  ERROR_MESSAGES,
  malformedResponse,
  serverText,
  statusErrorCode,
} from './errors'
import type { BtcpayErrorCode } from './errors'
import { HttpTransport } from './http-transport'
import type { HttpRequest, HttpTransportOptions } from './http-transport'
import { parseJsonNumbersAsStrings } from './lossless-json'
import {
  errorBodySchema,
  invoiceEnvelopeSchema,
  invoiceListSchema,
  pairingResponseSchema,
  tokensResponseSchema,
} from './legacy-models'
import type { LegacyInvoice } from './legacy-models'
import { buildEndpointUrl, parseServerUrl, pathWithId } from './server-url'
import type { QueryValue } from './server-url'

export interface LegacyClientOptions {
  /** The server address; validated with parseServerUrl. */
  baseUrl: string
  identity: RequestSigner
  /** The merchant token from pairing; needed for invoice calls. */
  token?: string | null
  /** Per attempt, until the last byte of the body. Default 15 s. */
  timeoutMs?: number
  retry?: HttpTransportOptions['retry']
  maxBodyBytes?: number
  log?: Logger
}

export interface PairingRequest {
  pairingCode: string
  /** ms since epoch. */
  pairingExpiration: number
  /** The future token; it works once the manager approves the code. */
  token: string
  /** Page where the manager approves the pairing. */
  approvalUrl: string
}

export interface CreateInvoiceInput {
  /** Decimal amount as text, e.g. "12.50". Omit for a top-up invoice (payer chooses). */
  price?: string
  currency: string
  orderId: string
  itemDesc?: string
  itemCode?: string
  posData?: string
  notificationURL?: string
  redirectURL?: string
  /** Defaults to false so the checkout never navigates the terminal window away. */
  redirectAutomatically?: boolean
  buyerEmail?: string
  /** ms since epoch; at least 30 s in the future. */
  expirationTime?: number
  paymentCurrencies?: string[]
  defaultPaymentMethod?: string
  physical?: boolean
}

export interface ListInvoicesQuery {
  orderId?: string
  itemCode?: string
  status?: 'new' | 'paid' | 'complete' | 'expired' | 'invalid'
  /** MM/dd/yyyy (UTC), as BTCPay expects. */
  dateStart?: string
  dateEnd?: string
  limit?: number
  offset?: number
}

const PRICE = /^(0|[1-9]\d{0,14})(\.\d{1,12})?$/
const CURRENCY = /^[A-Za-z0-9-]{2,12}$/
const PAIRING_CODE = /^[1-9A-HJ-NP-Za-km-z]{7}$/

function invalid(message: string): BtcpayError {
  return new BtcpayError({ code: 'invalid-input', message })
}

/** Serialise the create-invoice body. `price` is written as a JSON number from its decimal text. */
export function serializeInvoiceBody(input: CreateInvoiceInput, token: string): string {
  const fields: string[] = []
  if (input.price !== undefined) {
    if (!PRICE.test(input.price) || /^0(\.0+)?$/.test(input.price)) {
      throw invalid('The amount must be a positive decimal number, e.g. 12.50.')
    }
    fields.push(`"price":${input.price}`)
  }
  if (!CURRENCY.test(input.currency)) throw invalid('The currency code is not valid.')
  if (input.orderId.trim() === '') throw invalid('An order id is required.')
  const rest: Record<string, unknown> = {
    currency: input.currency.toUpperCase(),
    orderId: input.orderId,
    itemDesc: input.itemDesc,
    itemCode: input.itemCode,
    posData: input.posData,
    notificationURL: input.notificationURL,
    redirectURL: input.redirectURL,
    redirectAutomatically: input.redirectAutomatically ?? false,
    buyerEmail: input.buyerEmail,
    expirationTime: input.expirationTime,
    paymentCurrencies: input.paymentCurrencies,
    defaultPaymentMethod: input.defaultPaymentMethod,
    physical: input.physical,
    token,
  }
  for (const [k, v] of Object.entries(rest)) {
    if (v !== undefined) fields.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`)
  }
  return `{${fields.join(',')}}`
}

interface Call<S extends z.ZodType> {
  method: 'GET' | 'POST'
  path: string
  query?: Record<string, QueryValue>
  body?: string
  schema: S
  sendAfter?: HttpRequest['sendAfter']
}

export class LegacyClient {
  readonly baseUrl: string
  readonly #identity: RequestSigner
  readonly #token: string | null
  readonly #options: LegacyClientOptions
  readonly #log: Logger
  readonly #http: HttpTransport

  constructor(options: LegacyClientOptions) {
    const parsed = parseServerUrl(options.baseUrl)
    if (!parsed.ok) throw invalid(parsed.message)
    this.baseUrl = parsed.url
    this.#options = options
    this.#identity = options.identity
    this.#token = options.token ?? null
    this.#log = options.log ?? silentLogger
    this.#http = new HttpTransport(options)
  }

  /** A client for the same server and identity with another token. */
  withToken(token: string | null): LegacyClient {
    return new LegacyClient({ ...this.#options, token })
  }

  /** Client-initiated pairing: the manager approves the returned code on the server. */
  async requestPairing(input: { label: string }): Promise<PairingRequest> {
    const body = JSON.stringify({ id: this.#identity.sin, label: input.label })
    const res = await this.#call({
      method: 'POST',
      path: '/tokens',
      body,
      schema: pairingResponseSchema,
    })
    const item = res.data[0]
    if (!item) throw malformedResponse('POST', '/tokens')
    return {
      pairingCode: item.pairingCode,
      pairingExpiration: item.pairingExpiration,
      token: item.token,
      approvalUrl: buildEndpointUrl(this.baseUrl, '/api-access-request', {
        pairingCode: item.pairingCode,
      }),
    }
  }

  /** Server-initiated pairing: the manager typed the 7-character code shown by BTCPay. */
  async completePairing(input: {
    pairingCode: string
    label?: string
  }): Promise<{ token: string }> {
    const pairingCode = input.pairingCode.trim()
    if (!PAIRING_CODE.test(pairingCode)) {
      throw invalid('A pairing code has exactly 7 letters and digits, as shown by BTCPay Server.')
    }
    const payload: Record<string, string> = { id: this.#identity.sin, pairingCode }
    if (input.label !== undefined) payload.label = input.label
    const res = await this.#call({
      method: 'POST',
      path: '/tokens',
      body: JSON.stringify(payload),
      schema: pairingResponseSchema,
    })
    const item = res.data[0]
    if (!item) throw malformedResponse('POST', '/tokens')
    return { token: item.token }
  }

  /** Signed GET /tokens: the merchant token of this identity, or null while not paired. */
  async getTokens(): Promise<string | null> {
    const res = await this.#call({ method: 'GET', path: '/tokens', schema: tokensResponseSchema })
    for (const item of res.data) if (item.merchant) return item.merchant
    return null
  }

  /**
   * POST /invoices, never retried automatically. The body is built and signed at once (the
   * largest synchronous part of a charge); with `sendAfter` the request leaves once that resolves
   * (HttpRequest.sendAfter), so a charge signs while its journal line is being written.
   */
  async createInvoice(
    input: CreateInvoiceInput,
    options: Pick<HttpRequest, 'sendAfter'> = {},
  ): Promise<LegacyInvoice> {
    const body = serializeInvoiceBody(input, this.#requireToken())
    const res = await this.#call({
      method: 'POST',
      path: '/invoices',
      body,
      schema: invoiceEnvelopeSchema,
      ...options,
    })
    return res.data
  }

  async getInvoice(id: string): Promise<LegacyInvoice> {
    if (id.trim() === '') throw invalid('An invoice id is required.')
    const res = await this.#call({
      method: 'GET',
      path: pathWithId('/invoices', id),
      query: { token: this.#requireToken() },
      schema: invoiceEnvelopeSchema,
    })
    return res.data
  }

  async listInvoices(query: ListInvoicesQuery = {}): Promise<LegacyInvoice[]> {
    const res = await this.#call({
      method: 'GET',
      path: '/invoices',
      query: { token: this.#requireToken(), ...query },
      schema: invoiceListSchema,
    })
    return res.data
  }

  #requireToken(): string {
    if (this.#token === null) {
      throw new BtcpayError({ code: 'not-paired', message: ERROR_MESSAGES['not-paired'] })
    }
    return this.#token
  }

  async #call<S extends z.ZodType>(call: Call<S>): Promise<z.output<S>> {
    const href = buildEndpointUrl(this.baseUrl, call.path, call.query)
    const body = call.body ?? ''
    const headers = signedLegacyHeaders(this.#identity, href, body)
    const path = new URL(href).pathname
    const secrets = [this.#token, headers['x-signature']]
    const reply = await this.#http.send({
      method: call.method,
      href,
      headers: { ...headers },
      ...(call.method === 'GET' ? {} : { body }),
      ...(call.sendAfter && { sendAfter: call.sendAfter }),
    })
    if (reply.status < 200 || reply.status >= 300) {
      const e = this.#httpError(reply.status, reply.text, call.method, path, secrets)
      this.#log.warn('btcpay.error', { method: call.method, path, code: e.code, status: e.status })
      throw e
    }
    let parsed: unknown
    try {
      parsed = parseJsonNumbersAsStrings(reply.text)
    } catch {
      this.#log.warn('btcpay.error', { method: call.method, path, code: 'malformed-response' })
      throw malformedResponse(call.method, path, reply.status)
    }
    const result = call.schema.safeParse(parsed)
    if (!result.success) {
      this.#log.warn('btcpay.malformed', {
        method: call.method,
        path,
        issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).slice(0, 5),
      })
      throw malformedResponse(call.method, path, reply.status)
    }
    return result.data
  }

  #httpError(
    status: number,
    text: string,
    method: string,
    path: string,
    secrets: (string | null | undefined)[],
  ): BtcpayError {
    let serverMessage: string | undefined
    try {
      const body = errorBodySchema.safeParse(JSON.parse(text))
      if (body.success) {
        serverMessage = serverText(body.data.error, secrets)
      }
    } catch {
      // empty or non-JSON error body (older servers send 401/403 with no body)
    }
    const code = httpErrorCode(status, serverMessage)
    let message = ERROR_MESSAGES[code]
    if (serverMessage && (code === 'bad-request' || code === 'not-found')) {
      message += ` The server said: "${serverMessage}"`
    }
    return new BtcpayError({ code, message, status, serverMessage, method, path })
  }
}

export function httpErrorCode(status: number, serverMessage: string | undefined): BtcpayErrorCode {
  const text = serverMessage ?? ''
  if (/pairing.*\(Expired\)/i.test(text)) return 'pairing-expired'
  if (/pairing.*\(ReusedKey\)/i.test(text)) return 'pairing-reused-key'
  if (/pairingCode is not found/i.test(text)) return 'pairing-code-unknown'
  return statusErrorCode(status)
}
