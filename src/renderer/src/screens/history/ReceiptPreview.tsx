import { useEffect, useState } from 'react'
import type { ReceiptRef } from '../../../../shared/receipts'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useSalesStore } from '../../stores/bound-stores'

/**
 * A paid sale's receipt, or a void's or refund's slip, as the printer gets it, with Reprint;
 * stays until the cashier goes back.
 */
export function ReceiptPreview({ receipt, onBack }: { receipt: ReceiptRef; onBack: () => void }) {
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
      else setOutcome({ ok: false, text: r.message })
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
    if (!r.ok) setOutcome({ ok: false, text: `Receipt not printed: ${r.message}` })
    else if (r.data.printed) setOutcome({ ok: true, text: 'Receipt printed' })
    else setOutcome({ ok: false, text: r.data.message })
  }

  return (
    <section className="panel receipt-preview" aria-labelledby="receipt-title">
      <h1 id="receipt-title">Receipt</h1>
      {text === null ? (
        !outcome && <p className="message">Loading…</p>
      ) : (
        <pre className="receipt-text" data-testid="receipt-text">
          {text}
        </pre>
      )}
      <FormResult result={outcome} testId="reprint-result" />
      <div className="row">
        <button className="big secondary" data-testid="receipt-back" onClick={onBack}>
          ‹ Back to the day
        </button>
        <button
          className="big primary"
          disabled={busy}
          data-testid="reprint"
          onClick={() => void reprint()}
        >
          {busy ? 'Printing…' : 'Reprint'}
        </button>
      </div>
    </section>
  )
}
