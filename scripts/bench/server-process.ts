import { spawn } from 'node:child_process'
import { join } from 'node:path'

export type ServerProcess = {
  url: string
  /** A fresh server-initiated pairing code, through the control API. */
  pairingCode(): Promise<string>
  close(): Promise<void>
}

const root = join(import.meta.dirname, '../..')

/**
 * The project's BTCPay test server in a process of its own (`npm run btcpay:test-server`), so its
 * work neither counts in the core's timings nor delays the core's event loop: an independent
 * server, as a till has.
 */
export async function startServerProcess(): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'e2e/btcpay-test-server/cli.ts', '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`test server did not start:\n${output}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        done(match[1])
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => fail(new Error(`test server exited with ${code}:\n${output}`)))
  })
  return {
    url,
    async pairingCode() {
      const res = await fetch(`${url}/_control/pairing-codes`, { method: 'POST', body: '{}' })
      return ((await res.json()) as { pairingCode: string }).pairingCode
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise((done) => child.once('exit', done))
      child.kill('SIGTERM')
      await exited
    },
  }
}
