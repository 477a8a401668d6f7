import { describe, expect, it } from 'vitest'
import { events, requests } from './contract'
import { createCustomerApi } from './customer-api'

const idle = (version: number, shopName: string) => ({
  version,
  data: { screen: 'idle', shopName, language: 'system' },
})

describe('customer display bridge', () => {
  it('has exactly the contract method of customer:view, and no request', () => {
    const { api } = createCustomerApi()
    expect(Object.keys(api)).toEqual([events['customer:view'].method])
    const requestMethods = Object.values(requests).map((r) => r.method as string)
    for (const key of Object.keys(api)) expect(requestMethods).not.toContain(key)
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('gives a late subscriber the newest view, then each new one, until it unsubscribes', () => {
    const { api, deliver } = createCustomerApi()
    deliver(idle(1, 'Bakery'))
    deliver(idle(2, 'Corner Café'))
    const got: unknown[] = []
    const off = api.onCustomerView((e) => got.push(e))
    deliver(idle(3, 'Kiosk'))
    off()
    deliver(idle(4, 'Gone'))
    expect(got).toEqual([idle(2, 'Corner Café'), idle(3, 'Kiosk')])
  })
})
