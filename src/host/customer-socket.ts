import { WebSocketServer, type WebSocket } from 'ws'
import type { CustomerFeed } from '../main/customer-display/customer-feed'
import type { Logger } from '../main/log/logger'
import { CUSTOMER_CHANNEL } from '../shared/ipc/customer-api'
import { tokenGuard } from './ws-bridge'

/**
 * The customer page's socket: its own token (the customer URL cannot open the cashier's bridge),
 * the host's page origin, and traffic one way only: customer:view events out, and a socket that
 * sends anything is closed.
 */
export function attachCustomerSocket(opts: {
  token: string
  origin: () => string
  feed: CustomerFeed
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
    ws.on('message', () => {
      log.warn('host.customer-message-refused')
      ws.close(1008)
    })
  })
  return wss
}
