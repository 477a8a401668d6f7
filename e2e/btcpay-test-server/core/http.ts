// Small HTTP toolkit for the test server: a request context with the raw body, a router with
// path parameters, JSON writing that can emit exact decimal numbers, and HTML escaping.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface Ctx {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly method: string
  /** Path exactly as received (percent-encoding kept). */
  readonly rawPath: string
  /** Raw query string including the leading '?', or '' (exactly as received). */
  readonly rawQuery: string
  readonly path: string
  readonly query: URLSearchParams
  /** Raw request body decoded as UTF-8 (BOM stripped, as .NET's StreamReader does). */
  readonly body: string
  params: Record<string, string>
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export function makeCtx(req: IncomingMessage, res: ServerResponse, body: string): Ctx {
  const target = req.url ?? '/'
  const q = target.indexOf('?')
  const rawPath = q < 0 ? target : target.slice(0, q)
  const rawQuery = q < 0 ? '' : target.slice(q)
  let path = rawPath
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    // keep the raw path when it is not valid percent-encoding
  }
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath,
    rawQuery,
    path,
    query: new URLSearchParams(rawQuery),
    body,
    params: {},
  }
}

/** Case-insensitive query lookup (ASP.NET's query collection ignores key case). */
export function queryGet(ctx: Ctx, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [k, v] of ctx.query) if (k.toLowerCase() === lower) return v
  return undefined
}

export const queryHas = (ctx: Ctx, name: string): boolean => queryGet(ctx, name) !== undefined

export function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v.join(', ') : v
}

// --- JSON with exact decimals ----------------------------------------------------------------

/** A JSON number written verbatim (e.g. a decimal amount "12.50"), never through a float. */
export class RawNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a JSON number: ${text}`)
  }
}

const MARK = '\u0000num:'

export function stringify(value: unknown, indent?: number): string {
  const json = JSON.stringify(
    value,
    (_k, v: unknown) => (v instanceof RawNumber ? MARK + v.text : v),
    indent,
  )
  return json.replace(/"\\u0000num:(-?\d+(?:\.\d+)?)"/g, '$1')
}

export function sendJson(ctx: Ctx, status: number, value: unknown): void {
  const body = stringify(value)
  ctx.res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  ctx.res.end(body)
}

export function sendText(ctx: Ctx, status: number, contentType: string, body: string): void {
  ctx.res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  })
  ctx.res.end(body)
}

export const sendHtml = (ctx: Ctx, status: number, html: string): void =>
  sendText(ctx, status, 'text/html; charset=utf-8', html)

export function sendEmpty(ctx: Ctx, status: number, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { 'Content-Length': '0', ...headers })
  ctx.res.end()
}

export const redirect = (ctx: Ctx, location: string): void =>
  sendEmpty(ctx, 302, { Location: location })

/** Parses the body as JSON; undefined when empty, a SyntaxError marker when invalid. */
export function parseJsonBody(ctx: Ctx): { ok: true; value: unknown } | { ok: false } {
  if (ctx.body.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(ctx.body) as unknown }
  } catch {
    return { ok: false }
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Absolute base URL as the client addressed us: http:// + Host header. */
export const baseUrl = (ctx: Ctx): string => `http://${header(ctx, 'host') ?? 'localhost'}`

// --- Router -------------------------------------------------------------------------------------

export type Handler = (ctx: Ctx) => void | Promise<void>

interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: Handler
}

export class Router {
  private readonly routes: Route[] = []

  /** `path` uses `:name` segments; `caseInsensitive` for routes ASP.NET matches without case. */
  on(method: string, path: string, handler: Handler, caseInsensitive = false): this {
    const keys: string[] = []
    const source = path
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          keys.push(seg.slice(1))
          return '([^/]+)'
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    this.routes.push({
      method,
      pattern: new RegExp(`^${source}$`, caseInsensitive ? 'i' : ''),
      keys,
      handler,
    })
    return this
  }

  /** Runs the first matching route; false when none matched. */
  async dispatch(ctx: Ctx): Promise<boolean> {
    for (const route of this.routes) {
      if (route.method !== ctx.method && route.method !== '*') continue
      const m = route.pattern.exec(ctx.path)
      if (!m) continue
      ctx.params = Object.fromEntries(route.keys.map((k, i) => [k, m[i + 1] ?? '']))
      await route.handler(ctx)
      return true
    }
    return false
  }
}
