// What the merchant and customer pages share: one page shell and form parsing.
import type { Ctx } from '../core/http'
import { escapeHtml } from '../core/http'

export const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`

export const form = (ctx: Ctx): URLSearchParams => new URLSearchParams(ctx.body)
