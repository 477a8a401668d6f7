/**
 * Voids and refunds of the till's sales through BTCPay's Greenfield API
 * (`GreenfieldInvoiceController.RefundInvoice` and `MarkInvoiceStatus` in BTCPay's source), each written to the refund ledger before its request:
 *
 * - `voidSale` runs after the cashier's Cancel of an unpaid sale: the invoice is marked Invalid,
 *   so the customer can no longer pay it. Without a key, or refused, the sale stays cancelled and
 *   followed (../sales/README.md) and the entry says the invoice stays payable.
 * - `refundSale` makes a pull payment (the customer claims it from a QR code) and follows it until
 *   its payout is paid. A `requested` entry found after a crash is looked up by the id the
 *   terminal wrote into the pull payment's description, so no refund is ever made twice.
 */
import { randomUUID } from 'node:crypto'
import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { minorDigits, minorToDecimal, parseAmount } from '../../shared/money'
import type { RefundInput, RefundOptions, RefundView } from '../../shared/refund'
import { BtcpayError } from '../btcpay/errors'
import type { GreenfieldClient } from '../btcpay/greenfield-client'
import type { Payout, PullPayment, RefundInvoiceInput } from '../btcpay/greenfield-models'
import { toAppError } from '../btcpay/to-app-error'
import type { EventHub } from '../ipc/event-hub'
import type { CsvRecord } from '../journal/csv'
import type { Journal } from '../journal/journal'
import type { Sale } from '../journal/sale'
import type { Logger } from '../log/logger'
import { amountRefused } from '../ipc/app-errors'
import { mayHaveActed, NO_API_KEY, refundFailure, voidFailure } from './refund-errors'
import type { RefundEntry, RefundLedger } from './refund-ledger'
import { refundViewOf } from './refund-ledger'
import { asNote, noted, saidError, type Said } from './refund-notes'
import { afterKeeping, noInvoice, refundOptionsOf, whyNotRefundable } from './refund-options'

/** How often an issued refund's payouts are looked at. */
const FOLLOW_MS = 3_000
/** The payment methods a till's invoice may have been paid with, in the order they are tried. */
const PAYMENT_METHODS = ['BTC-CHAIN', 'BTC-LN'] as const

export type RefundDeskDeps = {
  ledger: RefundLedger
  journal: Pick<Journal, 'get'>
  client: () => GreenfieldClient | null
  events: Pick<EventHub, 'emit'>
  log: Logger
  now: () => number
  followMs?: number
}

/** The description BTCPay keeps with the pull payment: how a retry recognises its own refund. */
const markerOf = (entry: Pick<RefundEntry, 'id' | 'orderId'>) =>
  `Refund of sale ${entry.orderId} (terminal refund ${entry.id})`

