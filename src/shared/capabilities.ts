import { z } from 'zod'

/** What the terminal does with a Greenfield API key; the till words each in its language. */
export const capabilityIds = ['charge', 'payment-requests', 'refund', 'void', 'catalog'] as const
export const capabilityIdSchema = z.enum(capabilityIds)
export type CapabilityId = z.infer<typeof capabilityIdSchema>
