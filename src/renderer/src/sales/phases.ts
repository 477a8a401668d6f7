import type { SalePhase } from '../../../shared/sale'
import type { TranslationKey } from '../i18n'

/** How a phase looks: the colour family of its screen and its words for the cashier. */
export type Tone = 'wait' | 'warn' | 'ok' | 'done' | 'bad' | 'neutral'

/** Translation keys: `label` of the History badge, `title` and `subtitle` of the checkout's banner. */
type PhaseLook = {
  label: TranslationKey
  title: TranslationKey
  subtitle?: TranslationKey
  tone: Tone
}

export const phaseLook: Record<SalePhase, PhaseLook> = {
  creating: { label: 'phaseBadge.creating', title: 'checkout.titleCreating', tone: 'neutral' },
  waiting: { label: 'phaseBadge.waiting', title: 'checkout.titleWaiting', tone: 'wait' },
  partial: { label: 'phaseBadge.partial', title: 'checkout.titlePartial', tone: 'warn' },
  paid: {
    label: 'phaseBadge.paid',
    title: 'checkout.titlePaid',
    subtitle: 'checkout.subtitlePaid',
    tone: 'ok',
  },
  settled: { label: 'phaseBadge.settled', title: 'checkout.titleSettled', tone: 'done' },
  overpaid: {
    label: 'phaseBadge.overpaid',
    title: 'checkout.titleOverpaid',
    subtitle: 'checkout.subtitleOverpaid',
    tone: 'ok',
  },
  'paid-late': {
    label: 'phaseBadge.paidLate',
    title: 'checkout.titlePaidLate',
    subtitle: 'checkout.subtitlePaidLate',
    tone: 'ok',
  },
  expired: {
    label: 'phaseBadge.expired',
    title: 'checkout.titleExpired',
    subtitle: 'checkout.subtitleNotPaid',
    tone: 'bad',
  },
  invalid: {
    label: 'phaseBadge.invalid',
    title: 'checkout.titleInvalid',
    subtitle: 'checkout.subtitleNotPaid',
    tone: 'bad',
  },
  abandoned: { label: 'phaseBadge.abandoned', title: 'checkout.titleAbandoned', tone: 'neutral' },
  'not-created': { label: 'phaseBadge.notCreated', title: 'checkout.titleNotCreated', tone: 'bad' },
}
