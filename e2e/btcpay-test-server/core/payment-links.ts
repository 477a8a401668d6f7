// Payment links and amounts per payment method, shared by the legacy, Greenfield and checkout views.
import type { Invoice, Prompt } from './invoices'
import { paidSats, paidSatsVia, remainingSats } from './invoices'
import { formatUnitsTrimmed } from './money'

/** BTC amount string from sats, without trailing zeros ("0.00025", "0"). */
export const btc = (sats: bigint): string => formatUnitsTrimmed(sats, 8)

/** Remaining sats, never below zero (what a payer still has to send). */
export const dueSats = (inv: Invoice): bigint => {
  const r = remainingSats(inv)
  return r > 0n ? r : 0n
}

/** BIP21 for on-chain, `lightning:` + lower-case BOLT11 for Lightning (BTCPay's link extensions). */
export function paymentLink(inv: Invoice, prompt: Prompt): string {
  if (prompt.method === 'BTC-LN') return `lightning:${prompt.destination.toLowerCase()}`
  const due = dueSats(inv)
  return due > 0n
    ? `bitcoin:${prompt.destination}?amount=${btc(due)}`
    : `bitcoin:${prompt.destination}`
}

export interface PromptAccounting {
  /** Invoice amount in this method's currency (sats). */
  totalDue: bigint
  /** Remaining (negative when overpaid). */
  due: bigint
  /** Everything paid, converted to this method's currency. */
  paid: bigint
  /** Paid through this method. */
  paidHere: bigint
  txCount: number
  networkFee: bigint
}

/** PaymentPrompt.Calculate(), without network fees (the test server charges none). */
export function accounting(inv: Invoice, prompt: Prompt): PromptAccounting {
  return {
    totalDue: inv.type === 'TopUp' ? paidSats(inv) : inv.dueSats,
    due: remainingSats(inv),
    paid: paidSats(inv),
    paidHere: paidSatsVia(inv, prompt.method),
    txCount: inv.payments.filter((p) => p.method === prompt.method).length,
    networkFee: 0n,
  }
}
