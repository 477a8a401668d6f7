import { buildEndpointUrl } from '../btcpay/server-url'
import { REQUESTED_PERMISSIONS } from './capabilities'

/** Shown on BTCPay's consent page and used as the key's label. */
export const APPLICATION_NAME = 'BTCPay Cashier'
/** Lets BTCPay offer an existing key of this application instead of a new one. */
export const APPLICATION_IDENTIFIER = 'btcpay-cashier'

/**
 * BTCPay's `/api-keys/authorize` link (shared docs/btcpay-protocol.md §6.3, §9.3): the manager
 * picks the one store of this till (`selectiveStores`), may not drop a permission (`strict`), and
 * BTCPay posts the key to `redirect`.
 */
export function buildAuthorizeUrl(serverUrl: string, redirect: string): string {
  const u = new URL(buildEndpointUrl(serverUrl, '/api-keys/authorize'))
  for (const p of REQUESTED_PERMISSIONS) u.searchParams.append('permissions', p)
  u.searchParams.set('applicationName', APPLICATION_NAME)
  u.searchParams.set('applicationIdentifier', APPLICATION_IDENTIFIER)
  u.searchParams.set('selectiveStores', 'true')
  u.searchParams.set('strict', 'true')
  u.searchParams.set('redirect', redirect)
  return u.href
}
