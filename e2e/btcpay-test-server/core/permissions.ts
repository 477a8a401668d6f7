// Greenfield permissions as BTCPay spells and nests them: BTCPayServer.Client/Permissions.cs for
// the names, BTCPayServerServices.AddPolicyDefinitions for what each includes and how the consent
// page names it. A permission is `policy` or `policy:storeId`.

interface PolicyDefinition {
  /** Display title and description (the "selected stores" wording for store policies). */
  title: string
  description: string
  includes?: readonly string[]
}

/** Every policy BTCPay defines (AddPolicyDefinitions), in its order. */
export const POLICIES: Readonly<Record<string, PolicyDefinition>> = {
  'btcpay.store.canviewinvoices': {
    title: 'View invoices',
    description: 'Allows viewing invoices on the selected stores.',
  },
  'btcpay.store.cancreateinvoice': {
    title: 'Create an invoice',
    description: 'Allows creating new invoices on the selected stores.',
  },
  'btcpay.store.canmodifyinvoices': {
    title: 'Modify invoices',
    description: 'Allows viewing and modifying invoices on the selected stores.',
    includes: [
      'btcpay.store.canviewinvoices',
      'btcpay.store.cancreateinvoice',
      'btcpay.store.cancreatelightninginvoice',
    ],
  },
  'btcpay.store.webhooks.canmodifywebhooks': {
    title: "Modify selected stores' webhooks",
    description: 'Allows modifying the webhooks of the selected stores.',
  },
  'btcpay.store.cansendstoreemails': {
    title: "Send selected stores' emails",
    description: 'Allows sending emails on behalf of the selected stores.',
  },
  'btcpay.server.canmodifyserversettings': {
    title: 'Manage your server',
    description: 'Grants total control on the server settings of your server.',
    includes: ['btcpay.server.canuseinternallightningnode', 'btcpay.server.canmanageusers'],
  },
  'btcpay.store.canmodifystoresettings': {
    title: 'Manage selected stores',
    description: 'Allows managing invoices on the selected stores and modify their settings.',
    includes: [
      'btcpay.store.canmanagepullpayments',
      'btcpay.store.canmodifyinvoices',
      'btcpay.store.canviewstoresettings',
      'btcpay.store.webhooks.canmodifywebhooks',
      'btcpay.store.canmodifypaymentrequests',
      'btcpay.store.canmanagepayouts',
      'btcpay.store.canuselightningnode',
      'btcpay.store.cansendstoreemails',
    ],
  },
  'btcpay.store.canviewstoresettings': {
    title: 'View your stores',
    description: "Allows viewing the selected stores' settings.",
    includes: [
      'btcpay.store.canviewinvoices',
      'btcpay.store.canviewpaymentrequests',
      'btcpay.store.canviewreports',
      'btcpay.store.canviewpullpayments',
      'btcpay.store.canviewpayouts',
    ],
  },
  'btcpay.store.canviewreports': {
    title: "View your selected stores' reports",
    description: "Allows viewing the selected stores' reports.",
  },
  'btcpay.store.canviewpaymentrequests': {
    title: 'View your payment requests',
    description: "Allows viewing the selected stores' payment requests.",
  },
  'btcpay.store.canmodifypaymentrequests': {
    title: "Manage selected stores' payment requests",
    description:
      'Allows viewing, modifying, deleting and creating new payment requests on the selected stores.',
    includes: ['btcpay.store.canviewpaymentrequests'],
  },
  'btcpay.user.canmodifyprofile': {
    title: 'Manage your profile',
    description: 'Allows viewing and modifying your user profile.',
    includes: ['btcpay.user.canviewprofile'],
  },
  'btcpay.user.canviewprofile': {
    title: 'View your profile',
    description: 'Allows viewing your user profile.',
  },
  'btcpay.server.canviewusers': {
    title: 'View users',
    description: 'Allows seeing all users on this server.',
  },
  'btcpay.server.cancreateuser': {
    title: 'Create new users',
    description: 'Allows creating new users on this server.',
  },
  'btcpay.user.candeleteuser': {
    title: 'Delete user',
    description:
      'Allows deleting the user to whom it is assigned. Admin users can delete any user without this permission.',
  },
  'btcpay.user.canmanagenotificationsforuser': {
    title: 'Manage your notifications',
    description: 'Allows viewing and modifying your user notifications.',
    includes: ['btcpay.user.canviewnotificationsforuser'],
  },
  'btcpay.user.canviewnotificationsforuser': {
    title: 'View your notifications',
    description: 'Allows viewing your user notifications.',
  },
  unrestricted: {
    title: 'Unrestricted access',
    description: 'Grants unrestricted access to your account.',
  },
  'btcpay.server.canuseinternallightningnode': {
    title: 'Use the internal lightning node',
    description:
      'Allows using the internal BTCPay Server lightning node to create BOLT11 invoices, connect to other nodes, open new channels and pay BOLT11 invoices.',
    includes: [
      'btcpay.server.cancreatelightninginvoiceinternalnode',
      'btcpay.server.canviewlightninginvoiceinternalnode',
    ],
  },
  'btcpay.server.canviewlightninginvoiceinternalnode': {
    title: 'View invoices from internal lightning node',
    description: 'Allows using the internal BTCPay Server lightning node to view BOLT11 invoices.',
  },
  'btcpay.server.cancreatelightninginvoiceinternalnode': {
    title: 'Create invoices with internal lightning node',
    description:
      'Allows using the internal BTCPay Server lightning node to create BOLT11 invoices.',
  },
  'btcpay.store.canuselightningnode': {
    title: 'Use the lightning nodes associated with your stores',
    description:
      'Allows using the lightning nodes connected to the selected stores to create BOLT11 invoices, connect to other nodes, open new channels and pay BOLT11 invoices.',
    includes: ['btcpay.store.canviewlightninginvoice', 'btcpay.store.cancreatelightninginvoice'],
  },
  'btcpay.store.canviewlightninginvoice': {
    title: 'View the lightning invoices associated with your stores',
    description: 'Allows viewing the lightning invoices connected to the selected stores.',
  },
  'btcpay.store.cancreatelightninginvoice': {
    title: 'Create invoices from the lightning nodes associated with your stores',
    description:
      'Allows using the lightning nodes connected to the selected stores to create BOLT11 invoices.',
    includes: ['btcpay.store.canviewlightninginvoice'],
  },
  'btcpay.store.canmanagepullpayments': {
    title: "Manage selected stores' pull payments",
    description:
      'Allows viewing, modifying, deleting and creating pull payments on the selected stores.',
    includes: ['btcpay.store.cancreatepullpayments', 'btcpay.store.canarchivepullpayments'],
  },
  'btcpay.store.canarchivepullpayments': {
    title: "Archive selected stores' pull payments",
    description: 'Allows deleting pull payments on the selected stores.',
  },
  'btcpay.store.cancreatepullpayments': {
    title: 'Create pull payments in selected stores',
    description: 'Allows creating pull payments on the selected stores.',
    includes: ['btcpay.store.cancreatenonapprovedpullpayments'],
  },
  'btcpay.store.canviewpullpayments': {
    title: "View selected stores' pull payments",
    description: 'Allows viewing pull payments on the selected stores.',
  },
  'btcpay.store.cancreatenonapprovedpullpayments': {
    title: 'Create non-approved pull payments in selected stores',
    description:
      'Allows viewing, modifying, deleting and creating pull payments without automatic approval on the selected stores.',
    includes: ['btcpay.store.canviewpullpayments'],
  },
  'btcpay.server.canmanageusers': {
    title: 'Manage users',
    description: 'Allows creating/deleting API keys for users.',
    includes: ['btcpay.server.cancreateuser'],
  },
  'btcpay.store.canmanagepayouts': {
    title: 'Manage payouts in selected stores',
    description: 'Allows managing payouts on the selected stores.',
    includes: ['btcpay.store.canviewpayouts'],
  },
  'btcpay.store.canviewpayouts': {
    title: 'View payouts in selected stores',
    description: 'Allows viewing payouts on the selected stores.',
  },
}

