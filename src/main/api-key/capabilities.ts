import type { ApiKeyView } from '../../shared/api-key'
import { grants, POLICY } from '../btcpay/greenfield-permissions'

type Capability = Extract<ApiKeyView['state'], { status: 'ready' }>['capabilities'][number]

/**
 * What the terminal does with its API key, each in a manager's words with the permissions it
 * needs (BTCPay's `BTCPayServer.Client/Permissions.cs`, mirrored in btcpay/greenfield-permissions.ts): the authorize link asks for all of them, and
 * the Manager screen shows which ones the key really got.
 */
const CHARGE = {
  words: 'charge (create and follow invoices)',
  policies: [POLICY.createInvoice, POLICY.viewInvoices],
}
const CAPABILITIES: readonly { words: string; policies: readonly string[] }[] = [
  CHARGE,
  {
    words: 'take payment requests',
    policies: [POLICY.viewPaymentRequests, POLICY.modifyPaymentRequests],
  },
  { words: 'refund', policies: [POLICY.createNonApprovedPullPayments] },
  { words: 'void', policies: [POLICY.modifyInvoices] },
  // BTCPay 2.0.5 on reads a PoS app with any key of the store (GreenfieldAppsController.GetPosApp
  // has no policy since #6499): nothing to ask for. Listing the store's apps would need
  // canmodifystoresettings, far too much for a till: the manager types the app's id instead.
  { words: 'read the catalog', policies: [] },
]

/** Every permission the terminal asks BTCPay for. */
export const REQUESTED_PERMISSIONS: readonly string[] = [
  ...new Set(CAPABILITIES.flatMap((c) => c.policies)),
]

/** Each capability with what the key lacks for it in `storeId` (nothing: allowed). */
export function capabilitiesOf(permissions: readonly string[], storeId: string): Capability[] {
  return CAPABILITIES.map((c) => ({
    words: c.words,
    missing: c.policies.filter((p) => !grants(permissions, p, storeId)),
  }))
}

/** Whether the key may charge through Greenfield in `storeId` (the till's `chargeVia` setting). */
export function mayCharge(permissions: readonly string[], storeId: string): boolean {
  return CHARGE.policies.every((p) => grants(permissions, p, storeId))
}
