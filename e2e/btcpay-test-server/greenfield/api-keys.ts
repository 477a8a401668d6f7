// Greenfield API keys: BTCPayServer/Controllers/GreenField/GreenfieldApiKeysController.cs.
import type { Deps } from '../core/context'
import type { Ctx, Router } from '../core/http'
import { sendJson } from '../core/http'
import { authenticate } from './auth'

function currentApiKey(ctx: Ctx, deps: Deps): void {
  const key = authenticate(ctx, deps)
  if (key)
    sendJson(ctx, 200, { apiKey: key.apiKey, label: key.label, permissions: key.permissions })
}

export function apiKeyRoutes(r: Router, deps: Deps): void {
  r.on('GET', '/api/v1/api-keys/current', (ctx) => currentApiKey(ctx, deps))
}
