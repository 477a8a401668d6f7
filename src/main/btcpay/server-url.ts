/**
 * The BTCPay server address a manager types in: normalise it, refuse what is unsafe or ambiguous,
 * and build endpoint URLs from it. Endpoint URLs are built once with WHATWG URL, and that `href`
 * is both what gets signed and what gets sent, so the two can never differ.
 */

export type ServerUrlErrorCode =
  | 'empty'
  | 'invalid'
  | 'unsupported-scheme'
  | 'insecure-http'
  | 'credentials'
  | 'query'
  | 'fragment'

export type ServerUrlResult =
  { ok: true; url: string } | { ok: false; code: ServerUrlErrorCode; message: string }

const MESSAGES: Record<ServerUrlErrorCode, string> = {
  empty: 'Enter the address of your BTCPay Server, for example https://btcpay.example.com.',
  invalid:
    'This is not a valid web address. Enter the address of your BTCPay Server, for example ' +
    'https://btcpay.example.com.',
  'unsupported-scheme':
    'Only https:// addresses are supported (http:// only for this computer or a .onion address).',
  'insecure-http':
    'This address uses http://, which is not encrypted. Use the https:// address of your ' +
    'BTCPay Server (http:// is only allowed for localhost, 127.0.0.1, [::1] and .onion addresses).',
  credentials:
    'Remove the user name and password from the address; the terminal is paired with a code ' +
    'instead.',
  query: 'Remove everything from the "?" onwards; enter only the server address (and its path).',
  fragment: 'Remove everything from the "#" onwards; enter only the server address (and its path).',
}

function fail(code: ServerUrlErrorCode): ServerUrlResult {
  return { ok: false, code, message: MESSAGES[code] }
}

const HAS_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i
// "javascript:…", "mailto:…", "data:…" – but not "localhost:23000" (a host and a port).
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i

/** Hosts that may be reached over plain http. */
export function isHttpAllowedHost(hostname: string): boolean {
  const h = hostname.toLowerCase()
  return (
    h === 'localhost' ||
    h === '127.0.0.1' ||
    h === '[::1]' ||
    (h.endsWith('.onion') && h.length > '.onion'.length)
  )
}

/**
 * Normalise a BTCPay server address: https only (http for localhost/127.0.0.1/[::1]/*.onion),
 * optional path base kept (https://shop.example.com/btcpay), no trailing slash, lower-case host,
 * no default port, no credentials, query or fragment. Without a scheme, https:// is assumed.
 */
export function parseServerUrl(input: string): ServerUrlResult {
  const text = input.trim()
  if (text === '') return fail('empty')
  let candidate = text
  if (!HAS_AUTHORITY.test(text)) {
    if (OTHER_SCHEME.test(text)) return fail('unsupported-scheme')
    candidate = `https://${text}`
  }
  let u: URL
  try {
    u = new URL(candidate)
  } catch {
    return fail('invalid')
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return fail('unsupported-scheme')
  if (u.hostname === '') return fail('invalid')
  if (u.username !== '' || u.password !== '') return fail('credentials')
  if (u.hash !== '' || u.href.includes('#')) return fail('fragment')
  if (u.search !== '' || u.href.includes('?')) return fail('query')
  if (u.protocol === 'http:' && !isHttpAllowedHost(u.hostname)) return fail('insecure-http')
  const path = u.pathname.replace(/\/+$/, '')
  return { ok: true, url: `${u.origin}${path}` }
}

export type QueryValue = string | number | boolean | undefined | null

/**
 * `base` (from parseServerUrl) + `path` ("/invoices", "/invoices/<encoded id>") + query. Returns
 * the `href` to sign and to send. Undefined/null query values are left out.
 */
export function buildEndpointUrl(
  base: string,
  path: string,
  query?: Record<string, QueryValue>,
): string {
  if (!path.startsWith('/')) throw new Error('endpoint path must start with "/"')
  const u = new URL(base.replace(/\/+$/, '') + path)
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null) u.searchParams.append(k, String(v))
  }
  return u.href
}

/** `path` + encoded segment, e.g. pathWithId('/invoices', id). */
export function pathWithId(prefix: string, id: string): string {
  return `${prefix}/${encodeURIComponent(id)}`
}
