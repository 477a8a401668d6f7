/**
 * Follows one invoice until its status is final, and tells the caller every change.
 *
 * - Trigger: BTCPay's checkout websocket `/i/{id}/status/ws` (status-socket.ts). Any message but
 *   "ping" means "something changed".
 * - Truth: the signed `fetchInvoice(id)` (legacy `GET /invoices/{id}`), mapped by
 *   paymentStatusOf. `onStatus` gets the first status and then only changes.
 * - One fetch at a time: triggers that arrive during a fetch collapse into a single next fetch,
 *   so a burst never piles up requests, and no trigger is lost.
 * - Socket down (refused, failed, dropped, silent for `socketIdleTimeoutMs`): poll every
 *   `pollIntervalMs`, doubling while nothing changes up to `maxPollIntervalMs`, back to the base on
 *   a change; a fetch right away after a drop (a change may have been missed). Meanwhile the socket
 *   is reconnected with its own backoff (`reconnectIntervalMs` doubling to
 *   `maxReconnectIntervalMs`, 20 % jitter), reset once a socket stayed open that long.
 * - Fetch failures (5xx, timeout, malformed JSON, connection reset, 404, …) never become a status:
 *   the last good status stays, `onConnection` reports `trouble` (the BtcpayError code), and the
 *   polling path retries with the same backoff until a fetch works again (trouble back to null).
 * - Final (see payment-status.ts): complete, invalid, paid late, or expired past the grace
 *   period: `onStatus` gets it, then everything stops (socket closed, timers cleared).
 * - Expired but not final: BTCPay refuses new sockets for it (404), so no reconnecting; an open
 *   socket is kept (BTCPay still signals a late payment on it) and the invoice is polled every
 *   `expiredPollIntervalMs` until a late payment shows up or the grace period has passed.
 * - A 404 on the socket (BTCPay's answer for an unknown or already final invoice) leads to a fetch;
 *   only the fetch decides.
 */
import { BtcpayError } from '../btcpay/errors'
import type { LegacyInvoice } from '../btcpay/legacy-models'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import { createBackoff } from './backoff'
import { DEFAULT_EXPIRED_GRACE_MS, paymentStatusOf, samePaymentStatus } from './payment-status'
import type { PaymentStatus } from './payment-status'
import { openStatusSocket, statusSocketUrl } from './status-socket'
import type { StatusSocket, WebSocketConstructor } from './status-socket'

export interface WatchConnection {
  /** 'socket' while the status websocket is open, else 'polling'. */
  via: 'socket' | 'polling'
  /** Why the last fetch failed (a BtcpayError code, e.g. 'server-error'), null when it worked. */
  trouble: string | null
}

export interface WatchInvoiceOptions {
  invoiceId: string
  /** The paired server's base URL (path base kept), e.g. https://shop.example.com/btcpay. */
  serverUrl: string
  /** The signed getInvoice. It must time out by itself (LegacyClient does). */
  fetchInvoice: (id: string) => Promise<LegacyInvoice>
  /**
   * The invoice as the caller has just had it from BTCPay (a charge's answer). Its status is the
   * first one (not reported again), and the first look is when the socket opens, or at the first
   * poll without it: a charge signs one request fewer.
   */
  known?: LegacyInvoice
  /**
   * Every change, and once at start with the first fetched status (unless `known`). Never called
   * synchronously.
   */
  onStatus: (s: PaymentStatus) => void
  /** Every change of the connection state. */
  onConnection?: (c: WatchConnection) => void
  log?: Logger
  now?: () => number
  /** Poll interval while the socket is down, and first retry after a failed fetch. Default 1 s. */
  pollIntervalMs?: number
  /** Polling backs off up to this. Default 10 s. */
  maxPollIntervalMs?: number
  /** First socket reconnect delay. Default 1 s. */
  reconnectIntervalMs?: number
  /** Default 30 s. */
  maxReconnectIntervalMs?: number
  /** How long after its expiration time an expired invoice is watched for a late payment. */
  expiredGraceMs?: number
  /** Poll interval during that grace period. Default 30 s. */
  expiredPollIntervalMs?: number
  /** A socket silent (not even "ping") for this long is presumed dead. Default 75 s. */
  socketIdleTimeoutMs?: number
  /** Default: `ws`'s WebSocket (`typeof import('ws').WebSocket` fits). */
  WebSocketImpl?: WebSocketConstructor
}

export interface InvoiceWatcher {
  /** Stops for good: closes the socket, clears the timers; no callback afterwards. */
  stop(): void
  /**
   * Fetches now (or right after the fetch in flight); resolves when that fetch is done, whatever
   * its outcome. Never rejects.
   */
  refresh(): Promise<void>
}

