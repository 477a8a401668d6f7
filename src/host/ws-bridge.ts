import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Dispatch } from '../main/ipc/dispatcher'
import type { EventHub } from '../main/ipc/event-hub'
import type { Logger } from '../main/log/logger'

/** Largest request frame the bridge accepts; real requests are a few hundred bytes. */
const MAX_FRAME = 256 * 1024

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** A socket's handshake passes with this run's token and from the host's own page origin only. */
export function tokenGuard(
  token: string,
  origin: () => string,
  onRefused: (origin?: string) => void,
) {
  return ({ req }: { req: IncomingMessage }) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const ok =
      sameSecret(url.searchParams.get('token') ?? '', token) && req.headers.origin === origin()
    if (!ok) onRefused(req.headers.origin)
    return ok
  }
}

/**
 * Carries window.pos over a loopback WebSocket into the same dispatcher Electron uses. A socket is
 * accepted only with the per-run token and only from the host's own page origin.
 */
export function attachWsBridge(opts: {
  token: string
  origin: () => string
  dispatch: Dispatch
  events: EventHub
  log: Logger
}): WebSocketServer {
  const { token, origin, dispatch, events, log } = opts
  let connections = 0
  const wss = new WebSocketServer({
    // start-host routes /bridge upgrades here (the customer socket shares the server).
    noServer: true,
    maxPayload: MAX_FRAME,
    verifyClient: tokenGuard(token, origin, (from) =>
      log.warn('host.bridge-refused', { origin: from }),
    ),
  })
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const contentsId = ++connections
    const sender = { frameUrl: req.headers.origin ?? null, isTopFrame: true, contentsId }
    const disconnect = events.connect((event, envelope) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, envelope }))
    })
    ws.on('close', disconnect)
    ws.on('error', () => ws.terminate())
    ws.on('message', (raw) => {
      let frame: unknown
      try {
        frame = JSON.parse(String(raw))
      } catch {
        log.warn('host.bridge-bad-frame')
        return
      }
      const { id, channel, input } = (frame ?? {}) as {
        id?: unknown
        channel?: unknown
        input?: unknown
      }
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return
      void dispatch(sender, channel, input).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }))
      })
    })
  })
  return wss
}
