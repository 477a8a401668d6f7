/**
 * The renderer's Content-Security-Policy. It may reach nothing on the network: main makes every
 * call. `frameOrigin` opens one hole, for BTCPay's embedded checkout of the paired server;
 * `connectOrigin` exists only for the browser host's loopback bridge.
 */
export function contentSecurityPolicy(
  opts: { frameOrigin?: string | null; connectOrigin?: string | null } = {},
) {
  const frame = opts.frameOrigin ? sourceOf(opts.frameOrigin) : "'none'"
  const connect = opts.connectOrigin ? sourceOf(opts.connectOrigin) : "'none'"
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' data:",
    `connect-src ${connect}`,
    `frame-src ${frame}`,
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Only a bare origin may enter the policy: anything else could smuggle in extra directives. */
function sourceOf(origin: string): string {
  const url = new URL(origin)
  if (!['https:', 'http:', 'ws:', 'wss:'].includes(url.protocol) || url.origin === 'null') {
    throw new Error(`not an origin: ${origin}`)
  }
  return url.origin
}
