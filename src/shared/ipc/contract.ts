import { z } from 'zod'
import {
  barcodeInputSchema,
  catalogAppInputSchema,
  catalogViewSchema,
  parkCartInputSchema,
  parkedCartListSchema,
  parkedCartRefSchema,
  parkedCartSchema,
  posAppListSchema,
} from '../catalog'
import { apiKeyInputSchema, apiKeyServerSchema, apiKeyViewSchema, storeIdSchema } from '../api-key'
import {
  chargeInputSchema,
  exportResultSchema,
  journalProblemsSchema,
  listInputSchema,
  rangeSchema,
  saleRefSchema,
  saleViewSchema,
  totalsSchema,
} from '../sale'
import {
  refundInputSchema,
  refundOptionsSchema,
  refundViewSchema,
  saleRefundsSchema,
} from '../refund'
import {
  paymentRequestDetailSchema,
  paymentRequestFieldsSchema,
  paymentRequestListInputSchema,
  paymentRequestListSchema,
  paymentRequestPaySchema,
  paymentRequestRefSchema,
  paymentRequestUpdateSchema,
  paymentRequestViewSchema,
} from '../payment-request'
import { customerViewSchema, paymentMethodSchema } from '../customer-view'
import { tipChosenSchema, tipQuestionRefSchema, tipQuestionSchema } from '../customer-tip'
import {
  printOutcomeSchema,
  receiptPreviewSchema,
  receiptPrintedSchema,
  receiptRefSchema,
} from '../receipts'
import { settingsPatchSchema, settingsSchema } from '../settings'
import { openShiftInputSchema, reportPeriodSchema, shiftReportSchema, shiftSchema } from '../shifts'
import { demoActions } from '../demo'
import {
  connectionTestSchema,
  managerPinSchema,
  pairingCodeSchema,
  serverUrlInputSchema,
  terminalLabelSchema,
  terminalStateSchema,
} from '../terminal-state'

/**
 * The whole IPC surface. Every request channel and every event is listed here with its runtime
 * schema; main validates inputs and outputs against these, the preload and the browser host expose
 * exactly one `window.pos` function per entry.
 */

