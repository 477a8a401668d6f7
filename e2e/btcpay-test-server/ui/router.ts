// The pages a browser sees (BTCPay's UI* controllers), one module per controller, in one router.
import type { Deps } from '../core/context'
import { Router } from '../core/http'
import { apiKeysAuthorizeRoutes } from './api-keys-authorize'
import { homeRoutes } from './home'
import { posImageRoutes } from './pos-images'
import { pullPaymentPageRoutes } from './pull-payment'
import { storesTokenRoutes } from './stores-token'

export function pagesRouter(deps: Deps): Router {
  const r = new Router()
  for (const add of [
    homeRoutes,
    storesTokenRoutes,
    apiKeysAuthorizeRoutes,
    pullPaymentPageRoutes,
    posImageRoutes,
  ])
    add(r, deps)
  return r
}
