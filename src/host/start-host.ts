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
import { attachWsBridge } from './ws-bridge'

const repoRoot = resolve(import.meta.dirname, '../..')

export type HostOptions = StartupFlags & { rendererDir?: string; echoLog?: boolean }

export type RunningHost = { url: string; origin: string; core: Core; close(): Promise<void> }

async function bundleBridge(): Promise<string> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, 'browser-bridge.ts')],
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
  })
  await core.start()

  const token = randomBytes(24).toString('base64url')
  let origin = ''
  const server = createStaticServer({
    rendererDir,
    bridgeScript: await bundleBridge(),
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
  const wss = attachWsBridge({
    server,
    token,
    origin: () => origin,
    dispatch,
    events: core.events,
    log,
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 0, '127.0.0.1', () => done())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  log.info('host.started', { origin, dataDir })

  return {
    url: `${origin}/#token=${token}`,
    origin,
    core,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise<void>((done) => server.close(() => done()))
      await core.stop()
    },
  }
}