/** The names the test server's routes check (Permissions.cs constants). */
export const Policies = {
  Unrestricted: 'unrestricted',
  CanModifyStoreSettings: 'btcpay.store.canmodifystoresettings',
  CanViewStoreSettings: 'btcpay.store.canviewstoresettings',
  CanViewInvoices: 'btcpay.store.canviewinvoices',
  CanCreateInvoice: 'btcpay.store.cancreateinvoice',
  CanModifyInvoices: 'btcpay.store.canmodifyinvoices',
  CanViewPaymentRequests: 'btcpay.store.canviewpaymentrequests',
  CanModifyPaymentRequests: 'btcpay.store.canmodifypaymentrequests',
  CanCreatePullPayments: 'btcpay.store.cancreatepullpayments',
  CanCreateNonApprovedPullPayments: 'btcpay.store.cancreatenonapprovedpullpayments',
  CanViewPullPayments: 'btcpay.store.canviewpullpayments',
  CanViewPayouts: 'btcpay.store.canviewpayouts',
} as const

/** Every policy the given one grants, itself included. */
export function granted(policy: string): Set<string> {
  const out = new Set<string>([policy])
  const queue = [policy]
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
    for (const child of POLICIES[p]?.includes ?? []) {
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

export const isStorePolicy = (policy: string): boolean => policy.startsWith('btcpay.store.')

/** Permission.TryParse: a defined policy, store policies optionally scoped to a store. */
export function isValidPermission(text: string): boolean {
  const { policy, scope } = parsePermission(text)
  if (!(policy in POLICIES)) return false
  return scope === null || (isStorePolicy(policy) && scope.length > 0)
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
