// GreenfieldAppsController: the demo Point of Sale app a catalog reads, in BTCPay's schema.
import { describe, expect, it } from 'vitest'
import { DEMO_POS_APP_ID } from '../core/apps'
import { validateResponse } from '../openapi/validator'
import { request } from '../test-helpers'
import type { Json } from './greenfield.testutil'
import { expectValid, S, useGreenfield } from './greenfield.testutil'

const g = useGreenfield()
const { key, call } = g

describe('apps (GreenfieldAppsController)', () => {
  it('GET /apps/pos/{appId}: any valid key reads the PoS app, items of every kind, images served here', async () => {
    const anyKey = key(`btcpay.store.canviewinvoices:${S}`)
    const r = await call('GET', `/apps/pos/${DEMO_POS_APP_ID}`, anyKey)
    expect(r.status).toBe(200)
    expectValid(validateResponse('Apps_GetPointOfSaleApp', 200, r.json))
    const app = r.json as Json
    expect(app).toMatchObject({
      id: DEMO_POS_APP_ID,
      storeId: S,
      appType: 'PointOfSale',
      currency: 'USD',
      enableTips: true,
      customTipPercentages: [10, 15, 20],
    })
    const items = app['items'] as Json[]
    expect(
      items.map((i) => [i['id'], i['priceType'], i['price'], i['inventory'], i['disabled']]),
    ).toEqual([
      ['green-tea', 'Fixed', '3.50', 5, false],
      ['black-tea', 'Fixed', '2.95', null, false],
      ['scone', 'Fixed', '2.00', 0, false],
      ['gift-card', 'Minimum', '10.00', null, false],
      ['donation', 'Topup', null, null, false],
      ['matcha', 'Fixed', '4.20', null, true],
    ])
    expect(items[0]).toMatchObject({ categories: ['Tea'], taxRate: '7.7' })
    const image = await request(items[0]!['image'] as string)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/svg+xml')
    expect((await request(`${g.server.url}/img/pos/nope.svg`)).status).toBe(404)
    expect((await call('GET', '/apps/pos/nope', anyKey)).json).toMatchObject({
      code: 'app-not-found',
    })
    expect((await call('GET', `/apps/pos/${DEMO_POS_APP_ID}`, 'unknown')).status).toBe(401)
  })

  it('GET /stores/{storeId}/apps needs canmodifystoresettings, as BTCPay’s GetAllApps', async () => {
    const denied = await call(
      'GET',
      `/stores/${S}/apps`,
      key(`btcpay.store.canviewstoresettings:${S}`),
    )
    expect(denied.status).toBe(403)
    expect(denied.json).toMatchObject({ missingPermission: 'btcpay.store.canmodifystoresettings' })
    const r = await call(
      'GET',
      `/stores/${S}/apps`,
      key(`btcpay.store.canmodifystoresettings:${S}`),
    )
    expectValid(validateResponse('Apps_GetAllAppsForStore', 200, r.json))
    expect(r.json).toMatchObject([
      { id: DEMO_POS_APP_ID, appName: 'Tea shop', appType: 'PointOfSale' },
    ])
  })
})
