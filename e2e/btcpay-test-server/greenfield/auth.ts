// What every Greenfield controller shares: API-key authentication (APIKeysAuthenticationHandler,
// GreenfieldAuthenticationHandler), the permission check (GreenfieldAuthorizationHandler) and
// BTCPay's error shapes (GreenfieldExtensions: 422 [{path,message}], 400/404 {code,message},
// 401 unauthenticated, 403 missing-permission).
import type { Deps } from '../core/context'
import type { Ctx } from '../core/http'
import { header, isObject, parseJsonBody, queryGet, sendJson } from '../core/http'
import { hasPermission } from '../core/permissions'
import type { ApiKey, StoreData } from '../core/state'

export interface ValidationError {
  path: string
  message: string
}

export const apiError = (ctx: Ctx, status: number, code: string, message: string): void =>
  sendJson(ctx, status, { code, message })

export const validation = (ctx: Ctx, errors: ValidationError[]): void => sendJson(ctx, 422, errors)

/** APIKeysAuthenticationHandler + GreenfieldAuthenticationHandler.HandleChallengeAsync. */
export function authenticate(ctx: Ctx, deps: Deps): ApiKey | null {
  const m = /^(token|bearer)\s+(\S+)/i.exec(header(ctx, 'authorization') ?? '')
  if (!m) {
    apiError(ctx, 401, 'unauthenticated', 'Authentication is required for accessing this endpoint')
    return null
  }
  const key = deps.state.apiKeys.get(m[2] ?? '')
  if (!key) {
    apiError(ctx, 401, 'unauthenticated', 'ApiKey authentication failed: Unknown API Key')
    return null
  }
  return key
}

export function forbidden(ctx: Ctx, policy: string): void {
  sendJson(ctx, 403, {
    code: 'missing-permission',
    missingPermission: policy,
    message: `Insufficient API Permissions. Please use an API key with permission "${policy}". You can create an API key in your account's settings / Api Keys.`,
  })
}

export interface Access {
  key: ApiKey
  store: StoreData
}

/** Authenticates and checks `policy` on `storeId`; answers the error itself and returns null. */
export function authorize(ctx: Ctx, deps: Deps, policy: string, storeId: string): Access | null {
  const key = authenticate(ctx, deps)
  if (!key) return null
  const store = deps.state.stores.get(storeId)
  if (!store || !hasPermission(key.permissions, policy, storeId)) {
    forbidden(ctx, policy)
    return null
  }
  return { key, store }
}

/**
 * A store-owned entity from the route: the store comes from the route, or (store-less v2.4 routes)
 * from the entity itself; an unknown entity still needs a valid key first, as in BTCPay.
 */
export function scopedToStore<T extends { storeId: string }>(
  ctx: Ctx,
  deps: Deps,
  policy: string,
  entity: T | undefined,
  notFound: (ctx: Ctx) => void,
): { access: Access; entity: T } | null {
  const storeId = ctx.params['storeId'] ?? entity?.storeId
  if (!storeId) {
    if (authenticate(ctx, deps)) notFound(ctx)
    return null
  }
  const access = authorize(ctx, deps, policy, storeId)
  if (!access) return null
  if (!entity || entity.storeId !== access.store.id) {
    notFound(ctx)
    return null
  }
  return { access, entity }
}

export function jsonBody(ctx: Ctx): Record<string, unknown> | null {
  const parsed = parseJsonBody(ctx)
  if (!parsed.ok) {
    validation(ctx, [{ path: '', message: 'The request body is not valid JSON.' }])
    return null
  }
  if (!isObject(parsed.value)) {
    validation(ctx, [{ path: '', message: 'A non-empty request body is required.' }])
    return null
  }
  return parsed.value
}

export const boolQuery = (ctx: Ctx, name: string): boolean =>
  (queryGet(ctx, name) ?? '').toLowerCase() === 'true'
