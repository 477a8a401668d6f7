import type { TFunction } from 'i18next'
import type { Money, Sentence, SentenceParams } from '../../../shared/ipc/sentence'
import type { AmountRefusal } from '../../../shared/money'
import { formatMinor } from '../../../shared/money'
import { refusalWords } from '../keypad/refusal-words'
import { errorCodeSchema } from '../../../shared/ipc/result'
import { codeWords } from './code-words'
import type { TranslationKey } from '.'

/** What each field main may name is called on screen, as the subject of a sentence. */
const fieldNames: Record<string, TranslationKey> = {
  terminalLabel: 'field.terminalLabel',
  cashier: 'field.cashier',
  currency: 'field.currency',
  maxAmount: 'field.maxAmount',
  returnToKeypadSeconds: 'field.returnToKeypadSeconds',
  tipPercentages: 'field.tipPercentages',
  serverUrl: 'field.serverUrl',
  pairingCode: 'field.pairingCode',
  pin: 'field.pin',
  currentPin: 'field.currentPin',
  shopName: 'field.shopName',
  footer: 'field.footer',
  printer: 'field.printer',
  search: 'field.search',
  billLaterTitle: 'field.billLaterTitle',
  billLaterExpiryDays: 'field.billLaterExpiryDays',
}

/** Why a server address was refused (server-url.ts's codes). */
const urlProblemWords: Record<string, TranslationKey> = {
  empty: 'said.urlEmpty',
  invalid: 'said.urlInvalid',
  'unsupported-scheme': 'said.urlScheme',
  'insecure-http': 'said.urlInsecure',
  credentials: 'said.urlCredentials',
  query: 'said.urlQuery',
  fragment: 'said.urlFragment',
}

/** Why a void did not happen (refund-errors.ts's VoidProblem). */
const voidWhyWords: Record<string, TranslationKey> = {
  'no-api-key': 'said.voidNoApiKey',
  'no-permission': 'said.voidNoPermission',
  refused: 'said.voidRefused',
  unreachable: 'said.voidUnreachable',
}

const text = (params: SentenceParams | undefined, name: string): string => {
  const value = params?.[name]
  return typeof value === 'string' ? value : ''
}
const count = (params: SentenceParams | undefined, name: string): number => {
  const value = params?.[name]
  return typeof value === 'number' ? value : 0
}
const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && 'minor' in value

/** The refusal main sent as a sentence's values, read back into the shape the keypad words. */
function refusalOf(params: SentenceParams | undefined): AmountRefusal {
  const problem = text(params, 'problem')
  const currency = text(params, 'currency')
  switch (problem) {
    case 'empty':
    case 'negative':
    case 'notAnAmount':
    case 'tooLarge':
    case 'zero':
      return { problem }
    case 'decimals':
      return { problem, currency, digits: count(params, 'digits') }
    case 'overMax':
      return { problem, currency, maxMinor: count(params, 'maxMinor') }
    default:
      return { problem: 'notAnAmount' }
  }
}

/**
 * One of main's sentences in the screen's language: field names from the table above, money and
 * numbers through Intl in `locale`, BTCPay's own text as BTCPay wrote it.
 */
