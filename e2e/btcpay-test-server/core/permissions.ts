// Greenfield permissions: `policy` or `policy:storeId`, with BTCPay's implication hierarchy
// (BTCPayServerServices.AddPolicyDefinitions) for the store policies a POS uses.

export const Policies = {
  Unrestricted: 'unrestricted',
  CanModifyStoreSettings: 'btcpay.store.canmodifystoresettings',
  CanViewStoreSettings: 'btcpay.store.canviewstoresettings',
  CanViewInvoices: 'btcpay.store.canviewinvoices',
  CanCreateInvoice: 'btcpay.store.cancreateinvoice',
  CanModifyInvoices: 'btcpay.store.canmodifyinvoices',
  CanViewPaymentRequests: 'btcpay.store.canviewpaymentrequests',
  CanModifyPaymentRequests: 'btcpay.store.canmodifypaymentrequests',
} as const

/** Direct children of each policy (what holding the policy also grants). */
const IMPLIES: Readonly<Record<string, readonly string[]>> = {
  'btcpay.store.canmodifystoresettings': [
    'btcpay.store.canmanagepullpayments',
    'btcpay.store.canmodifyinvoices',
    'btcpay.store.canviewstoresettings',
    'btcpay.store.webhooks.canmodifywebhooks',
    'btcpay.store.canmodifypaymentrequests',
    'btcpay.store.canmanagepayouts',
    'btcpay.store.canuselightningnode',
    'btcpay.store.cansendstoreemail',
  ],
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

/** Every policy the given one grants, itself included. */
export function granted(policy: string): Set<string> {
  const out = new Set<string>([policy])
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

export function parsePermission(text: string): { policy: string; scope: string | null } {
  const i = text.indexOf(':')
  return i < 0
    ? { policy: text, scope: null }
    : { policy: text.slice(0, i), scope: text.slice(i + 1) }
}

/** Valid permission strings: known policy families, optionally store-scoped. */
export function isValidPermission(text: string): boolean {
  const { policy, scope } = parsePermission(text)
  if (policy === Policies.Unrestricted) return scope === null
  if (!/^btcpay\.(store|server|user|plugin)\.[a-z.]+$/.test(policy)) return false
  return scope === null || (policy.startsWith('btcpay.store.') && scope.length > 0)
}

/** Whether `permissions` grant `policy` on `storeId`. */
export function hasPermission(
  permissions: readonly string[],
  policy: string,
  storeId: string,
): boolean {
  return permissions.some((perm) => {
    const p = parsePermission(perm)
    if (p.policy === Policies.Unrestricted) return true
    if (p.scope !== null && p.scope !== storeId) return false
    return granted(p.policy).has(policy)
  })
}
