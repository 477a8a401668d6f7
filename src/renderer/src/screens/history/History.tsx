import { useEffect, useState } from 'react'
import { dayRange } from '../../sales/day-range'
import type { ReceiptRef } from '../../../../shared/receipts'
import type { SaleView } from '../../../../shared/sale'
import { useAppStore, useRefundsStore, useSalesStore } from '../../stores/bound-stores'
import { RefundPanel } from '../refunds/RefundPanel'
import { CsvExport } from './CsvExport'
import { ReceiptPreview } from './ReceiptPreview'
import { SalesList } from './SalesList'
import { TotalsPanel } from './TotalsPanel'

function dayTitle(offset: number, from: number): string {
  if (offset === 0) return 'Today'
  if (offset === -1) return 'Yesterday'
  return new Date(from).toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
}

/** One local day of sales at a time, newest first, with that day's totals and a CSV export. */
export function History() {
  const [offset, setOffset] = useState(0)
  const history = useSalesStore((s) => s.history)
  const showRange = useSalesStore((s) => s.showRange)
  const loadMore = useSalesStore((s) => s.loadMore)
  const openSale = useSalesStore((s) => s.openSale)
  const openError = useSalesStore((s) => s.error)
  const clearError = useSalesStore((s) => s.clearError)
  const go = useAppStore((s) => s.go)
  const refunds = useRefundsStore((s) => s.bySale)
  const listRefunds = useRefundsStore((s) => s.listRefunds)
  const refreshTotals = useSalesStore((s) => s.refreshTotals)
  const [refunding, setRefunding] = useState<SaleView | null>(null)
  const [today] = useState(() => Date.now())
  const [receiptOf, setReceiptOf] = useState<ReceiptRef | null>(null)
  const range = dayRange(today, offset)

  // A charge failure from the keypad is not news here.
  useEffect(() => clearError(), [clearError])

  useEffect(() => {
    void showRange(dayRange(today, offset))
    void listRefunds(dayRange(today, offset))
  }, [showRange, listRefunds, today, offset])

  if (refunding) {
    const close = () => {
      setRefunding(null)
      void refreshTotals()
    }
    return <RefundPanel sale={refunding} onClose={close} />
  }

  const reopen = async (saleId: string) => {
    if (await openSale(saleId)) go('home')
  }

  if (receiptOf) return <ReceiptPreview receipt={receiptOf} onBack={() => setReceiptOf(null)} />

  return (
    <section className="panel history" aria-labelledby="history-title">
      <div className="row spread day-nav">
        <button
          className="secondary"
          data-testid="previous-day"
          onClick={() => setOffset((o) => o - 1)}
        >
          ‹ Previous day
        </button>
        <h1 id="history-title" data-testid="history-day">
          {dayTitle(offset, range.from)}
        </h1>
        <button
          className="secondary"
          data-testid="next-day"
          disabled={offset >= 0}
          onClick={() => setOffset((o) => Math.min(0, o + 1))}
        >
          Next day ›
        </button>
      </div>
      <TotalsPanel totals={history.totals} unknownSales={history.unknownSales} />
      {(history.error ?? openError) && (
        <p className="message error" role="alert" data-testid="history-error">
          {history.error ?? openError}
        </p>
      )}
      <SalesList
        sales={history.sales}
        refunds={refunds}
        onOpen={(id) => void reopen(id)}
        onReceipt={setReceiptOf}
        onRefund={setRefunding}
      />
      {history.loading ? (
        <p className="message" role="status">
          Loading…
        </p>
      ) : history.sales.length === 0 && !history.error ? (
        <p className="message" data-testid="history-empty">
          No sales on this day.
        </p>
      ) : null}
      {history.hasMore && !history.loading && (
        <button className="big secondary" data-testid="load-more" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
      <CsvExport />
    </section>
  )
}
