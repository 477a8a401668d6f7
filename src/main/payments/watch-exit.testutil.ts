// Run by watch-exit.test.ts in a child process: watch two invoices (one over the socket, one
// polling because the socket is refused), stop both, close the server, and do NOT call
// process.exit: the process must end by itself, proving no timer or socket was left behind.
import { startBtcpayTestServer } from '../../../e2e/btcpay-test-server'
import { watchInvoice } from './invoice-watcher'
import type { WatchConnection } from './invoice-watcher'
import { FAST, newInvoice, pairedClient, waitFor } from './watch-helpers.testutil'

const server = await startBtcpayTestServer()
const client = await pairedClient(server)
const a = await newInvoice(client)
const b = await newInvoice(client)
const seen: Record<string, WatchConnection | undefined> = {}
const start = (id: string) =>
  watchInvoice({
    invoiceId: id,
    serverUrl: server.url,
    fetchInvoice: (x) => client.getInvoice(x),
    onStatus: () => {},
    onConnection: (c) => (seen[id] = c),
    ...FAST,
  })
const wa = start(a.id)
await waitFor(() => seen[a.id]?.via === 'socket')
server.control.addFault({ kind: 'ws-refuse' })
const wb = start(b.id)
await waitFor(() => seen[b.id]?.via === 'polling')
await new Promise((r) => setTimeout(r, 200)) // a few polls and reconnect attempts
wa.stop()
wb.stop()
await waitFor(() => server.control.openWebsockets === 0)
await server.close()
console.log(`stopped; open websockets: ${server.control.openWebsockets}`)
