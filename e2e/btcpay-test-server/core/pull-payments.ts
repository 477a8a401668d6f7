// Pull payments and their payouts, reduced to what a refund needs: PullPaymentHostedService
// (create, claim, approve, pay) and the states of BTCPayServer.Client/Models/PayoutData.cs.
import { randomBytes } from 'node:crypto'
import { randomBase58 } from './encoding'
import { divisibilityOf, formatUnits, formatUnitsTrimmed, toUnits } from './money'

export type PayoutState =
  'AwaitingApproval' | 'AwaitingPayment' | 'InProgress' | 'Completed' | 'Cancelled'

export type PayoutMethodId = 'BTC-CHAIN' | 'BTC-LN'
export const PAYOUT_METHODS: readonly PayoutMethodId[] = ['BTC-CHAIN', 'BTC-LN']

export interface PullPayment {
  id: string
  storeId: string
  name: string
  description: string
  currency: string
  /** Decimal string at the currency's divisibility. */
  amount: string
  startsAt: number
  expiresAt: number | null
  archived: boolean
  autoApproveClaims: boolean
  payoutMethods: PayoutMethodId[]
  /** The refunded invoice, when the pull payment is a refund. */
  invoiceId: string | null
}

export interface Payout {
  id: string
  pullPaymentId: string
  date: number
  destination: string
  payoutMethodId: PayoutMethodId
  /** In the pull payment's currency. */
  originalAmount: string
  originalCurrency: string
  payoutCurrency: string
  /** Set once approved (BTC, at the rate of that moment). */
  payoutAmount: string | null
  state: PayoutState
  revision: number
  paymentProof: Record<string, unknown> | null
}

export class PayoutError extends Error {}

export const newPullPaymentId = (): string => randomBase58(20)

export const currencyScale = (currency: string): number => divisibilityOf(currency) ?? 8

/** Fiat at its divisibility ("20.00"); BTC without trailing zeros, as the server prints crypto. */
export const formatAmount = (units: bigint, currency: string): string =>
  currency === 'BTC' ? formatUnitsTrimmed(units, 8) : formatUnits(units, currencyScale(currency))

/** What is still claimable: the amount minus every payout not cancelled. */
export function remainingUnits(pp: PullPayment, payouts: readonly Payout[]): bigint {
  const scale = currencyScale(pp.currency)
  const claimed = payouts
    .filter((p) => p.pullPaymentId === pp.id && p.state !== 'Cancelled')
    .reduce((sum, p) => sum + toUnits(p.originalAmount, scale), 0n)
  return toUnits(pp.amount, scale) - claimed
}

/** ClaimRequest on a pull payment: a payout of `amount` (default: all that is left). */
export function claim(
  pp: PullPayment,
  payouts: readonly Payout[],
  input: { destination: string; amount: string | null; payoutMethodId: PayoutMethodId },
  now: number,
): Payout {
  if (pp.archived) throw new PayoutError('The pull payment is archived')
  if (pp.expiresAt !== null && now >= pp.expiresAt)
    throw new PayoutError('The pull payment has expired')
  if (!pp.payoutMethods.includes(input.payoutMethodId))
    throw new PayoutError('This payout method is not available for the pull payment')
  if (input.destination.trim() === '') throw new PayoutError('Destination is required')
  const scale = currencyScale(pp.currency)
  const left = remainingUnits(pp, payouts)
  const units = input.amount === null ? left : toUnits(input.amount, scale)
  if (units <= 0n) throw new PayoutError('The amount should be more than 0')
  if (units > left) throw new PayoutError('The amount exceeds what is left on the pull payment')
  return {
    id: randomBase58(20),
    pullPaymentId: pp.id,
    date: now,
    destination: input.destination.trim(),
    payoutMethodId: input.payoutMethodId,
    originalAmount: formatAmount(units, pp.currency),
    originalCurrency: pp.currency,
    payoutCurrency: 'BTC',
    payoutAmount: null,
    state: 'AwaitingApproval',
    revision: 0,
    paymentProof: null,
  }
}

/** Approval fixes the BTC amount at `btcPerUnit` (the rate of the moment). */
export function approve(payout: Payout, payoutBtc: string): void {
  if (payout.state !== 'AwaitingApproval')
    throw new PayoutError(`a payout ${payout.state} cannot be approved`)
  payout.payoutAmount = payoutBtc
  payout.state = 'AwaitingPayment'
}

/** The store pays it: a transaction for on-chain, a preimage for Lightning. */
export function markPaid(payout: Payout): void {
  if (payout.state !== 'AwaitingPayment' && payout.state !== 'InProgress')
    throw new PayoutError(`a payout ${payout.state} cannot be paid`)
  payout.state = 'Completed'
  payout.paymentProof =
    payout.payoutMethodId === 'BTC-CHAIN'
      ? {
          proofType: 'PayoutTransactionOnChainBlob',
          transactionId: randomBytes(32).toString('hex'),
        }
      : { proofType: 'PayoutLightningBlob', preimage: randomBytes(32).toString('hex') }
}
