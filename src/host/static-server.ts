import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { mimeTypeOf, resolveStaticFile } from '../main/security/app-protocol'

/**
 * Serves the built renderer as Electron's app:// handler would, with the same CSP header, plus the
 * bridge script that stands in for the preload.
 */
export function createStaticServer(opts: {
  rendererDir: string
  bridgeScript: string
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
    if (pathname === '/host-bridge.js') {
      res
        .writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' })
        .end(opts.bridgeScript)
      return
    }
    const file = opts.catalogImage(pathname) ?? resolveStaticFile(opts.rendererDir, pathname)
    if (!file) {
      res.writeHead(404, headers).end('Not found')
      return
    }
    readFile(file).then(
      (body) => {
        const out = file.endsWith('index.html') ? injectBridge(body.toString('utf8')) : body
        res.writeHead(200, { ...headers, 'Content-Type': mimeTypeOf(file) }).end(out)
      },
      () => res.writeHead(404, headers).end('Not found'),
    )
  })
}

/** A classic script in <head> runs before the app's deferred module, like a preload does. */
function injectBridge(html: string): string {
  return html.replace('<head>', '<head>\n    <script src="/host-bridge.js"></script>')
}
