// Greenfield apps: BTCPayServer/Controllers/GreenField/GreenfieldAppsController.cs. The store's
// apps list (GetAllApps) needs btcpay.store.canmodifystoresettings, canviewstoresettings is not
// enough; GetPosApp carries no policy of its own since BTCPay 2.0.5 (#6499, before it needed
// canmodifystoresettings too), so any valid API key may read a Point of Sale app (the controller
// only authenticates).
import type { Deps } from '../core/context'
import type { PosApp } from '../core/apps'
import type { Ctx, Router } from '../core/http'
import { baseUrl, sendJson } from '../core/http'
import { Policies } from '../core/permissions'
import { apiError, authenticate, authorize } from './auth'

const seconds = (ms: number): number => Math.floor(ms / 1000)

const appBaseData = (app: PosApp): Record<string, unknown> => ({
  id: app.id,
  appName: app.appName,
  storeId: app.storeId,
  created: seconds(app.created),
  appType: 'PointOfSale',
  archived: app.archived,
})

/** ToPointOfSaleModel: settings and items (images made absolute, as BTCPay's UriResolver does). */
function pointOfSaleAppData(app: PosApp, base: string): Record<string, unknown> {
  return {
    ...appBaseData(app),
    title: app.title,
    description: app.description,
    defaultView: app.defaultView,
    showItems: true,
    showCustomAmount: app.showCustomAmount,
    showDiscount: false,
    showSearch: true,
    showCategories: true,
    enableTips: app.enableTips,
    currency: app.currency,
    fixedAmountPayButtonText: 'Buy for {0}',
    customAmountPayButtonText: 'Pay',
    tipText: app.tipText,
    customTipPercentages: app.customTipPercentages,
    formId: null,
    notificationUrl: null,
    redirectUrl: null,
    htmlLang: null,
    htmlMetaTags: null,
    redirectAutomatically: null,
    items: app.items.map((i) => ({
      id: i.id,
      title: i.title,
      disabled: i.disabled,
      description: i.description,
      categories: i.categories,
      image: i.image === null ? null : `${base}${i.image}`,
      priceType: i.priceType,
      price: i.price,
      buyButtonText: i.buyButtonText,
      inventory: i.inventory,
      taxRate: i.taxRate,
    })),
  }
}

const appNotFound = (ctx: Ctx): void =>
  apiError(ctx, 404, 'app-not-found', 'The app with specified ID was not found')

export function appRoutes(r: Router, deps: Deps): void {
  r.on('GET', '/api/v1/stores/:storeId/apps', (ctx) => {
    const access = authorize(
      ctx,
      deps,
      Policies.CanModifyStoreSettings,
      ctx.params['storeId'] ?? '',
    )
    if (!access) return
    const apps = [...deps.state.apps.values()].filter((a) => a.storeId === access.store.id)
    sendJson(ctx, 200, apps.map(appBaseData))
  })
  r.on('GET', '/api/v1/apps/pos/:appId', (ctx) => {
    if (!authenticate(ctx, deps)) return
    const app = deps.state.apps.get(ctx.params['appId'] ?? '')
    if (!app) return appNotFound(ctx)
    sendJson(ctx, 200, pointOfSaleAppData(app, baseUrl(ctx)))
  })
}
