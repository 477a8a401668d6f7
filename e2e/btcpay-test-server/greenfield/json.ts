// Greenfield JSON: InvoiceData, InvoicePaymentMethodDataModel and PaymentRequestData as BTCPay 2.x
// serializes them (decimals as strings for invoices, unix seconds for times).
import { RawNumber } from '../core/http'
import type { Invoice } from '../core/invoices'
import { markableStatuses, paidMinor } from '../core/invoices'
import { divisibilityOf, formatUnits, newtonsoftDecimal } from '../core/money'
import { accounting, btc, paymentLink } from '../core/payment-links'
import type { PaymentRequest } from '../core/payment-requests'

const seconds = (ms: number): number => Math.floor(ms / 1000)

export function invoiceData(
  inv: Invoice,
  base: string,
  includePaymentMethods = false,
): Record<string, unknown> {
  const div = divisibilityOf(inv.currency) ?? 2
  const data: Record<string, unknown> = {
    type: inv.type,
    currency: inv.currency,
    metadata: inv.metadata,
    checkout: {
      speedPolicy: inv.checkout.speedPolicy,
      paymentMethods: inv.prompts.map((p) => p.method),
      defaultPaymentMethod: inv.checkout.defaultPaymentMethod,
      expirationMinutes: Math.round((inv.expiresAt - inv.createdAt) / 60_000),
      monitoringMinutes: Math.round((inv.monitoringExpiresAt - inv.expiresAt) / 60_000),
      paymentTolerance: inv.checkout.paymentTolerance,
      redirectURL: inv.checkout.redirectURL,
      redirectAutomatically: inv.checkout.redirectAutomatically,
      defaultLanguage: inv.checkout.defaultLanguage,
      lazyPaymentMethods: null,
    },
    receipt: {
      enabled: inv.receipt.enabled ?? true,
      showQR: inv.receipt.showQR ?? true,
      showPayments: inv.receipt.showPayments ?? true,
    },
    id: inv.id,
    storeId: inv.storeId,
    amount: inv.price ?? '0',
    paidAmount: formatUnits(paidMinor(inv), div),
    checkoutLink: `${base}/i/${inv.id}`,
    status: inv.status,
    additionalStatus: inv.exceptionStatus,
    monitoringExpiration: seconds(inv.monitoringExpiresAt),
    expirationTime: seconds(inv.expiresAt),
    createdTime: seconds(inv.createdAt),
    availableStatusesForManualMarking: markableStatuses(inv),
    archived: inv.archived,
  }
  if (includePaymentMethods) data['paymentMethods'] = paymentMethods(inv)
  return data
}

export function paymentMethods(inv: Invoice): Record<string, unknown>[] {
  return inv.prompts.map((prompt) => {
    const acc = accounting(inv, prompt)
    return {
      paymentMethodId: prompt.method,
      currency: 'BTC',
      destination: prompt.destination,
      paymentLink: paymentLink(inv, prompt),
      rate: inv.rate.decimal,
      paymentMethodPaid: btc(acc.paidHere),
      totalPaid: btc(acc.paid),
      due: btc(acc.due),
      amount: btc(acc.totalDue),
      paymentMethodFee: btc(acc.networkFee),
      payments: inv.payments
        .filter((p) => p.method === prompt.method)
        .map((p) => ({
          id: p.id,
          receivedDate: seconds(p.receivedAt),
          value: btc(p.sats),
          fee: '0',
          status: p.status,
          destination: p.destination,
        })),
      activated: true,
      additionalData:
        prompt.method === 'BTC-CHAIN'
          ? {
              keyPath: '0/0',
              payjoinEnabled: false,
              recommendedFeeRate: '1',
              paymentMethodFeeRate: '0',
            }
          : {},
    }
  })
}

// --- payment requests ---------------------------------------------------------------------------

/** PaymentRequestData; `pr` must have had its status refreshed (ServerState.paymentRequest). */
export function paymentRequestData(pr: PaymentRequest): Record<string, unknown> {
  return {
    storeId: pr.storeId,
    // BTCPay declares ItemConverterType (not a converter) on Amount: it goes out as a JSON number.
    amount: new RawNumber(newtonsoftDecimal(pr.amount)),
    currency: pr.currency,
    expiryDate: pr.expiryDate,
    title: pr.title,
    description: pr.description,
    email: pr.email,
    referenceId: pr.referenceId,
    allowCustomPaymentAmounts: pr.allowCustomPaymentAmounts,
    status: pr.status,
    createdTime: seconds(pr.createdAt),
    id: pr.id,
    archived: pr.archived,
    formId: pr.formId,
    formResponse: pr.formResponse,
  }
}
