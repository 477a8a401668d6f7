/**
 * Greenfield permissions as BTCPay spells them (`BTCPayServer.Client/Permissions.cs`): a policy,
 * optionally scoped to one store (`btcpay.store.canviewinvoices:<storeId>`), and the policies each
 * one implies (`BTCPayServerServices.AddPolicyDefinitions`, shared docs/btcpay-protocol.md §6.2).
 */

export const UNRESTRICTED = 'unrestricted'

export const POLICY = {
  viewInvoices: 'btcpay.store.canviewinvoices',
  createInvoice: 'btcpay.store.cancreateinvoice',
  modifyInvoices: 'btcpay.store.canmodifyinvoices',
  viewPaymentRequests: 'btcpay.store.canviewpaymentrequests',
  modifyPaymentRequests: 'btcpay.store.canmodifypaymentrequests',
  createNonApprovedPullPayments: 'btcpay.store.cancreatenonapprovedpullpayments',
} as const

/** Direct children of each policy (what holding the policy also grants). */
const IMPLIES: Readonly<Record<string, readonly string[]>> = {
  'btcpay.store.canmodifystoresettings': [
    'btcpay.store.canmanagepullpayments',
    'btcpay.store.canmodifyinvoices',
    'btcpay.store.canviewstoresettings',
    'btcpay.store.canmodifypaymentrequests',
    'btcpay.store.canmanagepayouts',
  ],
  'btcpay.store.canmanagepullpayments': [
    'btcpay.store.cancreatepullpayments',
    'btcpay.store.canviewpullpayments',
  ],
  'btcpay.store.cancreatepullpayments': ['btcpay.store.cancreatenonapprovedpullpayments'],
  'btcpay.store.canmodifyinvoices': [
    'btcpay.store.canviewinvoices',
    'btcpay.store.cancreateinvoice',
    'btcpay.store.cancreatelightninginvoice',
  ],
  'btcpay.store.canviewstoresettings': [
    'btcpay.store.canviewinvoices',
    'btcpay.store.canviewpaymentrequests',
    'btcpay.store.canviewreports',
    'btcpay.store.canviewpullpayments',
    'btcpay.store.canviewpayouts',
  ],
  'btcpay.store.canmodifypaymentrequests': ['btcpay.store.canviewpaymentrequests'],
}

export interface ParsedPermission {
  policy: string
  /** The store it is limited to, or null for every store of the user. */
  storeId: string | null
}

export function parsePermission(text: string): ParsedPermission {
  const i = text.indexOf(':')
  return i < 0
    ? { policy: text, storeId: null }
    : { policy: text.slice(0, i), storeId: text.slice(i + 1) }
}

function implied(policy: string): Set<string> {
  const out = new Set([policy])
  const queue = [policy]
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    for (const child of IMPLIES[p] ?? []) {
      if (!out.has(child)) {
        out.add(child)
        queue.push(child)
      }
    }
  }
  return out
}

/** Whether `permissions` grant `policy` on `storeId`. */
export function grants(permissions: readonly string[], policy: string, storeId: string): boolean {
  return permissions.some((text) => {
    const p = parsePermission(text)
    if (p.policy === UNRESTRICTED) return true
    if (p.storeId !== null && p.storeId !== storeId) return false
    return implied(p.policy).has(policy)
  })
}

/** The stores named by store-scoped permissions, in the order they first appear. */
export function scopedStores(permissions: readonly string[]): string[] {
  const stores = new Set<string>()
  for (const text of permissions) {
    const { policy, storeId } = parsePermission(text)
    if (storeId && policy.startsWith('btcpay.store.')) stores.add(storeId)
  }
  return [...stores]
}

const WORDS: Readonly<Record<string, string>> = {
  [POLICY.viewInvoices]: 'see invoices',
  [POLICY.createInvoice]: 'create invoices',
  [POLICY.modifyInvoices]: 'void invoices',
  [POLICY.viewPaymentRequests]: 'take payment requests',
  [POLICY.modifyPaymentRequests]: 'create payment requests',
  [POLICY.createNonApprovedPullPayments]: 'refund',
}

/** A permission in a manager's words, e.g. "refund"; unknown ones keep BTCPay's spelling. */
export function permissionWords(permission: string): string {
  const { policy } = parsePermission(permission)
  return WORDS[policy] ?? policy
}
