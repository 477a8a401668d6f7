// The server's own front page and sign-in: BTCPayServer/Controllers/UIHomeController.cs and
// UIAccountController.cs (Login). Admin pages answer a request without a session with the login
// redirect, as BTCPay's cookie authentication does.
import type { Ctx, Router } from '../core/http'
import { escapeHtml, queryGet, redirect, sendHtml } from '../core/http'
import { DEMO_STORE_ID } from '../core/state'
import { page } from './html'

const loginRedirect = (ctx: Ctx): void =>
  redirect(ctx, `/login?ReturnUrl=${encodeURIComponent(ctx.rawPath + ctx.rawQuery)}`)

export function homeRoutes(r: Router): void {
  r.on('GET', '/', (ctx) =>
    sendHtml(
      ctx,
      200,
      page(
        'BTCPay test server',
        `<h1>BTCPay test server</h1><p>${escapeHtml(queryGet(ctx, 'message') ?? '')}</p>
<p><a href="/stores/${DEMO_STORE_ID}/tokens">Demo store access tokens</a></p>`,
      ),
    ),
  )
  r.on('GET', '/login', (ctx) =>
    sendHtml(ctx, 200, page('Sign in', '<h1>Sign in</h1><form method="post"></form>')),
  )
  r.on('GET', '/invoices', loginRedirect)
  r.on('GET', '/invoices/:id', loginRedirect)
}
