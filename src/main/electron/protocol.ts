import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { mimeTypeOf, resolveAppFile } from '../security/app-protocol'
import { APP_HOST, APP_SCHEME } from '../security/navigation'

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serves the built renderer from app://cashier/ with the CSP as a response header, and the
 * catalog's cached pictures (`catalogImage` maps their app-relative path to a file).
 */
export function serveApp(
  rendererDir: string,
  csp: () => string,
  catalogImage: (pathname: string) => string | null,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const image = url.host === APP_HOST ? catalogImage(url.pathname) : null
    const file = image ?? resolveAppFile(rendererDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: {
          'Content-Type': mimeTypeOf(file),
          'Content-Security-Policy': csp(),
          'X-Content-Type-Options': 'nosniff',
        },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
