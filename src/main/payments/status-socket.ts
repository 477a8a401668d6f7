/**
 * BTCPay's checkout status websocket `/i/{invoiceId}/status/ws` (shared docs/btcpay-protocol.md
 * §5): anonymous; the server sends a 1-byte binary frame whenever the invoice changes and a text
 * frame "ping" after ~30 s and then every ~25 s of inactivity. It refuses (404) the upgrade for an
 * unknown invoice and for one already Settled, Invalid or Expired. The socket is only a trigger:
 * what changed is always read from the signed API.
 */
import { WebSocket } from 'ws'
import type { ClientOptions, RawData } from 'ws'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'

/** ws:// for http, wss:// for https, on the server's origin and path base. */
export function statusSocketUrl(serverUrl: string, invoiceId: string): string {
  const base = new URL(serverUrl)
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error('the server address must be http or https')
  }
  const path = base.pathname.replace(/\/+$/, '')
  const u = new URL(`${base.origin}${path}/i/${encodeURIComponent(invoiceId)}/status/ws`)
  u.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:'
  return u.href
}

/** `ws`'s WebSocket, or a subclass of it (tests count frames that way). */
export type WebSocketConstructor = new (url: string, options?: ClientOptions) => WebSocket

export type SocketDownReason =
  /** The server answered the upgrade with an HTTP status (404 for final invoices, 503, …). */
  | 'refused'
  /** Connect failed, or the connection broke. */
  | 'error'
  /** Closed by the server (or a proxy) after it was open. */
  | 'closed'
  /** Nothing (not even a "ping") for longer than the idle timeout: presumed dead. */
  | 'idle'

export interface SocketDown {
  reason: SocketDownReason
  /** HTTP status of a refused upgrade. */
  status?: number
  /** Close code once open. */
  code?: number
  /** It had been open (ms it was open), or null when it never opened. */
  openForMs: number | null
}

export interface StatusSocketOptions {
  url: string
  onOpen(): void
  /** Any message other than the text "ping": the invoice changed. */
  onTrigger(): void
  /** Called exactly once, unless close() was called first. */
  onDown(down: SocketDown): void
  WebSocketImpl?: WebSocketConstructor
  handshakeTimeoutMs?: number
  /** BTCPay pings after 30 s, then every 25 s of silence. Default 75 s. */
  idleTimeoutMs?: number
  now?: () => number
  log?: Logger
}

export interface StatusSocket {
  /** Closes the socket (or abandons the handshake); no callback is called afterwards. */
  close(): void
}

function isPing(data: RawData, isBinary: boolean): boolean {
  if (isBinary) return false
  const buf = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data)
  return buf.length === 4 && buf.toString('utf8') === 'ping'
}

export function openStatusSocket(options: StatusSocketOptions): StatusSocket {
  const Impl: WebSocketConstructor = options.WebSocketImpl ?? WebSocket
  const log = options.log ?? silentLogger
  const now = options.now ?? Date.now
  const idleTimeoutMs = options.idleTimeoutMs ?? 75_000
  let done = false
  let openedAt: number | null = null
  let refusedStatus: number | undefined
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  let killTimer: ReturnType<typeof setTimeout> | undefined

  const ws = new Impl(options.url, {
    handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
    followRedirects: false,
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
  })

  const finish = (down: Omit<SocketDown, 'openForMs'>): void => {
    if (done) return
    done = true
    clearTimeout(idleTimer)
    options.onDown({ ...down, openForMs: openedAt === null ? null : now() - openedAt })
  }

  const armIdle = (): void => {
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      ws.terminate()
      finish({ reason: 'idle' })
    }, idleTimeoutMs)
  }

  ws.on('unexpected-response', (_req, res) => {
    refusedStatus = res.statusCode
    res.resume()
    // Aborts the handshake request; 'close' follows.
    ws.terminate()
  })
  ws.on('open', () => {
    if (done) {
      ws.close(1000)
      return
    }
    openedAt = now()
    armIdle()
    options.onOpen()
  })
  ws.on('message', (data, isBinary) => {
    if (done) return
    armIdle()
    if (!isPing(data, isBinary)) options.onTrigger()
  })
  ws.on('error', (err) => {
    if (!done) log.debug('payments.socket-error', { err })
  })
  ws.on('close', (code) => {
    clearTimeout(killTimer)
    if (refusedStatus !== undefined) finish({ reason: 'refused', status: refusedStatus })
    else if (openedAt === null) finish({ reason: 'error' })
    else finish({ reason: code === 1006 ? 'error' : 'closed', code })
  })

  return {
    close() {
      if (done) return
      done = true
      clearTimeout(idleTimer)
      if (ws.readyState === ws.CLOSED) return
      // While CONNECTING, the handshake is left to finish rather than resetting the connection
      // under the server: the 'open' or 'unexpected-response' handler then closes it.
      if (ws.readyState === ws.OPEN) ws.close(1000)
      // Bound the wait: the close handshake (ws would wait 30 s) or a slow upgrade answer.
      killTimer = setTimeout(() => ws.terminate(), 1000)
      killTimer.unref()
    },
  }
}
