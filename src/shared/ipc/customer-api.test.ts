import { describe, expect, it } from 'vitest'
import { events, requests } from './contract'
import { CHOOSE_TIP_CHANNEL, createCustomerApi } from './customer-api'

const idle = (version: number, shopName: string) => ({
  version,
  data: { screen: 'idle', shopName, language: 'system' },
})

describe('customer display bridge', () => {
  it('has exactly: follow customer:view, and choose a tip; no contract request', () => {
    const { api } = createCustomerApi(() => {})
    expect(Object.keys(api)).toEqual([events['customer:view'].method, 'chooseTip'])
    const requestMethods = Object.values(requests).map((r) => r.method as string)
    for (const key of Object.keys(api)) expect(requestMethods).not.toContain(key)
    // The customer's message is no request channel either: the cashier's dispatcher never takes it.
    expect(Object.keys(requests)).not.toContain(CHOOSE_TIP_CHANNEL)
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('hands the tip choice to the transport as it is, with no answer back', () => {
    const sent: unknown[] = []
    const { api } = createCustomerApi((choice) => sent.push(choice))
    const choice = { questionId: 'q1', choice: { kind: 'option', index: 1 } } as const
    expect(api.chooseTip(choice)).toBeUndefined()
    expect(sent).toEqual([choice])
  })

  it('gives a late subscriber the newest view, then each new one, until it unsubscribes', () => {
    const { api, deliver } = createCustomerApi(() => {})
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
