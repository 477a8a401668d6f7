// `npm run btcpay:test-server [-- --port N]`: the test server alone on 127.0.0.1 until Ctrl-C.
import { parseArgs } from 'node:util'
import { startBtcpayTestServer } from './server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p', default: '0' },
    'ws-ping-ms': { type: 'string' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port: ${values.port}`)
  process.exit(2)
}
const ping = values['ws-ping-ms'] ? Number(values['ws-ping-ms']) : undefined

const server = await startBtcpayTestServer({
  port,
  settings: ping ? { wsPingInitialMs: ping, wsPingIntervalMs: ping } : {},
})
const { storeId } = server.control.info()
const { pairingCode } = server.control.createPairingCode({ label: 'cli' })
const u = server.url

console.log(`BTCPay test server listening on ${u}

Demo store:            ${storeId}
Pairing code (server-initiated, valid 15 min): ${pairingCode}
  complete it with:    POST ${u}/tokens {"id":"<SIN>","pairingCode":"${pairingCode}"}
Access tokens page:    ${u}/stores/${storeId}/tokens

Control API (JSON; see e2e/btcpay-test-server/README.md):
  curl -s ${u}/_control/info
  curl -s -XPOST ${u}/_control/pairing-codes -d '{"label":"till 1"}'
  curl -s -XPOST ${u}/_control/tokens -d '{"publicKey":"02..."}'
  curl -s -XPOST ${u}/_control/api-keys -d '{"permissions":["btcpay.store.cancreateinvoice:${storeId}","btcpay.store.canviewinvoices:${storeId}"]}'
  curl -s ${u}/_control/invoices
  curl -s -XPOST ${u}/_control/invoices/<id>/pay -d '{"mode":"full"}'   # or partial|over|late
  curl -s -XPOST ${u}/_control/invoices/<id>/confirm
  curl -s -XPOST ${u}/_control/clock/advance -d '{"ms":900000}'
  curl -s -XPOST ${u}/_control/faults -d '{"kind":"error","status":503,"pathPrefix":"/invoices","times":1}'

Ctrl-C to stop.`)

const stop = (): void => {
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