export function sentenceWords(sentence: Sentence, t: TFunction, locale: string): string {
  const p = sentence.params
  const key = fieldNames[text(p, 'field')]
  const field = key ? t(key) : t('field.unknown')
  const money = (name: string) => {
    const value = p?.[name]
    return isMoney(value) ? formatMinor(value.minor, value.currency, locale) : ''
  }
  const title = text(p, 'title') || t('cart.customAmount')
  const number = (name: string) => count(p, name).toLocaleString(locale)
  switch (sentence.id) {
    case 'failed':
      return t(codeWords[errorCodeSchema.safeParse(text(p, 'code')).data ?? 'internal'])
    case 'url.refused':
      return t(urlProblemWords[text(p, 'problem')] ?? 'failed.invalidServerUrl')
    case 'input.whole-number':
      return t('said.inputWholeNumber', { field })
    case 'input.missing':
      return t('said.inputMissing', { field })
    case 'input.empty':
      return t('said.inputEmpty', { field })
    case 'input.min-length':
      return t('said.inputMinLength', { field, count: count(p, 'count') })
    case 'input.at-least':
      return t('said.inputAtLeast', { field, value: number('value') })
    case 'input.max-length':
      return t('said.inputMaxLength', { field, count: count(p, 'count') })
    case 'input.at-most':
      return t('said.inputAtMost', { field, value: number('value') })
    case 'input.form':
      return t('said.inputForm', { field })
    case 'input.pairing-code-form':
      return t('said.pairingCodeForm')
    case 'input.pin-form':
      return t('said.pinForm')
    case 'input.unknown-fields':
      return t('said.unknownFields')
    case 'input.not-valid':
      return t('said.inputNotValid', { field })
    case 'input.unreadable':
      return t('said.unreadable')
    case 'amount.refused':
      return refusalWords(refusalOf(p), t, locale)
    case 'server.said':
      return t('said.serverSaid', { text: text(p, 'text') })
    case 'server.refused-fields':
      return t('said.serverRefusedFields', { text: text(p, 'text') })
    case 'server.missing-permission':
      return t('said.missingPermission', { permission: text(p, 'permission') })
    case 'server.too-large':
      return t('said.serverTooLarge')
    case 'server.api-key-refused':
      return t('said.apiKeyRefused')
    case 'server.api-key-forbidden':
      return t('said.apiKeyForbidden')
    case 'pairing.lost':
      return t('said.pairingLost')
    case 'pairing.not-approved':
      return t('said.pairingNotApproved')
    case 'pairing.cancelled':
      return t('said.pairingCancelled')
    case 'pairing.unpaired':
      return t('said.unpairedNewKey')
    case 'pairing.new-key':
      return t('said.newKey')
    case 'pairing.busy':
      return t('said.pairingBusy')
    case 'pairing.already-paired':
      return t('said.alreadyPaired')
    case 'pairing.not-paired':
      return t('said.notPaired')
    case 'manager.wait':
      return t('said.managerWait', { count: count(p, 'seconds') })
    case 'manager.wrong-pin':
      return t('said.wrongPin')
    case 'manager.pin-unreadable':
      return t('said.pinUnreadable')
    case 'manager.pin-needed':
      return t('said.pinNeeded')
    case 'manager.starting':
      return t('said.starting')
    case 'manager.pin-checking':
      return t('said.pinChecking')
    case 'manager.current-pin-first':
      return t('said.currentPinFirst')
    case 'sale.not-in-journal':
      return t('said.saleNotInJournal')
    case 'charge.needs-api-key':
      return t('said.chargeNeedsApiKey')
    case 'sale.charging':
      return t('said.charging')
    case 'sale.saved-check-history':
      return t('said.savedCheckHistory')
    case 'refund.no-such-sale':
      return t('said.noSuchSale')
    case 'refund.in-flight':
      return t('said.refundInFlight')
    case 'refund.may-exist':
      return t('said.refundMayExist')
    case 'refund.kind-not-offered':
      return t('said.refundKindNotOffered')
    case 'refund.keep-percent':
      return t('said.keepPercent')
    case 'refund.needs-api-key':
      return t('said.refundNeedsApiKey')
    case 'refund.failed-inside':
      return t('said.refundFailedInside')
    case 'refund.non-refundable':
      return t('said.nonRefundable')
    case 'refund.invoice-unknown':
      return t('said.invoiceUnknown')
    case 'refund.may-have-been-made':
      return t('said.mayHaveBeenMade')
    case 'refund.nothing-refunded':
      return t('said.nothingRefunded')
    case 'refund.no-invoice':
      return t('said.noInvoice')
    case 'refund.expired-unpaid':
      return t('said.expiredUnpaid')
    case 'refund.still-confirming':
      return t('said.stillConfirming')
    case 'refund.not-paid-yet':
      return t('said.notPaidYet')
    case 'refund.never-paid':
      return t('said.neverPaid')
    case 'refund.nothing-paid':
      return t('said.nothingPaid')
    case 'refund.scan-to-claim':
      return t('said.scanToClaim')
    case 'refund.scan-then-approve':
      return t('said.scanThenApprove')
    case 'refund.never-made':
      return t('said.neverMade')
    case 'refund.paid':
      return t('said.refundPaid')
    case 'refund.claimed-approve':
      return t('said.claimedApprove')
    case 'refund.claimed':
      return t('said.claimed')
    case 'void.started-paying':
      return t('said.startedPaying')
    case 'void.voided':
      return t('said.voided')
    case 'void.stays-payable':
      return t('said.staysPayable', {
        why: t(voidWhyWords[text(p, 'problem')] ?? 'said.voidUnreachable'),
      })
    case 'request.archived':
      return t('said.requestArchived')
    case 'request.already-paid':
      return t('said.requestAlreadyPaid')
    case 'request.expired':
      return t('said.requestExpired')
    case 'request.gone':
      return t('said.requestGone')
    case 'request.needs-api-key':
      return t('said.requestNeedsApiKey')
    case 'request.expiry-past':
      return t('said.expiryPast')
    case 'request.check-list':
      return t('said.requestCheckList', { reference: text(p, 'reference') })
    case 'catalog.needs-api-key':
      return t('said.catalogNeedsApiKey')
    case 'catalog.no-item':
      return t('said.noItem')
    case 'catalog.barcode-taken':
      return t('said.barcodeTaken')
    case 'request.whole-amount':
      return t('said.wholeAmount')
    case 'request.nothing-due':
      return t('said.nothingDue')
    case 'shift.still-open':
      return text(p, 'cashier')
        ? t('said.shiftStillOpen', { cashier: text(p, 'cashier') })
        : t('said.someShiftStillOpen')
    case 'shift.not-open':
      return t('said.shiftNotOpen')
    case 'shift.no-such':
      return t('said.noSuchShift')
    case 'shift.cashier-name':
      return t('said.cashierName')
    case 'shift.none-open':
      return t('said.noShiftOpen')
    case 'api-key.none-waiting':
      return t('said.noKeyWaiting')
    case 'api-key.wrong-store':
      return t('said.keyWrongStore')
    case 'receipt.unpaid':
      return t('said.receiptUnpaid')
    case 'receipt.no-entry':
      return t('said.receiptNoEntry')
    case 'receipt.no-void-slip':
      return t('said.noVoidSlip')
    case 'receipt.no-refund-slip':
      return t('said.noRefundSlip')
    case 'charge.key-may-not-charge':
      return t('said.keyMayNotCharge')
    case 'provisioning.unreadable':
      return t('said.provisioningUnreadable', { file: text(p, 'file') })
    case 'provisioning.invalid':
      return t('said.provisioningInvalid', { text: text(p, 'text') })
    case 'provisioning.already-paired':
      return t('said.provisioningAlreadyPaired', { url: text(p, 'url') })
    case 'provisioning.not-paired':
      return t('said.provisioningNotPaired')
    case 'provisioning.done':
      return t('said.provisioningDone', { label: text(p, 'label'), url: text(p, 'url') })
    case 'provisioning.key-refused':
      return t('said.provisioningKeyRefused')
    case 'cart.line-amount':
      return t('said.lineAmount', { title, refusal: refusalWords(refusalOf(p), t, locale) })
    case 'cart.item-gone':
      return t('said.itemGone')
    case 'cart.stock':
      return t('said.stock', { title, count: count(p, 'left') })
    case 'cart.below-minimum':
      return t('cart.belowMinimum', { title, amount: money('minimum') })
    case 'cart.total-zero':
      return t('said.totalZero')
    case 'cart.parked-limit':
      return t('said.parkedLimit', { count: count(p, 'max') })
    case 'cart.already-resumed':
      return t('said.alreadyResumed')
  }
}
