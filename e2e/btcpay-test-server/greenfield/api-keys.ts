// Greenfield API keys: BTCPayServer/Controllers/GreenField/GreenfieldApiKeysController.cs.
import type { Deps } from '../core/context'
import type { Ctx, Router } from '../core/http'
import { sendEmpty, sendJson } from '../core/http'
import { authenticate } from './auth'

function currentApiKey(ctx: Ctx, deps: Deps): void {
  const key = authenticate(ctx, deps)
  if (key)
    sendJson(ctx, 200, { apiKey: key.apiKey, label: key.label, permissions: key.permissions })
}

/** RevokeCurrentKey: the key that makes the call stops working at once. */
function revokeCurrentApiKey(ctx: Ctx, deps: Deps): void {
  const key = authenticate(ctx, deps)
  if (!key) return
  deps.state.apiKeys.delete(key.apiKey)
  sendEmpty(ctx, 200)
}

export function apiKeyRoutes(r: Router, deps: Deps): void {
  r.on('GET', '/api/v1/api-keys/current', (ctx) => currentApiKey(ctx, deps))
  r.on('DELETE', '/api/v1/api-keys/current', (ctx) => revokeCurrentApiKey(ctx, deps))
}
