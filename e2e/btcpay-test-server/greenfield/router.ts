// The Greenfield API, one module per BTCPay controller, in one router.
import type { Deps } from '../core/context'
import { Router } from '../core/http'
import { apiKeyRoutes } from './api-keys'
import { appRoutes } from './apps'
import { invoiceRefundRoutes } from './invoice-refunds'
import { invoiceRoutes } from './invoices'
import { paymentRequestRoutes } from './payment-requests'
import { pullPaymentRoutes } from './pull-payments'

export function greenfieldRouter(deps: Deps): Router {
  const r = new Router()
  for (const add of [
    apiKeyRoutes,
    appRoutes,
    invoiceRoutes,
    invoiceRefundRoutes,
    paymentRequestRoutes,
    pullPaymentRoutes,
  ])
    add(r, deps)
  return r
}
