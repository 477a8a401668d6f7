import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { mimeTypeOf, resolveStaticFile } from '../main/security/app-protocol'

/**
 * Serves the built renderer as Electron's app:// handler would, with the same CSP header, plus the
 * bridge script that stands in for the preload.
 */
export function createStaticServer(opts: {
  rendererDir: string
  /** The preload's stand-in per page: window.pos for the till, window.customerDisplay for the customer. */
  bridgeScripts: { cashier: string; customer: string }
  csp: () => string
  /** The catalog's cached pictures: their app-relative path to a file, or null. */
  catalogImage: (pathname: string) => string | null
}): Server {
  return createServer((req, res) => {
    const headers = {
      'Content-Security-Policy': opts.csp(),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end()
      return
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const script = bridgeFiles[pathname]
    if (script) {
      res
        .writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' })
        .end(opts.bridgeScripts[script])
      return
    }
    const file = opts.catalogImage(pathname) ?? resolveStaticFile(opts.rendererDir, pathname)
    if (!file) {
      res.writeHead(404, headers).end('Not found')
      return
    }
    readFile(file).then(
      (body) => {
        const page = pages.find((p) => file.endsWith(p.html))
        const out = page ? injectBridge(body.toString('utf8'), page.script) : body
        res.writeHead(200, { ...headers, 'Content-Type': mimeTypeOf(file) }).end(out)
      },
      () => res.writeHead(404, headers).end('Not found'),
    )
  })
}

const bridgeFiles: Record<string, 'cashier' | 'customer'> = {
  '/host-bridge.js': 'cashier',
  '/customer-bridge.js': 'customer',
}
const pages = [
  { html: 'index.html', script: '/host-bridge.js' },
  { html: 'customer.html', script: '/customer-bridge.js' },
]

/** A classic script in <head> runs before the app's deferred module, like a preload does. */
function injectBridge(html: string, script: string): string {
  return html.replace('<head>', `<head>\n    <script src="${script}"></script>`)
}
