import { WebSocketServer, type WebSocket } from 'ws'
import type { CustomerFeed } from '../main/customer-display/customer-feed'
import type { Logger } from '../main/log/logger'
import { CHOOSE_TIP_CHANNEL, CUSTOMER_CHANNEL } from '../shared/ipc/customer-api'
import { tokenGuard } from './ws-bridge'

/** The one frame a customer page may send: its answer to the tip question, checked by main. */
function tipChoiceOf(data: unknown): { payload: unknown } | null {
  try {
    const frame: unknown = JSON.parse(String(data))
    if (typeof frame !== 'object' || frame === null) return null
    const { message, payload } = frame as { message?: unknown; payload?: unknown }
    return message === CHOOSE_TIP_CHANNEL ? { payload } : null
  } catch {
    return null
  }
}

/**
 * The customer page's socket: its own token (the customer URL cannot open the cashier's bridge),
 * the host's page origin, customer:view events out, and in only `customer:choose-tip` frames,
 * handed to main's tip question; a socket that sends anything else is closed.
 */
export function attachCustomerSocket(opts: {
  token: string
  origin: () => string
  feed: CustomerFeed
  chooseTip: (raw: unknown) => void
  log: Logger
}): WebSocketServer {
  const { token, origin, feed, log } = opts
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    verifyClient: tokenGuard(token, origin, (from) =>
      log.warn('host.customer-refused', { origin: from }),
    ),
  })
  wss.on('connection', (ws: WebSocket) => {
    const disconnect = feed.connect((envelope) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event: CUSTOMER_CHANNEL, envelope }))
    })
    ws.on('close', disconnect)
    ws.on('error', () => ws.terminate())
    ws.on('message', (data) => {
      const tip = tipChoiceOf(data)
      if (tip) return opts.chooseTip(tip.payload)
      log.warn('host.customer-message-refused')
      ws.close(1008)
    })
  })
  return wss
}