export const WATCH_DEFAULTS = {
  pollIntervalMs: 1000,
  maxPollIntervalMs: 10_000,
  reconnectIntervalMs: 1000,
  maxReconnectIntervalMs: 30_000,
  expiredGraceMs: DEFAULT_EXPIRED_GRACE_MS,
  expiredPollIntervalMs: 30_000,
  socketIdleTimeoutMs: 75_000,
} as const

function troubleOf(err: unknown): string {
  return err instanceof BtcpayError ? err.code : 'network'
}

export function watchInvoice(opts: WatchInvoiceOptions): InvoiceWatcher {
  const { invoiceId } = opts
  const log = opts.log ?? silentLogger
  const now = opts.now ?? Date.now
  const pollIntervalMs = opts.pollIntervalMs ?? WATCH_DEFAULTS.pollIntervalMs
  const maxPollIntervalMs = opts.maxPollIntervalMs ?? WATCH_DEFAULTS.maxPollIntervalMs
  const reconnectIntervalMs = opts.reconnectIntervalMs ?? WATCH_DEFAULTS.reconnectIntervalMs
  const maxReconnectIntervalMs =
    opts.maxReconnectIntervalMs ?? WATCH_DEFAULTS.maxReconnectIntervalMs
  const expiredGraceMs = opts.expiredGraceMs ?? WATCH_DEFAULTS.expiredGraceMs
  const expiredPollIntervalMs = opts.expiredPollIntervalMs ?? WATCH_DEFAULTS.expiredPollIntervalMs
  const socketIdleTimeoutMs = opts.socketIdleTimeoutMs ?? WATCH_DEFAULTS.socketIdleTimeoutMs

  const pollBackoff = createBackoff({ baseMs: pollIntervalMs, maxMs: maxPollIntervalMs })
  const reconnectBackoff = createBackoff({
    baseMs: reconnectIntervalMs,
    maxMs: maxReconnectIntervalMs,
    jitter: 0.2,
  })

  let socketUrl: string | null = null
  try {
    socketUrl = statusSocketUrl(opts.serverUrl, invoiceId)
  } catch (err) {
    log.warn('payments.socket-bad-url', { invoiceId, message: (err as Error).message })
  }

  let stopped = false
  let last: PaymentStatus | null = opts.known
    ? paymentStatusOf(opts.known, now(), { expiredGraceMs })
    : null
  let trouble: string | null = null
  let socket: StatusSocket | null = null
  let socketOpen = false
  let reported: WatchConnection | null = null
  let pollTimer: ReturnType<typeof setTimeout> | undefined
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined
  let fetches = 0
  /** The first socket attempt is under way (nothing is reported as 'polling' before it ends). */
  let firstAttempt = socketUrl !== null

  // --- callbacks (a throwing caller must not break the watcher) --------------------------------

  function emitStatus(s: PaymentStatus): void {
    try {
      opts.onStatus(s)
    } catch (err) {
      log.error('payments.on-status-threw', { invoiceId, message: (err as Error).message })
    }
  }

  function report(): void {
    if (stopped) return
    // Until the first socket attempt has an outcome, 'polling' would only be a flicker.
    if (firstAttempt && trouble === null) return
    const c: WatchConnection = { via: socketOpen ? 'socket' : 'polling', trouble }
    if (reported && reported.via === c.via && reported.trouble === c.trouble) return
    reported = c
    try {
      opts.onConnection?.(c)
    } catch (err) {
      log.error('payments.on-connection-threw', { invoiceId, message: (err as Error).message })
    }
  }

  // --- state helpers ---------------------------------------------------------------------------

  /** Expired, still inside the grace period. */
  const inGrace = (): boolean => last !== null && last.legacyStatus === 'expired' && !last.final

  /** BTCPay refuses sockets for expired (and final) invoices: only try for open ones. */
  const wantSocket = (): boolean =>
    !stopped && socketUrl !== null && !(last !== null && last.legacyStatus === 'expired')

  // --- one fetch at a time -----------------------------------------------------------------------

  let running = false
  let pending = false
  let waiters: (() => void)[] = []

  function trigger(): Promise<void> {
    if (stopped) return Promise.resolve()
    pending = true
    const done = new Promise<void>((resolve) => waiters.push(resolve))
    if (!running) void pump()
    return done
  }

  async function pump(): Promise<void> {
    running = true
    try {
      while (pending && !stopped) {
        pending = false
        const covered = waiters
        waiters = []
        await fetchOnce()
        for (const resolve of covered) resolve()
      }
    } finally {
      running = false
      const rest = waiters
      waiters = []
      for (const resolve of rest) resolve()
    }
  }

  async function fetchOnce(): Promise<void> {
    fetches++
    let status: PaymentStatus
    try {
      const invoice = await opts.fetchInvoice(invoiceId)
      if (invoice.id !== invoiceId) {
        throw new BtcpayError({
          code: 'malformed-response',
          message: 'The server answered with another invoice.',
        })
      }
      status = paymentStatusOf(invoice, now(), { expiredGraceMs })
    } catch (err) {
      if (stopped) return
      const code = troubleOf(err)
      if (trouble !== code) log.warn('payments.fetch-failed', { invoiceId, code })
      trouble = code
      report()
      schedulePoll()
      return
    }
    if (stopped) return
    const recovered = trouble !== null
    if (recovered) log.info('payments.fetch-recovered', { invoiceId })
    trouble = null
    const changed = last === null || !samePaymentStatus(last, status)
    if (changed) {
      last = status
      pollBackoff.reset()
      log.info('payments.status', {
        invoiceId,
        phase: status.phase,
        final: status.final,
        via: socketOpen ? 'socket' : 'polling',
      })
    } else if (socketOpen) {
      pollBackoff.reset()
    }
    report()
    if (changed) emitStatus(status)
    if (stopped) return
    if (status.final) {
      end('final')
      return
    }
    if (!wantSocket()) {
      clearTimeout(reconnectTimer)
      reconnectTimer = undefined
    }
    // A change, or the end of a failure streak, re-plans polling (from its base, or not at all
    // when the socket is open again).
    schedulePoll(changed || recovered)
    scheduleReconnect()
  }

  // --- polling ---------------------------------------------------------------------------------

  function pollDelay(): number | null {
    if (stopped) return null
    if (inGrace()) return expiredPollIntervalMs
    if (!socketOpen || trouble !== null) return pollBackoff.next()
    return null
  }

  /** Plans the next poll; keeps a planned one unless `replan`. */
  function schedulePoll(replan = false): void {
    if (pollTimer !== undefined && !replan) return
    clearTimeout(pollTimer)
    pollTimer = undefined
    const delay = pollDelay()
    if (delay === null) return
    pollTimer = setTimeout(() => {
      pollTimer = undefined
      void trigger()
    }, delay)
  }

  // --- socket ----------------------------------------------------------------------------------

  function scheduleReconnect(): void {
    if (reconnectTimer !== undefined || socket !== null || !wantSocket()) return
    const delay = reconnectBackoff.next()
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      connect()
    }, delay)
  }

  function connect(): void {
    if (socket !== null || !wantSocket() || socketUrl === null) return
    socket = openStatusSocket({
      url: socketUrl,
      idleTimeoutMs: socketIdleTimeoutMs,
      now,
      log,
      ...(opts.WebSocketImpl ? { WebSocketImpl: opts.WebSocketImpl } : {}),
      onOpen: () => {
        if (stopped) return
        firstAttempt = false
        socketOpen = true
        log.debug('payments.socket-open', { invoiceId })
        report()
        // Catch up with what happened while nobody listened, then rely on the socket.
        void trigger()
        schedulePoll(true)
      },
      onTrigger: () => {
        void trigger()
      },
      onDown: (down) => {
        if (stopped) return
        const wasOpen = socketOpen
        firstAttempt = false
        socket = null
        socketOpen = false
        if (down.openForMs !== null && down.openForMs >= maxReconnectIntervalMs) {
          reconnectBackoff.reset()
        }
        log.info('payments.socket-down', { invoiceId, ...down })
        report()
        if (wasOpen) {
          pollBackoff.reset()
          void trigger()
        } else if (down.status === 404) {
          // BTCPay's answer for a final (or unknown) invoice: ask the API which it is.
          void trigger()
        }
        schedulePoll(wasOpen)
        scheduleReconnect()
      },
    })
  }

  // --- lifecycle -------------------------------------------------------------------------------

  function end(reason: 'final' | 'stopped'): void {
    if (stopped) return
    stopped = true
    clearTimeout(pollTimer)
    clearTimeout(reconnectTimer)
    pollTimer = undefined
    reconnectTimer = undefined
    socket?.close()
    socket = null
    socketOpen = false
    log.info('payments.watch-end', { invoiceId, reason, fetches, phase: last?.phase ?? null })
  }

  log.info('payments.watch-start', { invoiceId, socket: socketUrl !== null })
  connect()
  if (last === null || last.final) void trigger()
  schedulePoll()

  return {
    stop: () => end('stopped'),
    refresh: () => trigger(),
  }
}
