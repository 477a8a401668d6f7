// `npm run demo`: the whole flow with no BTCPay server of your own. Starts the project's BTCPay test
// server, then the app already paired with it (Electron where its binary is installed, otherwise the
// browser host), with a DEMO banner and buttons that play the customer.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DEMO_STORE_ID, startBtcpayTestServer } from '../e2e/btcpay-test-server'
import { electronBinary } from './electron-binary'
import { startHost } from '../src/host/start-host'
import { parseStartupFlags } from '../src/main/startup-flags'

const root = resolve(import.meta.dirname, '..')

// Without a desktop session there is no keychain: run inside a throw-away one (and say so).
if (!process.env.DBUS_SESSION_BUS_ADDRESS && process.env.POS_KEYRING_SESSION !== '1') {
  console.log('No desktop keychain found: running the demo with a throw-away GNOME keyring.')
  const r = spawnSync(
    'bash',
    [
      join(root, 'scripts/with-keyring.sh'),
      process.execPath,
      '--import',
      'tsx',
      ...process.argv.slice(1),
    ],
    {
      stdio: 'inherit',
    },
  )
  process.exit(r.status ?? 1)
}

const server = await startBtcpayTestServer()
const flags = parseStartupFlags(process.argv.slice(2))
const dataDir = resolve(flags.dataDir ?? join(root, '.data', `demo-${Date.now()}`))
mkdirSync(dataDir, { recursive: true })
const { pairingCode } = server.control.createPairingCode({ label: 'Demo till' })
writeFileSync(
  join(dataDir, 'provision.json'),
  JSON.stringify({
    version: 1,
    serverUrl: server.url,
    pairingCode,
    terminalLabel: 'Demo till',
    defaultCurrency: 'USD',
    kiosk: false,
    managerPinHash: null,
    // Payment requests need the Greenfield API key: the demo store's, for requests and invoices.
    greenfieldApiKey: server.control.createApiKey({
      label: 'BTCPay Cashier',
      permissions: [
        `btcpay.store.canviewpaymentrequests:${DEMO_STORE_ID}`,
        `btcpay.store.canmodifypaymentrequests:${DEMO_STORE_ID}`,
        `btcpay.store.canviewinvoices:${DEMO_STORE_ID}`,
      ],
    }).apiKey,
  }),
)
console.log(`BTCPay test server: ${server.url} (control API under /_control)`)

const electron = electronBinary()
if (electron) {
  const app = spawn(electron, [root, '--data-dir', dataDir, '--demo', server.url], {
    stdio: 'inherit',
  })
  app.on('exit', (code) => void server.close().then(() => process.exit(code ?? 0)))
} else {
  const host = await startHost({
    dataDir,
    provisionFile: null,
    kiosk: false,
    port: null,
    demo: server.url,
  })
  console.log(
    `Electron is not installed here, so the demo runs in the browser host.\nOpen: ${host.url}\nPress Ctrl+C to stop.`,
  )
  const stop = () =>
    void host
      .close()
      .then(() => server.close())
      .then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
