import { useEffect, useState } from 'react'
import { pos as api } from '../../bridge'
import { useTranslation } from '../../i18n'
import type { PrintOutcome } from '../../../../shared/receipts'

/**
 * The receipt of a paid sale on its outcome screen: "printed", or why not with a Retry, or a
 * Print button when the till does not print by itself. The sale never waits for the printer.
 */
export function ReceiptStatus({ saleId, autoPrint }: { saleId: string; autoPrint: boolean }) {
  const { t } = useTranslation()
  const [outcome, setOutcome] = useState<PrintOutcome | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(
    () =>
      api.onReceiptPrinted(({ data }) => {
        if (data.saleId === saleId) setOutcome(data.outcome)
      }),
    [saleId],
  )

  const print = async () => {
    setBusy(true)
    const result = await api.printReceipt({ saleId })
    setBusy(false)
    setOutcome(
      result.ok
        ? result.data
        : {
            printed: false,
            problem: 'failed',
            message: t('receipt.notPrinted', { problem: result.message }),
          },
    )
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
          {outcome.message}
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