export function createRefundDesk(deps: RefundDeskDeps) {
  const { ledger, log, now } = deps
  const following = new Map<string, ReturnType<typeof setTimeout>>()
  const inFlight = new Set<string>()

  /** Refunds BTCPay made (issued, claimed or paid): the money the till gives back. */
  const moneyRefunds = (): RefundEntry[] =>
    ledger
      .all()
      .filter(
        (e) =>
          e.kind === 'refund' &&
          (e.state === 'issued' || e.state === 'claimed' || e.state === 'paid'),
      )

  function saleOf(saleId: string): Sale {
    const sale = deps.journal.get(saleId)
    if (!sale)
      throw explained(
        'not-found',
        say('refund.no-such-sale'),
        'There is no such sale on this till.',
      )
    return sale
  }

  async function save(entry: RefundEntry): Promise<RefundEntry> {
    const written = await ledger.write(entry)
    deps.events.emit('refund:changed', refundViewOf(written))
    return written
  }

  /** The payment method the customer paid with, and BTCPay's preview of each variant for it. */
  async function previewOf(client: GreenfieldClient, invoiceId: string) {
    const methods = await client.getInvoicePaymentMethods(invoiceId)
    const paid = methods.find((m) => Number(m.paymentMethodPaid) > 0) ?? methods[0]
    const paymentMethodId = paid?.paymentMethodId ?? PAYMENT_METHODS[0]
    return { paymentMethodId, preview: await client.previewRefund(invoiceId, paymentMethodId) }
  }

  function issued(entry: RefundEntry, pp: PullPayment, lnurl: string | null): RefundEntry {
    return {
      ...entry,
      state: 'issued',
      pullPaymentId: pp.id,
      amount: pp.amount,
      amountCurrency: pp.currency,
      claimLink: pp.viewLink,
      lnurl,
      needsApproval: pp.autoApproveClaims !== true,
      ...(pp.autoApproveClaims === true
        ? noted('refund.scan-to-claim', 'The customer scans the code and claims the refund.')
        : noted(
            'refund.scan-then-approve',
            'The customer scans the code and claims the refund; a manager must then approve the ' +
              'payout in BTCPay (Payouts).',
          )),
    }
  }

  async function lnurlOf(client: GreenfieldClient, pp: PullPayment): Promise<string | null> {
    try {
      return (await client.getPullPaymentLnurl(pp.id)).lnurlBech32
    } catch {
      return null // BTCPay offers LNURL-withdraw only for BTC pull payments with Lightning
    }
  }

  function follow(entry: RefundEntry): void {
    if (following.has(entry.id) || entry.pullPaymentId === null) return
    const tick = async () => {
      const client = deps.client()
      const current = ledger.get(entry.id)
      if (!client || !current?.pullPaymentId) return void following.delete(entry.id)
      try {
        const payouts = await client.listPullPaymentPayouts(current.pullPaymentId)
        const next = afterPayouts(current, payouts)
        if (next.state !== current.state || next.needsApproval !== current.needsApproval) {
          await save(next)
          log.info('refunds.progress', { orderId: next.orderId, state: next.state })
        }
        if (next.state === 'paid') return void following.delete(entry.id)
      } catch (err) {
        log.warn('refunds.follow-failed', { orderId: current.orderId, err })
      }
      following.set(
        entry.id,
        setTimeout(() => void tick(), deps.followMs ?? FOLLOW_MS),
      )
    }
    following.set(
      entry.id,
      setTimeout(() => void tick(), 0),
    )
  }

  /** A `requested` entry from before a crash or a lost answer: find its pull payment at BTCPay. */
  async function settleRequested(entry: RefundEntry): Promise<RefundEntry> {
    const client = deps.client()
    if (!client) return entry
    const marker = markerOf(entry)
    const found = (await client.listPullPayments()).find((pp) => pp.description === marker)
    if (!found) {
      log.info('refunds.not-issued', { orderId: entry.orderId })
      return save({
        ...entry,
        state: 'failed',
        ...noted(
          'refund.never-made',
          'BTCPay never made this refund: nothing was refunded. It can be issued again.',
        ),
      })
    }
    log.info('refunds.found-after-restart', { orderId: entry.orderId })
    const saved = await save(issued(entry, found, await lnurlOf(client, found)))
    follow(saved)
    return saved
  }

  return {
    /** After the cashier's Cancel of an unpaid sale: mark its invoice Invalid at BTCPay. */
    async voidSale(sale: Sale): Promise<RefundView | null> {
      if (sale.invoiceId === null) return null
      let entry = await save({
        id: randomUUID(),
        saleId: sale.id,
        orderId: sale.orderId,
        kind: 'void',
        createdAt: now(),
        state: 'requested',
        variant: null,
        amount: null,
        amountCurrency: null,
        fiatMinor: 0,
        currency: sale.currency,
        claimLink: null,
        lnurl: null,
        needsApproval: false,
        note: null,
        pullPaymentId: null,
      })
      const client = deps.client()
      try {
        if (!client) throw null
        const invoice = await client.getInvoice(sale.invoiceId)
        // Money may have arrived since the cashier pressed Cancel: that is a refund, never a void.
        if (invoice.status !== 'New' || invoice.additionalStatus !== 'None') {
          entry = await save({
            ...entry,
            state: 'stays-payable',
            ...noted(
              'void.started-paying',
              'Not voided: the customer has started paying this invoice. Refund it from History once it is paid.',
            ),
          })
          return refundViewOf(entry)
        }
        await client.markInvoiceStatus(sale.invoiceId, 'Invalid')
        entry = await save({
          ...entry,
          state: 'voided',
          ...noted(
            'void.voided',
            'Voided: the invoice is invalid at BTCPay, the customer can no longer pay it.',
          ),
        })
        log.info('refunds.voided', { orderId: sale.orderId })
      } catch (err) {
        if (err !== null && !(err instanceof BtcpayError)) throw err
        log.warn('refunds.void-failed', { orderId: sale.orderId, code: err?.code ?? 'no-api-key' })
        entry = await save({ ...entry, state: 'stays-payable', ...asNote(voidFailure(err)) })
      }
      return refundViewOf(entry)
    },

    load: (): Promise<void> => ledger.load(),

    /** The pull payment of a refund (the demo's customer claims it). */
    pullPaymentOf: (refundId: string): string | null => ledger.get(refundId)?.pullPaymentId ?? null,

    refundsOfSale({ saleId }: { saleId: string }): { refunds: RefundView[] } {
      return { refunds: ledger.ofSale(saleId).map(refundViewOf) }
    },

    /** Voids and refunds of the sales made in the range (History shows them on their sale). */
    listRefunds(range: { from: number; to: number }): { refunds: RefundView[] } {
      const inRange = (e: RefundEntry) => {
        const at = deps.journal.get(e.saleId)?.createdAt ?? e.createdAt
        return at >= range.from && at < range.to
      }
      return { refunds: ledger.all().filter(inRange).map(refundViewOf) }
    },

    async previewRefund({ saleId }: { saleId: string }): Promise<RefundOptions> {
      const sale = saleOf(saleId)
      const refused = (why: Said): RefundOptions => ({
        saleId,
        refused: why.text,
        refusedWords: why.words,
        options: [],
        currency: sale.currency,
        paidMinor: 0,
      })
      const why = whyNotRefundable(sale)
      if (why !== null || sale.invoiceId === null) return refused(why ?? noInvoice)
      const client = deps.client()
      if (!client) return refused({ text: NO_API_KEY, words: [say('refund.needs-api-key')] })
      try {
        const { preview } = await previewOf(client, sale.invoiceId)
        const { options, paidMinor } = refundOptionsOf(sale, preview)
        if (paidMinor === 0)
          return refused({
            text: 'Nothing was paid on this sale: there is nothing to refund.',
            words: [say('refund.nothing-paid')],
          })
        return {
          saleId,
          refused: null,
          refusedWords: null,
          options,
          currency: sale.currency,
          paidMinor,
        }
      } catch (err) {
        if (err instanceof BtcpayError && err.code === 'bad-request')
          return refused(refundFailure(err))
        throw toAppError(err)
      }
    },

    async refundSale(input: RefundInput): Promise<RefundView> {
      const sale = saleOf(input.saleId)
      if (inFlight.has(sale.id))
        throw explained(
          'busy',
          say('refund.in-flight'),
          'A refund of this sale is already on its way.',
        )
      inFlight.add(sale.id)
      try {
        for (const old of ledger
          .ofSale(sale.id)
          .filter((e) => e.kind === 'refund' && e.state === 'requested')) {
          const settled = await settleRequested(old).catch((err: unknown) => {
            const why = refundFailure(err)
            throw new AppError(
              'busy',
              `An earlier refund of this sale may have been made; the terminal could not check with BTCPay yet. ${why.text}`,
              undefined,
              undefined,
              [say('refund.may-exist'), ...why.words],
            )
          })
          if (settled.state !== 'failed') return refundViewOf(settled)
        }
        const why = whyNotRefundable(sale)
        if (why !== null || sale.invoiceId === null)
          throw saidError('bad-request', why ?? noInvoice)
        const client = deps.client()
        if (!client) throw explained('not-paired', say('refund.needs-api-key'), NO_API_KEY)
        let body: RefundInvoiceInput
        let fiatMinor: number
        try {
          const { paymentMethodId, preview } = await previewOf(client, sale.invoiceId)
          const { options, paidMinor } = refundOptionsOf(sale, preview)
          const option = options.find((o) => o.variant === input.variant)
          if (!option)
            throw explained(
              'bad-input',
              say('refund.kind-not-offered'),
              'BTCPay does not offer that kind of refund for this sale.',
            )
          body = { refundVariant: input.variant, payoutMethodId: paymentMethodId }
          let base = option.fiatMinor ?? 0
          if (input.variant === 'Custom') {
            const custom = parseAmount(input.customAmount ?? '', sale.currency, paidMinor)
            if (!custom.ok) throw amountRefused(custom)
            base = custom.minor
            body.customAmount = minorToDecimal(custom.minor, minorDigits(sale.currency))
            body.customCurrency = sale.currency
          }
          const kept = afterKeeping(base, input.keepPercent?.replace(',', '.'))
          if (kept === null)
            throw explained(
              'bad-input',
              say('refund.keep-percent'),
              'The percentage kept must be between 0 and 100.',
            )
          if (input.keepPercent !== undefined)
            body.subtractPercentage = input.keepPercent.replace(',', '.')
          fiatMinor = kept
        } catch (err) {
          if (err instanceof BtcpayError && err.serverCode === 'non-refundable')
            throw saidError('bad-request', refundFailure(err))
          throw toAppError(err)
        }
        let entry = await save({
          id: randomUUID(),
          saleId: sale.id,
          orderId: sale.orderId,
          kind: 'refund',
          createdAt: now(),
          state: 'requested',
          variant: input.variant,
          amount: null,
          amountCurrency: null,
          fiatMinor,
          currency: sale.currency,
          claimLink: null,
          lnurl: null,
          needsApproval: false,
          note: null,
          pullPaymentId: null,
        })
        body.description = markerOf(entry)
        log.info('refunds.requested', { orderId: sale.orderId, variant: input.variant })
        try {
          const pp = await client.refundInvoice(sale.invoiceId, body)
          entry = await save(issued(entry, pp, await lnurlOf(client, pp)))
          log.info('refunds.issued', { orderId: sale.orderId, needsApproval: entry.needsApproval })
          follow(entry)
        } catch (err) {
          log.warn('refunds.failed', { orderId: sale.orderId, err })
          entry = await save({
            ...entry,
            state: mayHaveActed(err) ? 'requested' : 'failed',
            ...asNote(refundFailure(err)),
          })
        }
        return refundViewOf(entry)
      } finally {
        inFlight.delete(sale.id)
      }
    },

    /** After start (and a new API key): settle what a crash left `requested`, follow the rest. */
    async resume(): Promise<void> {
      for (const entry of ledger.all()) {
        if (entry.kind !== 'refund') continue
        if (entry.state === 'requested') {
          await settleRequested(entry).catch((err: unknown) =>
            log.warn('refunds.resume-failed', { orderId: entry.orderId, err }),
          )
        } else if (entry.state === 'issued' || entry.state === 'claimed') follow(entry)
      }
    },

    moneyRefunds,

    /** Refunded fiat per currency for refunds made in the range (voids move no money). */
    refundedInRange(range: {
      from: number
      to: number
    }): Map<string, { minor: number; count: number }> {
      const out = new Map<string, { minor: number; count: number }>()
      for (const e of moneyRefunds()) {
        if (e.createdAt < range.from || e.createdAt >= range.to) continue
        const t = out.get(e.currency) ?? { minor: 0, count: 0 }
        out.set(e.currency, { minor: t.minor + e.fiatMinor, count: t.count + 1 })
      }
      return out
    },

    /**
     * The CSV columns of the sales export (journal/csv.ts) for each void and refund made in the
     * range: the amount is the refund's value in the sale's currency, the status `void` or
     * `refund-<state>`, the description what the pull payment pays.
     */
    csvRows(range: { from: number; to: number }): CsvRecord[] {
      return ledger
        .all()
        .filter((e) => e.createdAt >= range.from && e.createdAt < range.to)
        .map((e) => ({
          createdAt: new Date(e.createdAt).toISOString(),
          orderId: e.orderId,
          invoiceId: deps.journal.get(e.saleId)?.invoiceId ?? '',
          currency: e.currency,
          amount: minorToDecimal(e.fiatMinor, minorDigits(e.currency)),
          status: e.kind === 'void' ? `void-${e.state}` : `refund-${e.state}`,
          exceptionStatus: e.variant ?? '',
          description: e.amount === null ? '' : `${e.amount} ${e.amountCurrency ?? ''}`.trim(),
          updatedAt: new Date(e.createdAt).toISOString(),
          id: e.id,
        }))
    },

    stop(): void {
      for (const t of following.values()) clearTimeout(t)
      following.clear()
    },
  }
}
export type RefundDesk = ReturnType<typeof createRefundDesk>

/** The entry after BTCPay's payouts of its pull payment: claimed once there is one, paid once paid. */
export function afterPayouts(entry: RefundEntry, payouts: readonly Payout[]): RefundEntry {
  const live = payouts.filter((p) => p.state !== 'Cancelled')
  if (live.length === 0) return entry
  if (live.some((p) => p.state === 'Completed')) {
    return {
      ...entry,
      state: 'paid',
      needsApproval: false,
      ...noted('refund.paid', "Paid: the refund reached the customer's wallet."),
    }
  }
  const waiting = live.some((p) => p.state === 'AwaitingApproval')
  return {
    ...entry,
    state: 'claimed',
    needsApproval: waiting,
    ...(waiting
      ? noted(
          'refund.claimed-approve',
          'Claimed by the customer. A manager must approve the payout in BTCPay (Payouts) before it is sent.',
        )
      : noted('refund.claimed', 'Claimed by the customer; BTCPay sends the payout.')),
  }
}
