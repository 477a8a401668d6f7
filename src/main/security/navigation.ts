/** Origin of the app's own pages in Electron, served by the app:// protocol handler. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'cashier'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Parses a URL, or null for anything unparseable: a guard must fail closed. */
export function parseUrl(raw: string | null | undefined): URL | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/**
 * Same-origin test by parsed origin, never by string prefix: `https://shop.example.com.evil.com`
 * and `https://shop.example.com@evil.com` are other hosts.
 */
export function isSameOrigin(raw: string | null | undefined, origin: string): boolean {
  const url = parseUrl(raw)
  const expected = parseUrl(origin)
  if (!url || !expected) return false
  if (url.username || url.password) return false
  // Custom schemes such as app:// have an opaque origin ('null'); compare their parts instead.
  return url.protocol === expected.protocol && url.host === expected.host
}

/** The top window may only ever show the app itself. */
export function isAllowedNavigation(raw: string, appOrigin: string): boolean {
  return isSameOrigin(raw, appOrigin)
}

/** Frames may show BTCPay's checkout of the paired server, nothing else. */
export function isAllowedFrame(raw: string, pairedOrigin: string | null): boolean {
  if (raw === 'about:blank') return true
  return pairedOrigin !== null && isSameOrigin(raw, pairedOrigin)
}
