import type { SalePhase } from '../../../shared/sale'
import type { TranslationKey } from '../i18n'

/** How a phase looks: the colour family of its screen and its words for the cashier. */
export type Tone = 'wait' | 'warn' | 'ok' | 'done' | 'bad' | 'neutral'

/**
 * `label` is the History badge (English until the History list is translated by its owner);
 * `title` and `subtitle` are translation keys of the checkout's banner.
 */
type PhaseLook = { label: string; title: TranslationKey; subtitle?: TranslationKey; tone: Tone }

export const phaseLook: Record<SalePhase, PhaseLook> = {
  creating: { label: 'Creating', title: 'checkout.titleCreating', tone: 'neutral' },
  waiting: { label: 'Waiting', title: 'checkout.titleWaiting', tone: 'wait' },
  partial: { label: 'Partly paid', title: 'checkout.titlePartial', tone: 'warn' },
  paid: {
    label: 'Paid',
    title: 'checkout.titlePaid',
    subtitle: 'checkout.subtitlePaid',
    tone: 'ok',
  },
  settled: { label: 'Settled', title: 'checkout.titleSettled', tone: 'done' },
  overpaid: {
    label: 'Overpaid',
    title: 'checkout.titleOverpaid',
    subtitle: 'checkout.subtitleOverpaid',
    tone: 'ok',
  },
  'paid-late': {
    label: 'Paid late',
    title: 'checkout.titlePaidLate',
    subtitle: 'checkout.subtitlePaidLate',
    tone: 'ok',
  },
  expired: {
    label: 'Expired',
    title: 'checkout.titleExpired',
    subtitle: 'checkout.subtitleNotPaid',
    tone: 'bad',
  },
  invalid: {
    label: 'Invalid',
    title: 'checkout.titleInvalid',
    subtitle: 'checkout.subtitleNotPaid',
    tone: 'bad',
  },
  abandoned: { label: 'Cancelled', title: 'checkout.titleAbandoned', tone: 'neutral' },
  'not-created': { label: 'Not created', title: 'checkout.titleNotCreated', tone: 'bad' },
}
