/**
 * Receipts of sales, voids and refunds: when a sale is paid, its payment details are fetched from
 * BTCPay once and kept (payment-record-store.ts), and the receipt prints by itself if the manager
 * turned that on; so does the slip of a void (once BTCPay voided the invoice) and of a refund
 * (once BTCPay issued it, with the claim QR). Printing never holds up the sale: it runs after the
 * sale's or refund's own update, and its outcome is published for the cashier with a retry.
 */
import { explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { notInJournal } from '../ipc/app-errors'
import { hasSlip, type ReceiptRef } from '../../shared/receipts'
import type { RefundView } from '../../shared/refund'
import { successPhases, type SaleView } from '../../shared/sale'
import type { Journal } from '../journal/journal'
import type { Logger } from '../log/logger'
import type { ReceiptPrinter } from '../printing/receipt-printer'
import type { PrintOutcome } from '../printing/print-outcome'
import { salePhaseOf } from '../sales/sale-phase'
import type { SettingsStore } from '../settings/settings-store'
import { paymentsOf } from './invoice-payments'
import type { PaymentRecordStore } from './payment-record-store'
import type { Report } from '../shifts/report'
import type { Shift } from '../../shared/shifts'
import type { RefundLedger } from '../refunds/refund-ledger'
import type {
  PaidOutcome,
  Receipt,
  ReceiptHeader,
  RefundReceipt,
  RequestPaymentReceipt,
  SaleReceipt,
  VoidReceipt,
} from './receipt'
import { receiptDocument } from './receipt-document'
import type { InvoiceApi } from '../sales/invoice-api'
import { receiptSvg, receiptText } from './render-receipt'

export interface ReceiptServiceDeps {
  journal: Journal
  payments: PaymentRecordStore
  /** The voids and refunds, for their slips. */
  refunds: Pick<RefundLedger, 'get'>
  /** The invoice API the till charges through (legacy or Greenfield, see sales/invoice-api.ts). */
  client: () => Pick<InvoiceApi, 'getInvoice'>
  settings: SettingsStore
  printer: ReceiptPrinter
  log: Logger
  /** Where an automatic print's outcome goes (the cashier's screen). */
  onAutoPrint: (receipt: ReceiptRef, outcome: PrintOutcome) => void
  /** What is still due on a payment request, in its minor units (asked of BTCPay). */
  dueOnRequest?: (paymentRequestId: string) => Promise<number>
}

const paidOutcomes: readonly string[] = successPhases

export function createReceiptService(deps: ReceiptServiceDeps) {
  const { journal, payments, settings, log } = deps
  /** Payment details being fetched right now, per sale. */
  const capturing = new Map<string, Promise<boolean>>()

  function headerOf(at: number, copy: boolean, footer: string): ReceiptHeader {
    const s = settings.get()
    return {
      shopName: s.receipts.shopName,
      terminal: s.terminalLabel,
      at,
      footer,
      locale: s.receipts.locale,
      timeZone: null,
      copy,
    }
  }

  function receiptOf(saleId: string, copy: boolean): SaleReceipt {
    const sale = journal.get(saleId)
    if (!sale) throw notInJournal()
    const phase = salePhaseOf(sale)
    if (!paidOutcomes.includes(phase) || !sale.invoiceId)
      throw explained('bad-input', say('receipt.unpaid'), 'Only a paid sale has a receipt.')
    const record = payments.get(saleId)
    return {
      kind: 'sale',
      header: headerOf(sale.updatedAt, copy, settings.get().receipts.footer),
      orderId: sale.orderId,
      description: sale.description,
      items: (sale.cart?.lines ?? []).map((l) => ({
        title: l.title,
        quantity: l.quantity,
        amount: { minor: l.unitMinor * l.quantity, currency: sale.currency },
      })),
      tip: sale.cart?.tipMinor ? { minor: sale.cart.tipMinor, currency: sale.currency } : null,
      amount: { minor: sale.amountMinor, currency: sale.currency },
      outcome: phase as PaidOutcome,
      payments: record?.payments ?? [],
      invoiceId: sale.invoiceId,
      link: record?.link ?? sale.checkoutLink,
    }
  }

  /** The slip of a void BTCPay carried out, or of a refund BTCPay issued. */
  function slipOf({ saleId, refundId }: Required<ReceiptRef>, copy: boolean) {
    const entry = deps.refunds.get(refundId)
    const sale = journal.get(saleId)
    if (!entry || entry.saleId !== saleId || !sale)
      throw explained(
        'not-found',
        say('receipt.no-entry'),
        'That void or refund is not in this terminal’s records.',
      )
    const header = headerOf(entry.createdAt, copy, settings.get().receipts.footer)
    if (entry.kind === 'void') {
      if (!hasSlip(entry))
        throw explained(
          'bad-input',
          say('receipt.no-void-slip'),
          'Only a sale whose invoice BTCPay voided has a void slip.',
        )
      const slip: VoidReceipt = {
        kind: 'void',
        header,
        orderId: sale.orderId,
        description: sale.description,
        amount: { minor: sale.amountMinor, currency: sale.currency },
        invoiceId: sale.invoiceId,
      }
      return slip
    }
    if (!hasSlip(entry) || !entry.claimLink || !sale.invoiceId)
      throw explained(
        'bad-input',
        say('receipt.no-refund-slip'),
        'Only a refund BTCPay issued has a refund slip.',
      )
    const slip: RefundReceipt = {
      kind: 'refund',
      header,
      orderId: sale.orderId,
      invoiceId: sale.invoiceId,
      refunded: { minor: entry.fiatMinor, currency: entry.currency },
      payout:
        entry.amount !== null && entry.amountCurrency !== null
          ? { amount: entry.amount, currency: entry.amountCurrency }
          : null,
      claimLink: entry.claimLink,
    }
    return slip
  }

  /** Fetches how a paid sale was paid and keeps it, once; true when it is kept. */
  function capture(saleId: string): Promise<boolean> {
    if (payments.get(saleId)) return Promise.resolve(true)
    let pending = capturing.get(saleId)
    if (!pending) {
      pending = fetchPayments(saleId).finally(() => capturing.delete(saleId))
      capturing.set(saleId, pending)
    }
    return pending
  }

  async function fetchPayments(saleId: string): Promise<boolean> {
    const sale = journal.get(saleId)
    if (!sale?.invoiceId) return false
    const invoice = await deps.client().getInvoice(sale.invoiceId)
    await payments.put({
      saleId,
      createdAt: sale.createdAt,
      invoiceId: invoice.id,
      link: invoice.url,
      payments: paymentsOf(invoice),
    })
    return true
  }

  /**
   * The receipt with the payment details when they can be had: kept ones, or fetched now. Without
   * them (BTCPay unreachable) the receipt still prints, without the bitcoin lines.
   */
  async function completeReceipt(
    saleId: string,
    copy: boolean,
  ): Promise<SaleReceipt | RequestPaymentReceipt> {
    receiptOf(saleId, copy) // refuses an unknown or unpaid sale before asking BTCPay anything
    await capture(saleId).catch((err: unknown) =>
      log.warn('receipts.capture-failed', { saleId, err }),
    )
    const receipt = receiptOf(saleId, copy)
    const requestId = journal.get(saleId)?.paymentRequestId
    return requestId ? requestPaymentReceipt(receipt, requestId) : receipt
  }

  /** A counter payment of a payment request: what it paid and what the request still wants. */
  async function requestPaymentReceipt(
    r: SaleReceipt,
    requestId: string,
  ): Promise<RequestPaymentReceipt> {
    let dueMinor: number | null = null
    try {
      dueMinor = deps.dueOnRequest ? await deps.dueOnRequest(requestId) : null
    } catch (err) {
      log.warn('receipts.request-due-failed', { requestId, err })
    }
    return {
      kind: 'request-payment',
      header: r.header,
      requestId,
      title: r.description ?? requestId,
      paid: r.amount,
      remaining: dueMinor === null ? null : { minor: dueMinor, currency: r.amount.currency },
      payments: r.payments,
      invoiceId: r.invoiceId,
      link: r.link,
    }
  }

  const receiptFor = (ref: ReceiptRef, copy: boolean): Promise<Receipt> =>
    ref.refundId === undefined
      ? completeReceipt(ref.saleId, copy)
      : Promise.resolve(slipOf({ saleId: ref.saleId, refundId: ref.refundId }, copy))

  const print = async (ref: ReceiptRef, copy: boolean) =>
    deps.printer.print(await receiptFor(ref, copy))

  /** Slips printed by themselves in this run: a refund's later changes never print it again. */
  const autoPrintedSlips = new Set<string>()

  return {
    /** Called for every sale change: the first time a sale shows as paid, keep and print. */
    saleChanged(view: SaleView): void {
      if (!paidOutcomes.includes(view.phase)) return
      if (payments.get(view.id) || capturing.has(view.id)) return
      void capture(view.id)
        .then(async (kept) => {
          if (!kept || !settings.get().receipts.autoPrint) return
          const ref = { saleId: view.id }
          deps.onAutoPrint(ref, await print(ref, false))
        })
        .catch((err: unknown) => log.warn('receipts.capture-failed', { saleId: view.id, err }))
    },

    /** Called for every void and refund change: a void BTCPay carried out, a refund it issued. */
    refundChanged(view: RefundView): void {
      const done = view.kind === 'void' ? view.state === 'voided' : view.state === 'issued'
      if (!done || !settings.get().receipts.autoPrint || autoPrintedSlips.has(view.id)) return
      autoPrintedSlips.add(view.id)
      const ref = { saleId: view.saleId, refundId: view.id }
      void print(ref, false)
        .then((outcome) => deps.onAutoPrint(ref, outcome))
        .catch((err: unknown) => log.warn('receipts.slip-failed', { refundId: view.id, err }))
    },

    async preview(ref: ReceiptRef) {
      const width = settings.get().receipts.paperWidth
      const doc = receiptDocument(await receiptFor(ref, false), width)
      return { text: receiptText(doc, width), svg: receiptSvg(doc, width) }
    },

    /** First print, or a retry after "not printed". */
    print: (ref: ReceiptRef) => print(ref, false),
    /** A copy of a receipt or slip printed before ("Reprint" in History). */
    reprint: (ref: ReceiptRef) => print(ref, true),

    /** An X-report (shift still open) or Z-report on paper, as made at `at`; no customer footer. */
    printReport: ({ shift, report }: { shift: Shift | null; report: Report }, at: number) =>
      deps.printer.print({
        kind: 'shift-report',
        header: headerOf(at, false, ''),
        title: shift !== null && shift.closedAt === null ? 'X-REPORT' : 'Z-REPORT',
        shiftCashier: shift?.cashier ?? null,
        from: report.from,
        to: report.to,
        rows: report.rows,
      }),
  }
}
export type ReceiptService = ReturnType<typeof createReceiptService>
