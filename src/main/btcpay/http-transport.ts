/**
 * The HTTP foundation both BTCPay clients share: ky for timeouts and retries, a `fetch` for ky
 * that makes the request over Node's http modules and reads the whole body inside ky's
 * per-attempt timeout with a byte budget (http-exchange.ts), and one mapping of network failures
 * to typed errors. A client builds the URL, headers and body; the transport sends them and
 * answers with the status and the body text, or throws a BtcpayError.
 *
 * Why the body is read inside the fetch handed to ky: ky's timeout aborts its AbortController, so
 * a server that sends headers and then trickles (or stalls) is cut off, socket closed, at the same
 * deadline as one that never answers. A body read after ky returned would have no such deadline.
 */
import ky, { HTTPError, TimeoutError } from 'ky'
import type { KyInstance, Options as KyOptions } from 'ky'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import { BodyTooLargeError, exchange } from './http-exchange'
import { BtcpayError, ERROR_MESSAGES, findCauseCode, networkErrorCode } from './errors'

export interface RetryConfig {
  /** Retries after the first attempt (GET only). Default 2. */
  limit?: number
  /** Delay before retry n (1-based). Default 300 ms · 2^(n-1). */
  delayMs?: (attempt: number) => number
  /** Upper bound for any delay, including a server's Retry-After. Default 5000 ms. */
  maxDelayMs?: number
  /** Retry a GET that timed out. Default true. */
  retryOnTimeout?: boolean
}

export interface HttpTransportOptions {
  /** Per attempt, from sending until the last byte of the body. Default 15 s. */
  timeoutMs?: number
  retry?: RetryConfig
  /** Largest body accepted (success or error). Default 1 MB: BTCPay's JSON answers are far smaller. */
  maxBodyBytes?: number
  log?: Logger
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  href: string
  headers: Record<string, string>
  /** Sent exactly as given (a signed body must not be re-serialised). */
  body?: string
  /**
   * The request is built at once and leaves only once this resolves (the deadline starts then);
   * if it rejects, nothing is sent and `send` rejects with its reason. A charge builds its
   * request while the sale's journal line is being written.
   */
  sendAfter?: Promise<unknown>
}

/** Any HTTP answer, including 3xx, 4xx and 5xx (after retries): the client maps those. */
export interface HttpReply {
  status: number
  text: string
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

export class HttpTransport {
  readonly #ky: KyInstance
  readonly #retry: KyOptions['retry']
  readonly #maxBodyBytes: number
  readonly #log: Logger

  constructor(options: HttpTransportOptions = {}) {
    const r = options.retry ?? {}
    const maxDelay = r.maxDelayMs ?? 5_000
    this.#retry = {
      limit: r.limit ?? 2,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: maxDelay,
      backoffLimit: maxDelay,
      delay: r.delayMs ?? ((n) => 300 * 2 ** (n - 1)),
      retryOnTimeout: r.retryOnTimeout ?? true,
      // Permanent failures: retrying a bad certificate, an unknown host name or an oversized
      // answer only wastes time.
      shouldRetry: ({ error }) => {
        if (error instanceof HTTPError || error instanceof TimeoutError) return undefined
        if (error instanceof BodyTooLargeError) return false
        const code = networkErrorCode(findCauseCode(error))
        return code === 'tls' || (code === 'dns' && findCauseCode(error) === 'ENOTFOUND')
          ? false
          : undefined
      },
    }
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
    this.#log = options.log ?? silentLogger
    this.#ky = ky.create({
      timeout: options.timeoutMs ?? 15_000,
      throwHttpErrors: true,
    })
  }

  async send(request: HttpRequest): Promise<HttpReply> {
    const { method, href } = request
    const path = new URL(href).pathname
    const started = Date.now()
    let attempt = 0
    /** The body of the attempt that answered, read once, inside ky's timeout. */
    let text = ''
    let status: number
    try {
      const response = await this.#ky(href, {
        method,
        // Headers and body go straight to the request, not through ky: ky would copy the headers
        // into its Request and wrap the body in a stream teed for retries (only GETs are
        // retried). This way the bytes signed are the bytes sent, untouched.
        fetch: async (input) => {
          const kyRequest = input as Request // ky always calls fetch with its Request
          attempt++
          // One controller per attempt, aborted by ky's timeout (on its Request's signal). A
          // listener, not AbortSignal.any: the same effect at a fraction of the cost.
          const local = new AbortController()
          const abort = () => local.abort()
          kyRequest.signal.addEventListener('abort', abort, { once: true })
          try {
            const reply = await exchange(href, {
              method,
              headers: request.headers,
              ...(request.body !== undefined && { body: request.body }),
              signal: local.signal,
              maxBodyBytes: this.#maxBodyBytes,
            })
            text = utf8.decode(reply.body)
            // ky only needs the status (and, to honour Retry-After, an error's headers); the body
            // is already in `text`.
            const ok = reply.status >= 200 && reply.status < 300
            return new Response(null, {
              status: reply.status,
              statusText: reply.statusText,
              ...(!ok && { headers: reply.headers }),
            })
          } finally {
            kyRequest.signal.removeEventListener('abort', abort)
          }
        },
        hooks: {
          // ky's last step before its deadline starts and fetch is called.
          ...(request.sendAfter && { beforeRequest: [() => opened(request.sendAfter)] }),
          ...(method === 'GET' && {
            beforeRetry: [
              ({ error, retryCount }) => {
                this.#log.warn('btcpay.retry', {
                  method,
                  path,
                  retryCount,
                  reason: error instanceof HTTPError ? error.response.status : error.name,
                })
              },
            ],
          }),
        },
        retry: method === 'GET' ? this.#retry : 0,
      })
      status = response.status
    } catch (err) {
      if (err instanceof NotSent) throw err.reason
      if (!(err instanceof HTTPError)) {
        const e = failure(err, method, path)
        this.#log.warn('btcpay.error', {
          method,
          path,
          code: e.code,
          causeCode: e.causeCode,
          attempts: attempt,
          ms: Date.now() - started,
        })
        throw e
      }
      status = err.response.status
    }
    this.#log.info('btcpay.response', {
      method,
      path,
      status,
      attempts: attempt,
      ms: Date.now() - started,
    })
    return { status, text }
  }
}

/** `sendAfter` rejected: the request never left. */
class NotSent extends Error {
  constructor(readonly reason: unknown) {
    super('not sent')
  }
}

async function opened(sendAfter: Promise<unknown> | undefined): Promise<void> {
  try {
    await sendAfter
  } catch (reason) {
    throw new NotSent(reason)
  }
}

const utf8 = new TextDecoder()

/** A request that got no complete HTTP answer. */
function failure(err: unknown, method: string, path: string): BtcpayError {
  if (err instanceof TimeoutError) {
    return new BtcpayError({ code: 'timeout', message: ERROR_MESSAGES.timeout, method, path })
  }
  if (err instanceof BodyTooLargeError) {
    return new BtcpayError({
      code: 'response-too-large',
      message: ERROR_MESSAGES['response-too-large'],
      method,
      path,
    })
  }
  if (err instanceof BtcpayError) return err
  const causeCode = findCauseCode(err)
  const code = networkErrorCode(causeCode)
  return new BtcpayError({ code, message: ERROR_MESSAGES[code], causeCode, method, path })
}
