// `npm run host`: starts the browser host and prints the URL to open.
import { parseStartupFlags } from '../main/startup-flags'
import { startHost } from './start-host'

try {
  const flags = parseStartupFlags(process.argv.slice(2))
  const host = await startHost({
    ...flags,
    echoLog: process.env.POS_HOST_ECHO_LOG === '1',
    onQuit: () => stop(),
  })
  console.log(
    `BTCPay Cashier browser host is running.\nOpen: ${host.url}\n` +
      `Customer display: ${host.customerUrl}\nPress Ctrl+C to stop.`,
  )
  const stop = () => void host.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (err) {
  console.error(
    `Could not start the browser host: ${err instanceof Error ? err.message : String(err)}`,
  )
  process.exit(1)
}
