import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveStaticFile } from '../security/app-protocol'

/** The app-relative folder the app:// handler and the browser host serve cached pictures from. */
export const CATALOG_IMAGE_PATH = '/catalog-images/'
const MAX_IMAGE_BYTES = 2 * 1024 * 1024
const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
}

/**
 * Fetches an item's picture from the paired BTCPay server into `dir`, once per address, and
 * returns its app-relative address, or null. Only pictures on the server's own origin are fetched
 * (an app's image may point anywhere; the till talks to its server only), only image types, at
 * most 2 MB: anything else leaves the item without a picture.
 */
export async function cacheImage(
  dir: string,
  serverUrl: string,
  imageUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  let url: URL
  try {
    url = new URL(imageUrl, serverUrl)
  } catch {
    return null
  }
  if (url.origin !== new URL(serverUrl).origin) return null
  const stem = createHash('sha256').update(url.href).digest('hex').slice(0, 32)
  for (const ext of Object.values(EXTENSIONS)) {
    if (existsSync(join(dir, stem + ext))) return CATALOG_IMAGE_PATH + stem + ext
  }
  const res = await fetchImpl(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) })
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const ext = EXTENSIONS[type]
  if (!res.ok || !ext || Number(res.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) {
    await res.body?.cancel()
    return null
  }
  const bytes = Buffer.from(await res.arrayBuffer())
  if (bytes.length > MAX_IMAGE_BYTES) return null
  await writeFile(join(dir, stem + ext), bytes, { mode: 0o600 })
  return CATALOG_IMAGE_PATH + stem + ext
}

/** The cached picture file of an app-relative address, or null for anything else. */
export function resolveCatalogImage(dir: string, pathname: string): string | null {
  if (!pathname.startsWith(CATALOG_IMAGE_PATH)) return null
  const name = pathname.slice(CATALOG_IMAGE_PATH.length)
  if (!/^[0-9a-f]{32}\.(png|jpg|gif|webp|svg)$/.test(name)) return null
  return resolveStaticFile(dir, `/${name}`)
}
