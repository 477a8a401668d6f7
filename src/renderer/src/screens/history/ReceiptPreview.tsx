import { useEffect, useState } from 'react'
import type { ReceiptRef } from '../../../../shared/receipts'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useTranslation } from '../../i18n'
import { printProblemWords } from '../../sales/print-problems'
import { useSalesStore } from '../../stores/bound-stores'
import { failText } from '../../i18n/fail-words'

/**
 * A paid sale's receipt, or a void's or refund's slip, as the printer gets it, with Reprint;
 * stays until the cashier goes back.
 */
export function ReceiptPreview({ receipt, onBack }: { receipt: ReceiptRef; onBack: () => void }) {
  const { t } = useTranslation()
  const previewReceipt = useSalesStore((s) => s.previewReceipt)
  const reprintReceipt = useSalesStore((s) => s.reprintReceipt)
  const [text, setText] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let current = true
    void previewReceipt(receipt).then((r) => {
      if (!current) return
      if (r.ok) setText(r.data.text)
      else setOutcome({ ok: false, text: failText(r) })
    })
    return () => {
      current = false
    }
  }, [previewReceipt, receipt])

  const reprint = async () => {
    setBusy(true)
    setOutcome(null)
    const r = await reprintReceipt(receipt)
    setBusy(false)
    if (!r.ok) setOutcome({ ok: false, text: t('receipt.notPrinted', { problem: failText(r) }) })
    else if (r.data.printed) setOutcome({ ok: true, text: t('receipt.printed') })
    else {
      const problem = t(printProblemWords[r.data.problem])
      setOutcome({ ok: false, text: t('receipt.notPrinted', { problem }) })
    }
  }

  return (
    <section className="panel receipt-preview" aria-labelledby="receipt-title">
      <h1 id="receipt-title">{t('receipt.title')}</h1>
      {text === null ? (
        !outcome && <p className="message">{t('common.loading')}</p>
      ) : (
        <pre className="receipt-text" data-testid="receipt-text">
          {text}
        </pre>
      )}
      <FormResult result={outcome} testId="reprint-result" />
      <div className="row">
        <button className="big secondary" data-testid="receipt-back" onClick={onBack}>
          {t('receipt.back')}
        </button>
        <button
          className="big primary"
          disabled={busy}
          data-testid="reprint"
          onClick={() => void reprint()}
        >
          {busy ? t('receipt.printing') : t('receipt.reprint')}
        </button>
      </div>
    </section>
  )
}
