/**
 * Removes anything that looks like key material from what is about to be logged. Field names are
 * the first line of defence; value patterns catch secrets that travel under innocent names (an
 * error message quoting a header, a URL with ?token=).
 */
const REDACTED = '[redacted]'

const secretKeyName =
  /(^|[_-])(key|secret|token|signature|sig|password|passphrase|pin|pinhash|authorization|cookie|apikey|privatekey|x-signature|mnemonic|seed)$/i
const secretKeyNameInside =
  /(private|secret|password|passphrase|apikey|api_key|token|signature|authorization)/i

const valuePatterns: RegExp[] = [
  // DER-encoded ECDSA signatures in hex (BitId x-signature).
  /\b30[0-9a-fA-F]{2}02[0-9a-fA-F]{2,}\b/g,
  // 32-byte secrets in hex (a private key), and longer hex runs.
  /\b[0-9a-fA-F]{40,}\b/g,
  // "token abc", "Bearer abc", "Basic abc" as in an Authorization header.
  /\b(token|bearer|basic)\s+[A-Za-z0-9+/=._~-]{8,}/gi,
  // Query parameters carrying credentials.
  /([?&](?:token|apiKey|api_key|key|signature|pairingCode)=)[^&#\s"']+/gi,
  // Base58/base64 blobs of token length (BTCPay tokens are base58 of 32 bytes, ~44 chars): letters
  // and digits mixed, so long words and file paths survive.
  /\b(?=[A-Za-z0-9+_-]*\d)(?=[A-Za-z0-9+_-]*[A-Za-z])[A-Za-z0-9+_-]{32,}={0,2}/g,
]

export function redactString(value: string): string {
  let out = value
  for (const pattern of valuePatterns) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && /[?&]/.test(prefix) ? `${prefix}${REDACTED}` : REDACTED,
    )
  }
  return out
}

function isSecretName(name: string): boolean {
  return secretKeyName.test(name) || secretKeyNameInside.test(name)
}

export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value)
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value
  }
  if (depth > 6) return '[too deep]'
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactString(value.message) }
    if (value.stack) out.stack = redactString(value.stack.split('\n').slice(0, 8).join('\n'))
    const code = (value as { code?: unknown }).code
    if (typeof code === 'string') out.code = code
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1, seen)
    return out
  }
  if (value instanceof Uint8Array) return REDACTED
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1, seen))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      isSecretName(k) && v !== null && v !== undefined && v !== false
        ? REDACTED
        : redact(v, depth + 1, seen)
  }
  return out
}
