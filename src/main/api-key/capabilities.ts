import type { ApiKeyView } from '../../shared/api-key'
import { grants, POLICY } from '../btcpay/greenfield-permissions'

type Capability = Extract<ApiKeyView['state'], { status: 'ready' }>['capabilities'][number]

/**
 * What the terminal does with its API key, each with its id (the till words it), its English
 * words (logs) and the permissions it
 * needs (BTCPay's `BTCPayServer.Client/Permissions.cs`, mirrored in btcpay/greenfield-permissions.ts): the authorize link asks for all of them, and
 * the Manager screen shows which ones the key really got.
 */
const CHARGE = {
  id: 'charge' as const,
  words: 'charge (create and follow invoices)',
  policies: [POLICY.createInvoice, POLICY.viewInvoices],
}
const CAPABILITIES: readonly (Pick<Capability, 'id' | 'words'> & {
  policies: readonly string[]
})[] = [
  CHARGE,
  {
    id: 'payment-requests',
    words: 'take payment requests',
    policies: [POLICY.viewPaymentRequests, POLICY.modifyPaymentRequests],
  },
  { id: 'refund', words: 'refund', policies: [POLICY.createNonApprovedPullPayments] },
  { id: 'void', words: 'void', policies: [POLICY.modifyInvoices] },
  // BTCPay 2.0.5 on reads a PoS app with any key of the store (GreenfieldAppsController.GetPosApp
  // has no policy since #6499): nothing to ask for. Listing the store's apps would need
  // canmodifystoresettings, far too much for a till: the manager types the app's id instead.
  { id: 'catalog', words: 'read the catalog', policies: [] },
]

/** Every permission the terminal asks BTCPay for. */
export const REQUESTED_PERMISSIONS: readonly string[] = [
  ...new Set(CAPABILITIES.flatMap((c) => c.policies)),
]

/** Each capability with what the key lacks for it in `storeId` (nothing: allowed). */
export function capabilitiesOf(permissions: readonly string[], storeId: string): Capability[] {
  return CAPABILITIES.map((c) => ({
    id: c.id,
    words: c.words,
    missing: c.policies.filter((p) => !grants(permissions, p, storeId)),
  }))
}

/** Whether the key may charge through Greenfield in `storeId` (the till's `chargeVia` setting). */
export function mayCharge(permissions: readonly string[], storeId: string): boolean {
  return CHARGE.policies.every((p) => grants(permissions, p, storeId))
}
