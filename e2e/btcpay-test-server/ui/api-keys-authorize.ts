// Interactive API-key issuance: BTCPayServer/Controllers/UIManageController.APIKeys.cs
// (AuthorizeAPIKey GET and POST), its consent view (Views/UIManage/AuthorizeAPIKey.cshtml) and
// the PostRedirect view (Views/Shared/PostRedirect.cshtml). The merchant is signed in already
// (DEMO_USER_EMAIL); nothing checks HTTPS (BTCPay refuses key creation over plain HTTP on mainnet).
import { randomBytes } from 'node:crypto'
import type { Deps } from '../core/context'
import type { Ctx, Router } from '../core/http'
import { escapeHtml, queryGet, sendHtml } from '../core/http'
import { isStorePolicy, isValidPermission, parsePermission, POLICIES } from '../core/permissions'
import { DEMO_USER_EMAIL, DEMO_USER_ID } from '../core/state'
import { form, page } from './html'

interface Request {
  applicationName: string | null
  applicationIdentifier: string | null
  redirect: string | null
  strict: boolean
  selectiveStores: boolean
  permissions: string[]
}

/** Absolute http(s) URLs only: BTCPay drops a relative redirect. */
function absolute(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).href
  } catch {
    return null
  }
}

const flag = (text: string | null | undefined, fallback: boolean): boolean =>
  text === null || text === undefined || text === '' ? fallback : text.toLowerCase() === 'true'

function consentPage(ctx: Ctx, deps: Deps, req: Request): void {
  const stores = [...deps.state.stores.values()]
  const rows = req.permissions
    .map((perm, i) => {
      const { policy, scope } = parsePermission(perm)
      const def = POLICIES[policy]
      const storeChoice =
        req.selectiveStores && isStorePolicy(policy) && scope === null
          ? `<select name="PermissionValues[${i}].SpecificStores" class="store-choice">${stores
              .map((s) => `<option value="${escapeHtml(s.id)}">${escapeHtml(s.name)}</option>`)
              .join('')}</select>`
          : scope !== null
            ? `<span class="scope">${escapeHtml(deps.state.stores.get(scope)?.name ?? scope)}</span>`
            : ''
      return `<li class="permission" data-permission="${escapeHtml(perm)}">
<label><input type="checkbox" name="PermissionValues[${i}].Value" value="true" checked${req.strict ? ' disabled' : ''}>
<strong>${escapeHtml(def?.title ?? policy)}</strong></label> <span class="description">${escapeHtml(def?.description ?? '')}</span> ${storeChoice}</li>`
    })
    .join('\n')
  const hidden: Array<[string, string]> = [
    ['ApplicationName', req.applicationName ?? ''],
    ['ApplicationIdentifier', req.applicationIdentifier ?? ''],
    ['RedirectUrl', req.redirect ?? ''],
    ['Strict', String(req.strict)],
    ['SelectiveStores', String(req.selectiveStores)],
    ['Permissions', req.permissions.join(';')],
  ]
  const app = req.applicationName ?? 'An application'
  sendHtml(
    ctx,
    200,
    page(
      'Authorize Application',
      `<p id="signed-in">Signed in as ${escapeHtml(DEMO_USER_EMAIL)}</p>
<h1>Authorize Application</h1>
<p id="app">${escapeHtml(app)} is requesting access to your account.</p>
${req.redirect ? `<p id="redirect">It will receive the key at ${escapeHtml(new URL(req.redirect).host)}.</p>` : ''}
<form method="post" action="/api-keys/authorize">
${hidden.map(([n, v]) => `<input type="hidden" name="${n}" value="${escapeHtml(v)}">`).join('\n')}
<label>Label <input name="Label" id="Label" value="${escapeHtml(req.applicationName ?? '')}"></label>
<ul id="permissions">${rows}</ul>
<button type="submit" name="command" value="authorize" id="authorize">Authorize app</button>
<button type="submit" name="command" value="cancel" id="cancel">Cancel</button>
</form>`,
    ),
  )
}

function showConsent(ctx: Ctx, deps: Deps): void {
  consentPage(ctx, deps, {
    applicationName: queryGet(ctx, 'applicationName') ?? null,
    applicationIdentifier: queryGet(ctx, 'applicationIdentifier') ?? null,
    redirect: absolute(queryGet(ctx, 'redirect')),
    strict: flag(queryGet(ctx, 'strict'), true),
    selectiveStores: flag(queryGet(ctx, 'selectiveStores'), false),
    permissions: ctx.query.getAll('permissions').filter(isValidPermission),
  })
}

/** The permissions granted: strict keeps every one; store choices scope unscoped store policies. */
function grantedPermissions(
  f: URLSearchParams,
  strict: boolean,
  selective: boolean,
  deps: Deps,
): string[] {
  const requested = (f.get('Permissions') ?? '').split(';').filter(isValidPermission)
  return requested.flatMap((perm, i) => {
    if (!strict && f.get(`PermissionValues[${i}].Value`) !== 'true') return []
    const { policy, scope } = parsePermission(perm)
    const chosen = f.get(`PermissionValues[${i}].SpecificStores`)
    if (
      selective &&
      scope === null &&
      isStorePolicy(policy) &&
      chosen &&
      deps.state.stores.has(chosen)
    )
      return [`${policy}:${chosen}`]
    return [perm]
  })
}

function authorize(ctx: Ctx, deps: Deps): void {
  const f = form(ctx)
  if ((f.get('command') ?? '').toLowerCase() !== 'authorize')
    return sendHtml(ctx, 200, page('API Keys', '<p id="cancelled">No key was created.</p>'))
  const permissions = grantedPermissions(
    f,
    flag(f.get('Strict'), true),
    flag(f.get('SelectiveStores'), false),
    deps,
  )
  const key = deps.state.createApiKey(
    permissions,
    f.get('Label') || f.get('ApplicationName') || 'Generated by API key authorization',
    DEMO_USER_ID,
  )
  const target = absolute(f.get('RedirectUrl'))
  if (!target)
    return sendHtml(
      ctx,
      200,
      page('API Keys', `<p>API key generated! <code id="apiKey">${key.apiKey}</code></p>`),
    )
  const fields: Array<[string, string]> = [
    ['__RequestVerificationToken', randomBytes(32).toString('base64url')],
    ['apiKey', key.apiKey],
    ['userId', key.userId],
    ...permissions.map((p): [string, string] => ['permissions[]', p]),
  ]
  const inputs = fields
    .map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}" />`)
    .join('\n')
  sendHtml(
    ctx,
    200,
    `<html lang="en"><head><title>Post Redirect</title></head><body>
<form method="post" id="postform" action="${escapeHtml(target)}" rel="noreferrer noopener">
${inputs}
<noscript><p>This redirection page is supposed to be submitted automatically.<br>Since you have not enabled JavaScript, please submit manually.</p><button class="btn btn-primary" type="submit">Submit</button></noscript>
</form>
<script type="text/javascript">HTMLFormElement.prototype.submit.call(document.forms.item(0));</script>
</body></html>`,
  )
}

export function apiKeysAuthorizeRoutes(r: Router, deps: Deps): void {
  r.on('GET', '/api-keys/authorize', (ctx) => showConsent(ctx, deps))
  r.on('POST', '/api-keys/authorize', (ctx) => authorize(ctx, deps))
}
