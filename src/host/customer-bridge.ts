// Runs in the customer page served by the browser host, in place of the customer preload: the
// same window.customerDisplay, fed by the host's customer socket, which only ever sends
// customer:view events and accepts nothing but the customer's tip.
import { CHOOSE_TIP_CHANNEL, CUSTOMER_CHANNEL, createCustomerApi } from '../shared/ipc/customer-api'

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? ''
let socket: WebSocket | null = null
const { api, deliver } = createCustomerApi((payload) => {
  // Not connected: the tap is lost and the customer taps again; the till can answer for them.
  if (socket?.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ message: CHOOSE_TIP_CHANNEL, payload }))
  }
})

function connect(): void {
  const ws = new WebSocket(`ws://${location.host}/customer?token=${encodeURIComponent(token)}`)
  socket = ws
  ws.onmessage = (message) => {
    let frame: { event?: string; envelope?: unknown }
    try {
      frame = JSON.parse(String(message.data))
    } catch {
      return
    }
    if (frame.event === CUSTOMER_CHANNEL) deliver(frame.envelope)
  }
  // The host restarted or the network blinked: the display keeps trying.
  ws.onclose = () => setTimeout(connect, 1000)
}
connect()

Object.defineProperty(window, 'customerDisplay', { value: api, enumerable: true })
