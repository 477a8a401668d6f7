import { isAbsolute, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME } from './navigation'

/**
 * Maps a URL path to a file under `rootDir`, or null. Refuses traversal (plain or
 * percent-encoded), backslashes and NUL bytes. Shared by the app:// handler and the browser host.
 */
export function resolveStaticFile(rootDir: string, pathname: string): string | null {
  let path: string
  try {
    path = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  if (path === '/' || path === '') path = '/index.html'
  const root = resolve(rootDir)
  const file = resolve(root, `.${path}`)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    return null
  return file
}

/** The app:// handler's view: only app://cashier/… maps to a file. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  return resolveStaticFile(rootDir, url.pathname)
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.json': 'application/json',
}

export function mimeTypeOf(file: string): string {
  const dot = file.lastIndexOf('.')
  return (dot >= 0 && mimeTypes[file.slice(dot).toLowerCase()]) || 'application/octet-stream'
}
