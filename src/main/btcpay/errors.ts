/**
 * Typed errors of the BTCPay clients. `code` is stable (the UI and IPC map on it); `message` is
 * for a cashier or manager. Neither ever contains headers, signatures, keys, tokens or the query
 * string of a URL: only the method and the path are kept.
 */

export type BtcpayErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'missing-permission'
  | 'validation'
  | 'not-found'
  | 'bad-request'
  | 'pairing-expired'
  | 'pairing-reused-key'
  | 'pairing-code-unknown'
  | 'rate-limited'
  | 'unexpected-redirect'
  | 'server-error'
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'malformed-response'
  | 'response-too-large'
  | 'network'
  | 'not-paired'
  | 'invalid-input'

export interface BtcpayErrorInit {
  code: BtcpayErrorCode
  message: string
  status?: number
  /** The server's own `error` text (sanitised), when it sent one. */
  serverMessage?: string
  /** Low-level cause code, e.g. ECONNREFUSED or DEPTH_ZERO_SELF_SIGNED_CERT. */
  causeCode?: string
  method?: string
  /** URL path only, never the query (it carries the token). */
  path?: string
  /** Greenfield `{code}` of a 400/404 answer, e.g. "archived", "invoice-not-found". */
  serverCode?: string
  /** Greenfield 403: the permission the API key lacks, as BTCPay spells it. */
  missingPermission?: string
  /** Greenfield 422: each refused field, `path` as BTCPay names it (C# property, e.g. "Amount"). */
  fields?: FieldError[]
}

export interface FieldError {
  path: string
  message: string
}

export class BtcpayError extends Error {
  override readonly name = 'BtcpayError'
  readonly code: BtcpayErrorCode
  readonly status: number | undefined
  readonly serverMessage: string | undefined
  readonly causeCode: string | undefined
  readonly method: string | undefined
  readonly path: string | undefined
  readonly serverCode: string | undefined
  readonly missingPermission: string | undefined
  readonly fields: readonly FieldError[]

  constructor(init: BtcpayErrorInit) {
    super(init.message)
    this.code = init.code
    this.status = init.status
    this.serverMessage = init.serverMessage
    this.causeCode = init.causeCode
    this.method = init.method
    this.path = init.path
    this.serverCode = init.serverCode
    this.missingPermission = init.missingPermission
    this.fields = init.fields ?? []
  }

  /**
   * The server's complaint about one field, matched case-insensitively: BTCPay names fields by
   * their C# property (`Amount`, `Checkout.PaymentMethods[0]`), the JSON body by camelCase.
   */
  fieldMessage(path: string): string | undefined {
    const wanted = path.toLowerCase()
    return this.fields.find((f) => f.path.toLowerCase() === wanted)?.message
  }

  toJSON(): BtcpayErrorInit {
    return {
      code: this.code,
      message: this.message,
      status: this.status,
      serverMessage: this.serverMessage,
      causeCode: this.causeCode,
      method: this.method,
      path: this.path,
      serverCode: this.serverCode,
      missingPermission: this.missingPermission,
      fields: [...this.fields],
    }
  }
}

export const ERROR_MESSAGES: Record<BtcpayErrorCode, string> = {
  unauthorized:
    "The BTCPay Server did not accept this terminal's signature. Check that the server address " +
    'in the settings is exactly the address the server uses (https, host name, port and path); ' +
    'a reverse proxy that does not forward https or the host name causes this too.',
  forbidden:
    'This terminal is not paired with a store, or its access was revoked. Pair the terminal ' +
    'with the store again.',
  'missing-permission':
    'The API key of this terminal lacks a permission this needs. Authorize the terminal again in ' +
    'Manager with the permission named here.',
  validation: 'The BTCPay Server refused some of the values sent.',
  'not-found': 'The BTCPay Server could not find what was asked for.',
  'bad-request': 'The BTCPay Server refused the request.',
  'pairing-expired':
    'The pairing code has expired (codes are valid for 15 minutes). Create a new pairing code ' +
    'in BTCPay Server and try again.',
  'pairing-reused-key':
    'This terminal is already paired with a different store. Reset the terminal identity to ' +
    'pair it with this store.',
  'pairing-code-unknown':
    'The pairing code was not found (mistyped, or already used). Check the code or create a ' +
    'new one in BTCPay Server.',
  'rate-limited': 'The BTCPay Server is receiving too many requests. Wait a moment and try again.',
  'unexpected-redirect':
    'The BTCPay Server answered with a redirect. Check the server address in the settings ' +
    '(https, host name and path).',
  'server-error': 'The BTCPay Server had an internal problem. Try again in a moment.',
  'connection-refused':
    'The BTCPay Server refused the connection. Check that the server is running and that the ' +
    'address and port in the settings are correct.',
  dns:
    "The BTCPay Server's name could not be found. Check the address in the settings and the " +
    'internet connection of this computer.',
  tls:
    'A secure connection to the BTCPay Server could not be established: its certificate is not ' +
    "valid or not trusted. Check the server address and the server's HTTPS certificate.",
  timeout: 'The BTCPay Server did not answer in time. Check the internet connection and try again.',
  'malformed-response':
    'The BTCPay Server sent an answer this terminal does not understand. Check that the address ' +
    'points to a BTCPay Server.',
  'response-too-large':
    'The BTCPay Server sent a far larger answer than expected, so the terminal stopped reading ' +
    'it. Check that the address points to a BTCPay Server.',
  network:
    'The BTCPay Server could not be reached. Check the internet connection of this computer.',
  'not-paired': 'This terminal is not paired with a store yet. Pair it first.',
  'invalid-input': 'The request is incomplete or invalid.',
}

/** An answer this terminal cannot read (not JSON, or not the shape expected). */
export function malformedResponse(method: string, path: string, status?: number): BtcpayError {
  return new BtcpayError({
    code: 'malformed-response',
    message: ERROR_MESSAGES['malformed-response'],
    status,
    method,
    path,
  })
}

/** The code of an HTTP error status, when its body says nothing more specific. */
export function statusErrorCode(status: number): BtcpayErrorCode {
  if (status >= 300 && status < 400) return 'unexpected-redirect'
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'server-error'
  return 'bad-request'
}

const MAX_SERVER_TEXT = 300
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g

/** A server's own words, safe to show and log: secrets redacted, control characters gone, short. */
export function serverText(text: string, secrets: readonly (string | null | undefined)[]): string {
  return redact(text, secrets).replace(CONTROL_CHARS, ' ').slice(0, MAX_SERVER_TEXT)
}

/** Replace every occurrence of the given secrets in `text`. */
export function redact(text: string, secrets: readonly (string | undefined | null)[]): string {
  let out = text
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]')
  return out
}

/** Network error codes (from `TypeError: fetch failed` `.cause.code`) → our codes. */
export function networkErrorCode(causeCode: string | undefined): BtcpayErrorCode {
  if (!causeCode) return 'network'
  if (causeCode === 'ECONNREFUSED') return 'connection-refused'
  if (causeCode === 'ENOTFOUND' || causeCode === 'EAI_AGAIN' || causeCode === 'EAI_NONAME') {
    return 'dns'
  }
  if (
    causeCode === 'ETIMEDOUT' ||
    causeCode === 'UND_ERR_CONNECT_TIMEOUT' ||
    causeCode === 'UND_ERR_HEADERS_TIMEOUT' ||
    causeCode === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return 'timeout'
  }
  if (
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH/.test(
      causeCode,
    )
  ) {
    return 'tls'
  }
  return 'network'
}

/** Dig the first `code` out of an error's cause chain (fetch failed → cause → …). */
export function findCauseCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code !== '') return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}
