import type { SalePhase } from '../../../shared/sale'

/** How a phase looks: the colour family of its screen and its words for the cashier. */
export type Tone = 'wait' | 'warn' | 'ok' | 'done' | 'bad' | 'neutral'

type PhaseLook = { label: string; title: string; subtitle?: string; tone: Tone }

export const phaseLook: Record<SalePhase, PhaseLook> = {
  creating: { label: 'Creating', title: 'Creating the invoice…', tone: 'neutral' },
  waiting: { label: 'Waiting', title: 'Waiting for payment', tone: 'wait' },
  partial: { label: 'Partly paid', title: 'Partly paid', tone: 'warn' },
  paid: { label: 'Paid', title: 'Paid', subtitle: 'Waiting for confirmation', tone: 'ok' },
  settled: { label: 'Settled', title: 'Payment complete', tone: 'done' },
  overpaid: { label: 'Overpaid', title: 'Overpaid', subtitle: 'Paid more than due', tone: 'ok' },
  'paid-late': {
    label: 'Paid late',
    title: 'Paid late',
    subtitle: 'After the invoice expired',
    tone: 'ok',
  },
  expired: { label: 'Expired', title: 'Expired', subtitle: 'Not paid', tone: 'bad' },
  invalid: { label: 'Invalid', title: 'Payment invalid', subtitle: 'Not paid', tone: 'bad' },
  abandoned: { label: 'Cancelled', title: 'Sale cancelled', tone: 'neutral' },
  'not-created': { label: 'Not created', title: 'The invoice was not created', tone: 'bad' },
}
