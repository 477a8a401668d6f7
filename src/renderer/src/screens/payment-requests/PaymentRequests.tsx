import { useEffect } from 'react'
import { formatMinor } from '../../../../shared/money'
import { paymentRequestStatuses } from '../../../../shared/payment-request'
import { useLocale, useTranslation } from '../../i18n'
import { useAppStore, usePaymentRequestsStore } from '../../stores/bound-stores'
import { RequestDetail } from './RequestDetail'
import { RequestForm } from './RequestForm'
import { statusWords } from './status-words'

/** The Requests tab: BTCPay's payment requests of the store, one page at a time. */
export function PaymentRequests() {
  const page = usePaymentRequestsStore((s) => s.page)
  if (page.kind === 'new') return <RequestForm fresh={page} />
  if (page.kind === 'edit') return <RequestForm editing={page.request} />
  if (page.kind === 'detail') return <RequestDetail id={page.id} />
  return <RequestList />
}

function RequestList() {
  const { filter, requests, loading, error } = usePaymentRequestsStore()
  const setFilter = usePaymentRequestsStore((s) => s.setFilter)
  const list = usePaymentRequestsStore((s) => s.listPaymentRequests)
  const show = usePaymentRequestsStore((s) => s.show)
  const billLater = usePaymentRequestsStore((s) => s.billLater)
  const settings = useAppStore((s) => s.settings)
  const { t } = useTranslation()
  const locale = useLocale()

  useEffect(() => {
    void list()
  }, [list])

  return (
    <section
      className="panel requests"
      data-testid="requests-screen"
      aria-label={t('requests.title')}
    >
      <div className="requests-head">
        <h1>{t('requests.title')}</h1>
        <button
          className="big"
          data-testid="new-request"
          disabled={!settings}
          onClick={() => settings && billLater('', '', settings)}
        >
          {t('requests.new')}
        </button>
      </div>
      <div className="requests-filters" role="group" aria-label={t('requests.filter')}>
        <button
          className={filter.status === null ? 'tab active' : 'tab'}
          aria-pressed={filter.status === null}
          onClick={() => setFilter({ status: null })}
        >
          {t('requests.all')}
        </button>
        {paymentRequestStatuses
          .filter((s) => s !== 'Processing')
          .map((status) => (
            <button
              key={status}
              className={filter.status === status ? 'tab active' : 'tab'}
              aria-pressed={filter.status === status}
              onClick={() => setFilter({ status })}
            >
              {t(statusWords[status])}
            </button>
          ))}
        <label className="inline">
          <input
            type="checkbox"
            checked={filter.includeArchived}
            data-testid="show-archived"
            onChange={(e) => setFilter({ includeArchived: e.target.checked })}
          />
          {t('requests.showArchived')}
        </label>
        <input
          type="search"
          placeholder={t('requests.search')}
          aria-label={t('requests.searchLabel')}
          data-testid="request-search"
          value={filter.search}
          onChange={(e) => setFilter({ search: e.target.value })}
        />
      </div>
      {error && (
        <p className="message error" role="alert" data-testid="requests-error">
          {error}
        </p>
      )}
      {!error && !loading && requests.length === 0 && (
        <p data-testid="requests-empty">{t('requests.empty')}</p>
      )}
      <ul className="request-list">
        {requests.map((r) => (
          <li key={r.id}>
            <button
              className="request-row"
              data-testid="request-row"
              onClick={() => show({ kind: 'detail', id: r.id })}
            >
              <span className="request-title">{r.title}</span>
              <span className="request-amount">
                {formatMinor(r.amountMinor, r.currency, locale)}
              </span>
              <span className={`request-status status-${r.status.toLowerCase()}`}>
                {r.archived ? t('requests.archived') : t(statusWords[r.status])}
              </span>
              {r.referenceId && <span className="request-ref">{r.referenceId}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
