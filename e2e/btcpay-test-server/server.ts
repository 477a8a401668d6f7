// Wiring: one HTTP server on loopback carrying the legacy API, Greenfield, the checkout (with its
// websocket), the merchant pages and the /_control API, with fault injection in front.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { checkoutRouter, StatusSockets } from './ui/checkout'
import { Clock } from './core/clock'
import type { Deps, Settings } from './core/context'
import { DEFAULT_SETTINGS } from './core/context'
import { Control } from './control/control'
import { controlRouter } from './control/routes'
import { Faults } from './core/faults'
import { greenfieldRouter } from './greenfield/router'
import type { Ctx } from './core/http'
import { header, makeCtx, readBody, sendEmpty, sendText } from './core/http'
import { handleLegacy, isLegacyApiRequest } from './legacy/bitpay-api'
import { pagesRouter } from './ui/router'
import { ServerState } from './core/state'

export interface TestServerOptions {
  /** 0 (default) picks a free port. */
  port?: number
  host?: '127.0.0.1' | 'localhost' | '::1'
  settings?: Partial<Settings>
  /** Supply a clock to share it with the test; by default a fresh real-time clock. */
  clock?: Clock
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string
  readonly port: number
  readonly control: Control
  readonly state: ServerState
  close(): Promise<void>
}

const TRUNCATED_JSON = '{"data":{"id":"'

async function applyFaults(ctx: Ctx, deps: Deps): Promise<boolean> {
  const delays = deps.faults.take(ctx.method, ctx.path, ['latency'])
  const wait = delays.reduce((sum, f) => sum + f.latencyMs, 0)
  if (wait > 0) await sleep(wait)
  const [fault] = deps.faults.take(ctx.method, ctx.path, ['reset', 'error', 'malformed-json'])
  if (!fault) return false
  if (fault.kind === 'reset') {
    ctx.req.socket.destroy()
  } else if (fault.kind === 'error') {
    sendText(
      ctx,
      fault.status,
      'text/plain; charset=utf-8',
      fault.body ?? `Injected fault ${fault.status}`,
    )
  } else {
    sendText(ctx, 200, 'application/json; charset=utf-8', fault.body ?? TRUNCATED_JSON)
  }
  return true
}

export async function startBtcpayTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1'
  const state = new ServerState(options.clock ?? new Clock())
  const deps: Deps = {
    state,
    faults: new Faults(),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  }
  const sockets = new StatusSockets(deps)
  let url = ''
  const control = new Control(deps, sockets, () => url)
  const routers = {
    control: controlRouter(control),
    greenfield: greenfieldRouter(deps),
    checkout: checkoutRouter(deps),
    pages: pagesRouter(deps),
  }

  const server = createServer((req, res) => {
    void (async () => {
      const ctx = makeCtx(req, res, await readBody(req))
      // Global CORS policy "any origin, any header, any method" (BTCPay's CorsPolicies.All).
      if (header(ctx, 'origin') !== undefined) res.setHeader('Access-Control-Allow-Origin', '*')
      if (ctx.method === 'OPTIONS' && header(ctx, 'access-control-request-method')) {
        return sendEmpty(ctx, 204, {
          'Access-Control-Allow-Methods': header(ctx, 'access-control-request-method') ?? '*',
          'Access-Control-Allow-Headers': header(ctx, 'access-control-request-headers') ?? '*',
        })
      }
      if (ctx.path.startsWith('/_control/')) {
        if (!(await routers.control.dispatch(ctx))) sendEmpty(ctx, 404)
        return
      }
      if (await applyFaults(ctx, deps)) return
      if (isLegacyApiRequest(ctx)) return handleLegacy(ctx, deps)
      if (await routers.greenfield.dispatch(ctx)) return
      if (await routers.checkout.dispatch(ctx)) return
      if (await routers.pages.dispatch(ctx)) return
      sendEmpty(ctx, 404)
    })().catch((err: unknown) => {
      console.error('[btcpay-test-server] handler error', err)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end(String(err))
    })
  })
  server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head))
  const sweeper = setInterval(() => state.sweep(), 1000)
  sweeper.unref()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    url,
    port,
    control,
    state,
    close: async () => {
      clearInterval(sweeper)
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
