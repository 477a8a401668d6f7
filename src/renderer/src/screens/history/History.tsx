import { useEffect, useState } from 'react'
import { useLocale, useTranslation } from '../../i18n'
import { dayRange } from '../../sales/day-range'
import type { ReceiptRef } from '../../../../shared/receipts'
import type { SaleView } from '../../../../shared/sale'
import { useAppStore, useRefundsStore, useSalesStore } from '../../stores/bound-stores'
import { RefundPanel } from '../refunds/RefundPanel'
import { CsvExport } from './CsvExport'
import { ReceiptPreview } from './ReceiptPreview'
import { SalesList } from './SalesList'
import { SalesSearch } from './SalesSearch'
import { TotalsPanel } from './TotalsPanel'

function DayTitle({ offset, from }: { offset: number; from: number }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (offset === 0) return t('history.today')
  if (offset === -1) return t('history.yesterday')
  return new Date(from).toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
}

/**
 * One local day of sales at a time, newest first, with that day's totals, a search and a CSV
 * export.
 */
export function History() {
  const { t } = useTranslation()
  const [offset, setOffset] = useState(0)
  const [search, setSearch] = useState('')
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
    void showRange(dayRange(today, offset), search)
    void listRefunds(dayRange(today, offset))
  }, [showRange, listRefunds, today, offset, search])

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
          {t('history.previousDay')}
        </button>
        <h1 id="history-title" data-testid="history-day">
          <DayTitle offset={offset} from={range.from} />
        </h1>
        <button
          className="secondary"
          data-testid="next-day"
          disabled={offset >= 0}
          onClick={() => setOffset((o) => Math.min(0, o + 1))}
        >
          {t('history.nextDay')}
        </button>
      </div>
      <TotalsPanel totals={history.totals} unknownSales={history.unknownSales} />
      <SalesSearch search={search} onSearch={setSearch} />
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
          {t('history.loading')}
        </p>
      ) : history.sales.length === 0 && !history.error ? (
        <p className="message" data-testid="history-empty">
          {search ? t('history.noMatch', { search }) : t('history.empty')}
        </p>
      ) : null}
      {history.hasMore && !history.loading && (
        <button className="big secondary" data-testid="load-more" onClick={() => void loadMore()}>
          {t('history.loadMore')}
        </button>
      )}
      <CsvExport />
    </section>
  )
}
