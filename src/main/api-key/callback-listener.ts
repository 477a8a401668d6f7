/**
 * The one-shot loopback listener BTCPay's `/api-keys/authorize` redirects to. BTCPay answers the
 * manager's consent with an auto-submitted form POST (`apiKey`, `userId`, `permissions[]`) to the
 * `redirect` URL (shared docs/btcpay-protocol.md §6.3); this catches exactly that POST.
 *
 * Anyone on this computer can reach a loopback port, so: a random port, a path with 256 random
 * bits, a time limit, one accepted POST and nothing else. Every other request is refused without
 * touching the outcome, and the server is closed the moment a key arrived or time ran out.
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CallbackPayload {
  apiKey: string
  userId: string | null
  permissions: string[]
}

export interface CallbackListener {
  /** The `redirect` to give BTCPay: http://127.0.0.1:<port>/api-key/<secret>. */
  redirectUrl: string
  /** When the listener stops accepting, ms since epoch. */
  expiresAt: number
  /** The one accepted payload; rejects with CallbackExpiredError, or CallbackClosedError after close(). */
  payload: Promise<CallbackPayload>
  /** Stop listening (the manager cancelled). Idempotent. */
  close(): void
}

export class CallbackExpiredError extends Error {
  override readonly name = 'CallbackExpiredError'
}
export class CallbackClosedError extends Error {
  override readonly name = 'CallbackClosedError'
}

export interface CallbackListenerOptions {
  /** How long the browser round trip may take. Default 10 minutes. */
  timeoutMs?: number
  /** Largest request body accepted. Default 16 KiB: a key and a dozen permissions are < 2 KiB. */
  maxBodyBytes?: number
  now?: () => number
}

const API_KEY = /^[A-Za-z0-9_-]{8,256}$/
const MAX_PERMISSIONS = 64

const DONE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>BTCPay Cashier</title></head>
<body style="font-family:sans-serif;font-size:1.5rem;text-align:center;margin-top:20vh">
<h1>The terminal received its key.</h1><p>You can close this tab.</p></body></html>`

function refuse(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
  res.end(text)
}

/** The form fields (or JSON object) BTCPay posts, or null when they are not a usable key. */
export function parseCallbackBody(contentType: string, body: string): CallbackPayload | null {
  let apiKey: unknown
  let userId: unknown
  let permissions: unknown[]
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body)
    apiKey = form.get('apiKey')
    userId = form.get('userId')
    permissions = [...form.getAll('permissions[]'), ...form.getAll('permissions')]
  } else if (contentType.startsWith('application/json')) {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      return null
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) return null
    const o = json as Record<string, unknown>
    apiKey = o.apiKey
    userId = o.userId
    const p = o.permissions ?? o['permissions[]'] ?? []
    if (!Array.isArray(p)) return null
    permissions = p
  } else {
    return null
  }
  if (typeof apiKey !== 'string' || !API_KEY.test(apiKey)) return null
  if (permissions.length > MAX_PERMISSIONS) return null
  if (!permissions.every((p): p is string => typeof p === 'string' && p.length <= 200)) return null
  return {
    apiKey,
    userId: typeof userId === 'string' && userId.length <= 200 ? userId : null,
    permissions,
  }
}

export async function startCallbackListener(
  options: CallbackListenerOptions = {},
): Promise<CallbackListener> {
  const now = options.now ?? Date.now
  const timeoutMs = options.timeoutMs ?? 10 * 60_000
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024
  const path = `/api-key/${randomBytes(32).toString('base64url')}`
  let settled = false
  let resolve: (p: CallbackPayload) => void = () => {}
  let reject: (e: Error) => void = () => {}
  const payload = new Promise<CallbackPayload>((res, rej) => {
    resolve = res
    reject = rej
  })
  // A caller that only awaits later must not see an unhandled rejection in between.
  payload.catch(() => {})

  const server = http.createServer((req, res) => {
    if (settled) return refuse(res, 410, 'This link has already been used or has expired.')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== path) return refuse(res, 404, 'Not found.')
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      return refuse(res, 405, 'Only the form BTCPay Server posts is accepted here.')
    }
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (declared > maxBodyBytes) {
      refuse(res, 413, 'Too large.')
      return void req.destroy()
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        tooLarge = true
        refuse(res, 413, 'Too large.')
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (tooLarge) return
      if (settled) return refuse(res, 410, 'This link has already been used or has expired.')
      const got = parseCallbackBody(
        String(req.headers['content-type'] ?? '').toLowerCase(),
        Buffer.concat(chunks).toString('utf8'),
      )
      if (!got) return refuse(res, 400, 'This is not an API key from BTCPay Server.')
      settled = true
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Cache-Control': 'no-store',
        Connection: 'close',
      })
      res.end(DONE_PAGE, () => shutdown())
      resolve(got)
    })
  })

  const shutdown = () => {
    clearTimeout(timer)
    server.close()
    server.closeIdleConnections()
  }
  const finish = (error: Error) => {
    if (settled) return
    settled = true
    shutdown()
    reject(error)
  }
  const timer = setTimeout(
    () => finish(new CallbackExpiredError('The authorization in the browser took too long.')),
    timeoutMs,
  )

  await new Promise<void>((res, rej) => {
    server.once('error', rej)
    server.listen(0, '127.0.0.1', () => res())
  })
  const { port } = server.address() as AddressInfo
  return {
    redirectUrl: `http://127.0.0.1:${port}${path}`,
    expiresAt: now() + timeoutMs,
    payload,
    close: () => finish(new CallbackClosedError('The authorization was cancelled.')),
  }
}