const noInput = z.undefined()

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  dataDir: z.string(),
  startedAt: z.number(),
  /** Running against the BTCPay test server with simulated customers (`npm run demo`). */
  demo: z.boolean(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const requests = {
  'app:get-info': { method: 'getAppInfo', input: noInput, output: appInfoSchema },
  'settings:get': { method: 'getSettings', input: noInput, output: settingsSchema },
  'settings:update': {
    method: 'updateSettings',
    input: settingsPatchSchema,
    output: settingsSchema,
  },
  'terminal:get-state': { method: 'getTerminalState', input: noInput, output: terminalStateSchema },
  'terminal:retry-keychain': {
    method: 'retryKeychain',
    input: noInput,
    output: terminalStateSchema,
  },
  'pairing:with-code': {
    method: 'pairWithCode',
    input: z.strictObject({
      serverUrl: serverUrlInputSchema,
      pairingCode: pairingCodeSchema,
      label: terminalLabelSchema.optional(),
    }),
    output: terminalStateSchema,
  },
  'pairing:request-code': {
    method: 'requestPairingCode',
    input: z.strictObject({
      serverUrl: serverUrlInputSchema,
      label: terminalLabelSchema.optional(),
    }),
    output: terminalStateSchema,
  },
  'pairing:with-public-key': {
    method: 'pairWithPublicKey',
    input: z.strictObject({ serverUrl: serverUrlInputSchema }),
    output: terminalStateSchema,
  },
  'pairing:cancel': { method: 'cancelPairing', input: noInput, output: terminalStateSchema },
  'pairing:test-connection': {
    method: 'testConnection',
    input: noInput,
    output: connectionTestSchema,
  },
  'pairing:unpair': { method: 'unpair', input: noInput, output: terminalStateSchema },
  'pairing:rotate-key': { method: 'rotateKey', input: noInput, output: terminalStateSchema },
  'manager:unlock': {
    method: 'unlockManager',
    input: z.strictObject({ pin: z.string().max(64) }),
    output: terminalStateSchema,
  },
  'manager:lock': { method: 'lockManager', input: noInput, output: terminalStateSchema },
  'manager:set-pin': {
    method: 'setManagerPin',
    /** `currentPin`: needed to change or remove a PIN that is set. */
    input: z.strictObject({
      pin: managerPinSchema.nullable(),
      currentPin: z.string().max(64).optional(),
    }),
    output: terminalStateSchema,
  },
  'api-key:get': { method: 'getApiKey', input: noInput, output: apiKeyViewSchema },
  'api-key:authorize': {
    method: 'authorizeApiKey',
    input: apiKeyServerSchema,
    output: apiKeyViewSchema,
  },
  'api-key:paste': {
    method: 'pasteApiKey',
    input: apiKeyServerSchema.extend({ apiKey: apiKeyInputSchema }),
    output: apiKeyViewSchema,
  },
  'api-key:choose-store': {
    method: 'chooseApiKeyStore',
    input: z.strictObject({ storeId: storeIdSchema }),
    output: apiKeyViewSchema,
  },
  'api-key:cancel': { method: 'cancelApiKey', input: noInput, output: apiKeyViewSchema },
  'api-key:remove': { method: 'removeApiKey', input: noInput, output: apiKeyViewSchema },
  'sales:charge': { method: 'charge', input: chargeInputSchema, output: saleViewSchema },
  'sales:open': { method: 'openSale', input: saleRefSchema, output: saleViewSchema },
  'sales:cancel': { method: 'cancelSale', input: saleRefSchema, output: saleViewSchema },
  'sales:list': {
    method: 'listSales',
    input: listInputSchema,
    output: z.strictObject({ sales: z.array(saleViewSchema) }),
  },
  'sales:totals': { method: 'salesTotals', input: rangeSchema, output: totalsSchema },
  'sales:export-csv': { method: 'exportSalesCsv', input: rangeSchema, output: exportResultSchema },
  'refunds:of-sale': { method: 'refundsOfSale', input: saleRefSchema, output: saleRefundsSchema },
  'refunds:list': { method: 'listRefunds', input: rangeSchema, output: saleRefundsSchema },
  'refunds:preview': { method: 'previewRefund', input: saleRefSchema, output: refundOptionsSchema },
  'refunds:issue': { method: 'refundSale', input: refundInputSchema, output: refundViewSchema },
  'demo:claim-refund': {
    method: 'simulateRefundClaim',
    input: z.strictObject({ refundId: z.string().min(1).max(64) }),
    output: z.strictObject({ done: z.literal(true) }),
  },
  'sales:journal-problems': {
    method: 'journalProblems',
    input: noInput,
    output: journalProblemsSchema,
  },
  'catalog:get': { method: 'getCatalog', input: noInput, output: catalogViewSchema },
  'catalog:refresh': { method: 'refreshCatalog', input: noInput, output: catalogViewSchema },
  'catalog:list-apps': { method: 'listPosApps', input: noInput, output: posAppListSchema },
  'catalog:choose-app': {
    method: 'chooseCatalogApp',
    input: catalogAppInputSchema,
    output: catalogViewSchema,
  },
  'catalog:set-barcode': {
    method: 'setItemBarcode',
    input: barcodeInputSchema,
    output: catalogViewSchema,
  },
  'carts:list': { method: 'listParkedCarts', input: noInput, output: parkedCartListSchema },
  'carts:park': { method: 'parkCart', input: parkCartInputSchema, output: parkedCartListSchema },
  'carts:resume': { method: 'resumeCart', input: parkedCartRefSchema, output: parkedCartSchema },
  'payment-requests:list': {
    method: 'listPaymentRequests',
    input: paymentRequestListInputSchema,
    output: paymentRequestListSchema,
  },
  'payment-requests:get': {
    method: 'getPaymentRequest',
    input: paymentRequestRefSchema,
    output: paymentRequestDetailSchema,
  },
  'payment-requests:create': {
    method: 'createPaymentRequest',
    input: paymentRequestFieldsSchema,
    output: paymentRequestViewSchema,
  },
  'payment-requests:update': {
    method: 'updatePaymentRequest',
    input: paymentRequestUpdateSchema,
    output: paymentRequestViewSchema,
  },
  'payment-requests:archive': {
    method: 'archivePaymentRequest',
    input: paymentRequestRefSchema,
    output: paymentRequestViewSchema,
  },
  'payment-requests:pay': {
    method: 'payPaymentRequest',
    input: paymentRequestPaySchema,
    output: saleViewSchema,
  },
  'till:focus-sale': {
    method: 'focusSale',
    input: z.strictObject({ saleId: saleRefSchema.shape.saleId.nullable() }),
    output: z.strictObject({ done: z.literal(true) }),
  },
  'till:show-payment-method': {
    method: 'showPaymentMethod',
    input: z.strictObject({ saleId: saleRefSchema.shape.saleId, method: paymentMethodSchema }),
    output: z.strictObject({ done: z.literal(true) }),
  },
  'till:focused-sale': {
    method: 'focusedSale',
    input: noInput,
    // The QR code the cashier picked comes back too (null: the preferred one), so a reloaded
    // page shows the same code as the customer display.
    output: z
      .strictObject({ sale: saleViewSchema, method: paymentMethodSchema.nullable() })
      .nullable(),
  },
  /** Puts the cart's tip question on the customer display; null: no display, the till asks. */
  'tip:ask': {
    method: 'askCustomerTip',
    input: parkCartInputSchema,
    output: tipQuestionSchema.nullable(),
  },
  /** The cashier answered for the customer or went back: the display drops the question. */
  'tip:close': {
    method: 'closeCustomerTip',
    input: tipQuestionRefSchema,
    output: z.strictObject({ done: z.literal(true) }),
  },
  'app:quit': {
    method: 'quitApp',
    input: noInput,
    output: z.strictObject({ done: z.literal(true) }),
  },
  'receipts:preview': {
    method: 'previewReceipt',
    input: receiptRefSchema,
    output: receiptPreviewSchema,
  },
  'receipts:print': { method: 'printReceipt', input: receiptRefSchema, output: printOutcomeSchema },
  'receipts:reprint': {
    method: 'reprintReceipt',
    input: receiptRefSchema,
    output: printOutcomeSchema,
  },
  'shifts:current': { method: 'currentShift', input: noInput, output: shiftSchema.nullable() },
  'shifts:open': { method: 'openShift', input: openShiftInputSchema, output: shiftSchema },
  'shifts:close': { method: 'closeShift', input: noInput, output: shiftReportSchema },
  'shifts:report': { method: 'shiftReport', input: reportPeriodSchema, output: shiftReportSchema },
  'shifts:print-report': {
    method: 'printShiftReport',
    input: reportPeriodSchema,
    output: printOutcomeSchema,
  },
  'shifts:export-csv': {
    method: 'exportShiftReportCsv',
    input: reportPeriodSchema,
    output: z.strictObject({ path: z.string() }),
  },
  'demo:simulate-request-payment': {
    method: 'simulateRequestPayment',
    input: paymentRequestPaySchema,
    output: z.strictObject({ done: z.literal(true) }),
  },
  'demo:simulate': {
    method: 'simulateCustomer',
    input: z.strictObject({
      invoiceId: z.string().min(1).max(64),
      action: z.enum(demoActions),
    }),
    output: z.strictObject({ done: z.literal(true) }),
  },
} as const

export const events = {
  'settings:changed': { method: 'onSettingsChanged', data: settingsSchema },
  'terminal:changed': { method: 'onTerminalChanged', data: terminalStateSchema },
  'sale:changed': { method: 'onSaleChanged', data: saleViewSchema },
  'api-key:changed': { method: 'onApiKeyChanged', data: apiKeyViewSchema },
  'refund:changed': { method: 'onRefundChanged', data: refundViewSchema },
  'catalog:changed': { method: 'onCatalogChanged', data: catalogViewSchema },
  'carts:changed': { method: 'onParkedCartsChanged', data: parkedCartListSchema },
  /** The only channel the customer display's window has. */
  'customer:view': { method: 'onCustomerView', data: customerViewSchema },
  'receipt:printed': { method: 'onReceiptPrinted', data: receiptPrintedSchema },
  /** The customer answered the tip question on their display. */
  'tip:chosen': { method: 'onCustomerTipChosen', data: tipChosenSchema },
} as const

export type RequestChannel = keyof typeof requests
export type EventChannel = keyof typeof events

export type RequestInput<C extends RequestChannel> = z.input<(typeof requests)[C]['input']>
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requests)[C]['output']>
export type EventData<E extends EventChannel> = z.output<(typeof events)[E]['data']>

/** What an event listener receives: `version` only grows, so a late push can be recognised and dropped. */
export type EventEnvelope<T> = { version: number; data: T }

export const eventEnvelopeSchema = <T extends z.ZodType>(data: T) =>
  z.strictObject({ version: z.int().nonnegative(), data })

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.hasOwn(requests, value)
}
