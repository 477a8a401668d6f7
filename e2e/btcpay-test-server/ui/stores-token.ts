// Pairing pages of BTCPay's Bitpay plugin: BTCPayServer/Plugins/Bitpay/Controllers/UIStoresTokenController.cs
// (the /api-access-request approval, the store's Access Tokens list, "Create token" with or
// without the terminal's public key, revoke).
import { compressPublicKey } from '../legacy/bitid-verify'
import type { Deps } from '../core/context'
import { sinFromPublicKey } from '../core/encoding'
import type { Ctx, Router } from '../core/http'
import { escapeHtml, queryGet, redirect, sendHtml } from '../core/http'
import type { PairingResult } from '../core/state'
import { DEMO_STORE_ID } from '../core/state'
import { form, page } from './html'

const storeNotFound = (ctx: Ctx): void =>
  sendHtml(ctx, 404, page('Not found', '<p>Store not found</p>'))

function approvalPage(ctx: Ctx, deps: Deps): void {
  const code = queryGet(ctx, 'pairingCode') ?? ''
  const entry = deps.state.pairingCodes.get(code)
  if (!entry) return redirect(ctx, '/?message=Unknown%20pairing%20code')
  const selected = queryGet(ctx, 'selectedStore') ?? entry.storeId ?? DEMO_STORE_ID
  const options = [...deps.state.stores.values()]
    .map(
      (s) =>
        `<option value="${escapeHtml(s.id)}"${s.id === selected ? ' selected' : ''}>${escapeHtml(s.name)}</option>`,
    )
    .join('')
  sendHtml(
    ctx,
    200,
    page(
      'Pairing permission',
      `<h1>Pairing permission</h1>
<form method="post" action="/api-access-request">
<input type="hidden" name="pairingCode" value="${escapeHtml(code)}">
<dl><dt>Label</dt><dd id="label">${escapeHtml(entry.label ?? '')}</dd>
<dt>SIN</dt><dd id="sin">${escapeHtml(entry.sin ?? 'Server-Initiated Pairing')}</dd></dl>
<label>Pair to store <select name="storeId" id="storeId">${options}</select></label>
<button type="submit" id="approve">Approve</button>
</form>`,
    ),
  )
}

function approve(ctx: Ctx, deps: Deps): void {
  const f = form(ctx)
  const code = f.get('pairingCode') ?? ''
  const storeId = f.get('storeId') ?? DEMO_STORE_ID
  if (!deps.state.stores.has(storeId)) return storeNotFound(ctx)
  const result: PairingResult = deps.state.pairWithStore(code, storeId)
  const message =
    result === 'Complete'
      ? 'Pairing is successful'
      : result === 'Partial'
        ? `Server initiated pairing code: ${code}`
        : `Pairing failed: ${result}`
  sendHtml(
    ctx,
    200,
    page(
      'Access Tokens',
      `<p id="message" data-result="${result}">${escapeHtml(message)}</p><p><a href="/stores/${encodeURIComponent(storeId)}/tokens">Access Tokens</a></p>`,
    ),
  )
}

function tokensPage(ctx: Ctx, deps: Deps): void {
  const storeId = ctx.params['storeId'] ?? ''
  if (!deps.state.stores.has(storeId)) return storeNotFound(ctx)
  const rows = deps.state.tokens
    .filter((t) => t.storeId === storeId)
    .map(
      (t) =>
        `<tr><td>${escapeHtml(t.label ?? '')}</td><td class="sin">${escapeHtml(t.sin)}</td><td class="token">${escapeHtml(t.token)}</td>
<td><form method="post" action="/stores/${encodeURIComponent(storeId)}/tokens/${encodeURIComponent(t.token)}/revoke"><button>Revoke</button></form></td></tr>`,
    )
    .join('')
  sendHtml(
    ctx,
    200,
    page(
      'Access Tokens',
      `<h1>Access Tokens</h1><p><a href="/stores/${encodeURIComponent(storeId)}/tokens/create">Create Token</a></p>
<table id="tokens"><tr><th>Label</th><th>SIN</th><th>Token</th><th></th></tr>${rows}</table>`,
    ),
  )
}

function revoke(ctx: Ctx, deps: Deps): void {
  deps.state.revokeToken(ctx.params['token'] ?? '')
  redirect(ctx, `/stores/${encodeURIComponent(ctx.params['storeId'] ?? '')}/tokens`)
}

function createTokenForm(ctx: Ctx, deps: Deps, error = ''): void {
  const storeId = ctx.params['storeId'] ?? ''
  if (!deps.state.stores.has(storeId)) return storeNotFound(ctx)
  sendHtml(
    ctx,
    error ? 400 : 200,
    page(
      'Create Token',
      `<h1>Create Token</h1>${error ? `<p id="error">${escapeHtml(error)}</p>` : ''}
<form method="post">
<label>Label <input name="Label" id="Label"></label>
<label>Public Key <input name="PublicKey" id="PublicKey" placeholder="Keep empty for server-initiated pairing"></label>
<button type="submit" id="create">Request Pairing</button>
</form>`,
    ),
  )
}

/** UIStoresTokenController.CreateToken: server-initiated code, or a code carrying the key's SIN. */
function createToken(ctx: Ctx, deps: Deps): void {
  const storeId = ctx.params['storeId'] ?? ''
  if (!deps.state.stores.has(storeId)) return storeNotFound(ctx)
  const f = form(ctx)
  const label = f.get('Label') || null
  const publicKey = (f.get('PublicKey') ?? '').trim()
  if (publicKey === '') {
    const entry = deps.state.createPairingCode({ label, storeId })
    return redirect(
      ctx,
      `/api-access-request?pairingCode=${entry.code}&selectedStore=${encodeURIComponent(storeId)}`,
    )
  }
  const compressed = compressPublicKey(publicKey)
  if (!compressed) return createTokenForm(ctx, deps, 'Invalid public key')
  const entry = deps.state.createPairingCode({ label })
  deps.state.pairWithSin(entry.code, sinFromPublicKey(compressed))
  redirect(
    ctx,
    `/api-access-request?pairingCode=${entry.code}&selectedStore=${encodeURIComponent(storeId)}`,
  )
}

export function storesTokenRoutes(r: Router, deps: Deps): void {
  const h = (fn: (ctx: Ctx, deps: Deps) => void) => (ctx: Ctx) => fn(ctx, deps)
  r.on('GET', '/api-access-request', h(approvalPage))
  r.on('POST', '/api-access-request', h(approve))
  r.on('GET', '/stores/:storeId/tokens', h(tokensPage))
  r.on('GET', '/stores/:storeId/tokens/create', (ctx) => createTokenForm(ctx, deps))
  r.on('POST', '/stores/:storeId/tokens/create', h(createToken))
  r.on('POST', '/stores/:storeId/tokens/:token/revoke', h(revoke))
}
