/**
 * One HTTP request and its whole answer, over Node's own http and https modules, with a byte
 * budget for the body.
 *
 * Why not `fetch`: on the till's path every request paid for undici's Request, Headers and web
 * streams; the same signed POST to the same server answers about 0.5 ms sooner this way, about as
 * much as everything else the till adds to a charge (docs/benchmarks.md, Findings). ky still
 * drives each request: its deadline, retries and hooks call this through its `fetch` option.
 * Redirects are never followed: a 3xx is an answer like any other, which the clients refuse.
 *
 * Why the budget: a hostile server could push gigabytes into main. Bytes are counted as they
 * arrive and the socket is destroyed the moment the budget is spent; a Content-Length over it is
 * refused before a byte of the body is read.
 */
import http from 'node:http'
import https from 'node:https'

/** Thrown when a body grows past its budget; the request's socket has been destroyed by then. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
  constructor(readonly limitBytes: number) {
    super(`response body larger than ${limitBytes} bytes`)
  }
}

export interface Exchange {
  method: string
  headers: Record<string, string>
  /** Sent as UTF-8, exactly as given. */
  body?: string
  /** Aborting it destroys the socket. */
  signal: AbortSignal
  maxBodyBytes: number
}

export interface ExchangeReply {
  status: number
  statusText: string
  /** Name and value pairs as received. */
  headers: [string, string][]
  body: Buffer
}

/**
 * Idle connections are kept for the next request, as undici's fetch keeps them, and closed after
 * 4 s idle (undici's default) or sooner when the server's Keep-Alive header asks for it: a
 * connection the server has already dropped would fail a charge that is never retried.
 */
const agentOptions = { keepAlive: true, timeout: 4_000 }
const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) }

/** The request, its answer's status, headers and whole body; rejects on any network failure. */
export function exchange(href: string, x: Exchange): Promise<ExchangeReply> {
  const url = new URL(href)
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:']
  const send = url.protocol === 'https:' ? https.request : http.request
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'user-agent': 'btcpay-cashier',
      ...x.headers,
    }
    if (x.body !== undefined) headers['content-length'] = Buffer.byteLength(x.body)
    const req = send(url, { method: x.method, headers, agent, signal: x.signal })
    req.on('error', reject)
    req.on('response', (res) => {
      const tooLarge = () => {
        req.destroy()
        reject(new BodyTooLargeError(x.maxBodyBytes))
      }
      if (Number(res.headers['content-length'] ?? NaN) > x.maxBodyBytes) return tooLarge()
      const chunks: Buffer[] = []
      let total = 0
      res.on('data', (chunk: Buffer) => {
        total += chunk.length
        if (total > x.maxBodyBytes) return tooLarge()
        chunks.push(chunk)
      })
      // A connection closed part way through the body ends here too (ECONNRESET, 'aborted').
      res.on('error', reject)
      res.on('end', () => {
        const pairs: [string, string][] = []
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          pairs.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string])
        }
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: pairs,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total),
        })
      })
    })
    req.end(x.body)
  })
}
