import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import Conf from 'conf'
import { build } from 'esbuild'
import { createCore, type Core } from '../main/core/create-core'
import { lockDataDir } from '../main/data-dir/data-dir-lock'
import { createKeytarVault } from '../main/keychain/keytar-vault'
import { keychainServiceFor } from '../main/keychain/service-name'
import { createDispatcher } from '../main/ipc/dispatcher'
import { createFileLogger } from '../main/log/file-logger'
import { contentSecurityPolicy } from '../main/security/csp'
import { isSameOrigin } from '../main/security/navigation'
import { settingsBackendOptions, type SettingsBackend } from '../main/settings/settings-store'
import type { StartupFlags } from '../main/startup-flags'
import { createStaticServer } from './static-server'
import type { WebSocketServer } from 'ws'
import { attachCustomerSocket } from './customer-socket'
import { attachWsBridge } from './ws-bridge'

const repoRoot = resolve(import.meta.dirname, '../..')

export type HostOptions = StartupFlags & {
  rendererDir?: string
  echoLog?: boolean
  /** What the manager's "Quit" does here (after the PIN check in the core). */
  onQuit?: () => void
}

export type RunningHost = {
  url: string
  /** The customer display page, with its own token. */
  customerUrl: string
  origin: string
  core: Core
  close(): Promise<void>
}

async function bundleBridge(file: string): Promise<string> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, file)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent',
  })
  return out.outputFiles[0]?.text ?? ''
}

/**
 * The core in plain Node behind an HTTP server on 127.0.0.1: the renderer runs in any browser and
 * reaches the core through a token-guarded WebSocket. For development, demos and end-to-end tests;
 * never part of the packaged app.
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const rendererDir = opts.rendererDir ?? join(repoRoot, 'out/renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run \`npm run build\` first.`)
  }
  const dataDir = resolve(opts.dataDir ?? join(repoRoot, '.data/host'))
  const dataDirLock = await lockDataDir({ dataDir, app: 'BTCPay Cashier browser host' })
  const log = createFileLogger({ dir: join(dataDir, 'logs'), echo: opts.echoLog ?? false })
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    version: string
  }

  const settingsBackend = new Conf({
    cwd: dataDir,
    projectName: 'btcpay-cashier',
    ...settingsBackendOptions(),
  }) as unknown as SettingsBackend
  const core = createCore({
    host: 'browser',
    appName: 'BTCPay Cashier',
    appVersion: pkg.version,
    dataDir,
    dataDirLock,
    settingsBackend,
    vault: createKeytarVault({ service: keychainServiceFor(dataDir), log }),
    log,
    provisionFile: opts.provisionFile,
    demo: opts.demo,
    quit: opts.onQuit,
  })
  await core.start()

  const token = randomBytes(24).toString('base64url')
  const customerToken = randomBytes(24).toString('base64url')
  let origin = ''
  const server = createStaticServer({
    rendererDir,
    bridgeScripts: {
      cashier: await bundleBridge('browser-bridge.ts'),
      customer: await bundleBridge('customer-bridge.ts'),
    },
    catalogImage: core.catalog.imageFile,
    // Like the Electron window: frames only for the paired server's embedded checkout.
    csp: () => {
      const paired = core.settings.get().pairedServer
      return contentSecurityPolicy({
        connectOrigin: origin.replace(/^http/, 'ws'),
        frameOrigin: paired ? new URL(paired.url).origin : null,
      })
    },
  })
  const dispatch = createDispatcher({
    handlers: core.handlers,
    // Any socket that passed the token check and comes from our page's origin is "our window".
    isTrustedSender: (sender) => sender.isTopFrame && isSameOrigin(sender.frameUrl, origin),
    log,
  })
  const wss = attachWsBridge({ token, origin: () => origin, dispatch, events: core.events, log })
  const customerWss = attachCustomerSocket({
    token: customerToken,
    origin: () => origin,
    feed: core.customerFeed,
    chooseTip: core.chooseTip,
    log,
  })
  const sockets: Record<string, WebSocketServer> = { '/bridge': wss, '/customer': customerWss }
  server.on('upgrade', (req, socket, head) => {
    const target = sockets[new URL(req.url ?? '/', 'http://127.0.0.1').pathname]
    if (!target) {
      socket.destroy()
      return
    }
    target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', ws, req))
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 0, '127.0.0.1', () => done())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  log.info('host.started', { origin, dataDir })

  return {
    url: `${origin}/#token=${token}`,
    customerUrl: `${origin}/customer.html#token=${customerToken}`,
    origin,
    core,
    async close() {
      for (const sockets of [wss, customerWss]) {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
      }
      await new Promise<void>((done) => server.close(() => done()))
      await core.stop()
    },
  }
}
