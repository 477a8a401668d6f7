import { useEffect, useState } from 'react'
import { pos as api } from '../../bridge'
import type { PrintOutcome } from '../../../../shared/receipts'
import { useTranslation } from '../../i18n'
import { printProblemWords } from '../../sales/print-problems'
import { useRefundsStore } from '../../stores/bound-stores'
import { failText } from '../../i18n/fail-words'

/**
 * The receipt of a paid sale on its outcome screen (or, with `refundId`, the slip of a void or
 * refund on its own): "printed", or why not with a Retry, or a Print button when the till does
 * not print by itself. The sale never waits for the printer.
 */
export function ReceiptStatus({
  saleId,
  refundId,
  autoPrint,
}: {
  saleId: string
  refundId?: string
  autoPrint: boolean
}) {
  const { t } = useTranslation()
  /** What main said of the last job, or the error of a request that did not reach the printer. */
  const [printed, setOutcome] = useState<PrintOutcome | { printed: false; error: string } | null>(
    null,
  )
  const slipPrinted = useRefundsStore((s) => (refundId ? s.slipPrints[refundId] : undefined))
  const outcome = printed ?? slipPrinted ?? null
  const [busy, setBusy] = useState(false)

  useEffect(
    () =>
      api.onReceiptPrinted(({ data }) => {
        if (data.saleId === saleId && data.refundId === (refundId ?? null)) setOutcome(data.outcome)
      }),
    [saleId, refundId],
  )

  const print = async () => {
    setBusy(true)
    const result = await api.printReceipt({ saleId, refundId })
    setBusy(false)
    setOutcome(result.ok ? result.data : { printed: false, error: failText(result) })
  }

  if (outcome?.printed) {
    return (
      <p className="message" role="status" data-testid="receipt-status">
        {t('receipt.printed')}
      </p>
    )
  }
  if (outcome) {
    return (
      <div className="row">
        <p className="message error" role="alert" data-testid="receipt-status">
          {t('receipt.notPrinted', {
            problem: 'error' in outcome ? outcome.error : t(printProblemWords[outcome.problem]),
          })}
        </p>
        <button
          className="big secondary"
          disabled={busy}
          data-testid="receipt-retry"
          onClick={() => void print()}
        >
          {busy ? t('receipt.printing') : t('receipt.retry')}
        </button>
      </div>
    )
  }
  if (autoPrint) {
    return (
      <p className="message" role="status" data-testid="receipt-status">
        {t('receipt.printingReceipt')}
      </p>
    )
  }
  return (
    <button
      className="big secondary"
      disabled={busy}
      data-testid="receipt-print"
      onClick={() => void print()}
    >
      {busy ? t('receipt.printing') : t('receipt.print')}
    </button>
  )
}
