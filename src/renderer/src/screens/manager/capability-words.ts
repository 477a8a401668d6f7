import type { CapabilityId } from '../../../../shared/capabilities'
import type { TranslationKey } from '../../i18n'

/** What the till does with an API key, as the Manager screen and the connection test say it. */
export const capabilityWords: Record<CapabilityId, TranslationKey> = {
  charge: 'capability.charge',
  'payment-requests': 'capability.paymentRequests',
  refund: 'capability.refund',
  void: 'capability.void',
  catalog: 'capability.catalog',
}
