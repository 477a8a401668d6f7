// GreenfieldApiKeysController and the permission names and nesting of Permissions.cs /
// AddPolicyDefinitions.
import { describe, expect, it } from 'vitest'
import { granted, isValidPermission } from '../core/permissions'
import { validateResponse } from '../openapi/validator'
import { expectValid, S, useGreenfield } from './greenfield.testutil'

const g = useGreenfield()
const { key, call } = g

describe('API keys (GreenfieldApiKeysController)', () => {
  it('GET /api-keys/current describes the key; DELETE revokes it, then every call is 401', async () => {
    const k = key(`btcpay.store.canviewinvoices:${S}`)
    const current = await call('GET', '/api-keys/current', k)
    expectValid(validateResponse('ApiKeys_GetCurrentApiKey', 200, current.json))
    expect(current.json).toEqual({
      apiKey: k,
      label: 'test key',
      permissions: [`btcpay.store.canviewinvoices:${S}`],
    })
    const revoked = await call('DELETE', '/api-keys/current', k)
    expect(revoked.status).toBe(200)
    expect(revoked.text).toBe('')
    for (const path of ['/api-keys/current', `/stores/${S}/invoices`]) {
      const after = await call('GET', path, k)
      expect(after.status).toBe(401)
      expect(after.json).toMatchObject({ code: 'unauthenticated' })
    }
    expect((await call('DELETE', '/api-keys/current', k)).status).toBe(401)
  })
})

describe('permissions spelled and nested as BTCPay does', () => {
  it('accepts the names of Permissions.cs, store ones optionally scoped, and nothing else', () => {
    expect(isValidPermission('btcpay.store.cansendstoreemails')).toBe(true)
    expect(isValidPermission('btcpay.store.cansendstoreemail')).toBe(false)
    expect(isValidPermission(`btcpay.store.cancreatenonapprovedpullpayments:${S}`)).toBe(true)
    expect(isValidPermission('btcpay.store.canviewinvoices:')).toBe(false)
    expect(isValidPermission('btcpay.user.canviewprofile:store')).toBe(false)
    expect(isValidPermission('btcpay.store.canfly')).toBe(false)
  })

  it('includes what AddPolicyDefinitions says each policy includes', () => {
    expect(granted('btcpay.store.canmodifystoresettings')).toContain(
      'btcpay.store.cansendstoreemails',
    )
    expect(granted('btcpay.store.canmodifystoresettings')).toContain(
      'btcpay.store.cancreatenonapprovedpullpayments',
    )
    expect([...granted('btcpay.store.cancreatepullpayments')].sort()).toEqual([
      'btcpay.store.cancreatenonapprovedpullpayments',
      'btcpay.store.cancreatepullpayments',
      'btcpay.store.canviewpullpayments',
    ])
    expect(granted('btcpay.store.cancreatenonapprovedpullpayments')).not.toContain(
      'btcpay.store.cancreatepullpayments',
    )
  })
})
