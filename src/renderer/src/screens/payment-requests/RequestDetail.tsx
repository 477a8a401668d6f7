import { useEffect, useState } from 'react'
import { formatMinor, minorDigits, minorToDecimal } from '../../../../shared/money'
import { QrCode } from '../../components/QrCode'
import { CopyButton } from '../../components/CopyButton'
import { useAppStore, usePaymentRequestsStore, useSalesStore } from '../../stores/bound-stores'
import { useLocale, useTranslation } from '../../i18n'
import { additionalStatusWords, invoiceStatusWords, statusWords } from './status-words'

/** Polling of an open request: soon after a change, then backing off to twice a minute. */
const FIRST_POLL_MS = 2_000
const MAX_POLL_MS = 30_000

/**
 * One payment request: its QR code for the customer's phone, what was asked, paid and is still
 * due, its invoices, and the cashier's actions. BTCPay's status is followed while it is open.
 */
export function RequestDetail({ id }: { id: string }) {
  const { detail, error, busy } = usePaymentRequestsStore()
  const get = usePaymentRequestsStore((s) => s.getPaymentRequest)
  const show = usePaymentRequestsStore((s) => s.show)
  const archive = usePaymentRequestsStore((s) => s.archivePaymentRequest)
  const pay = useSalesStore((s) => s.payPaymentRequest)
  const payError = useSalesStore((s) => s.error)
  const paying = useSalesStore((s) => s.busy)
  const clearPayError = useSalesStore((s) => s.clearError)
  // A sale of this request changing (paid at the counter) is a reason to look again at once.
  const saleVersion = useSalesStore((s) =>
    Object.values(s.known)
      .filter((k) => k.view.paymentRequestId === id)
      .reduce((n, k) => n + k.version, 0),
  )
  const go = useAppStore((s) => s.go)
  const demo = useAppStore((s) => s.info?.demo ?? false)
  const simulate = usePaymentRequestsStore((s) => s.simulateRequestPayment)
  const [part, setPart] = useState<string | null>(null)
  const [confirmArchive, setConfirmArchive] = useState(false)
  const { t } = useTranslation()
  const locale = useLocale()

  useEffect(() => clearPayError(), [clearPayError])

  const finished =
    detail?.request.id === id && (detail.request.status === 'Completed' || detail.request.archived)
  useEffect(() => {
    let delay = FIRST_POLL_MS
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const tick = async () => {
      await get(id)
      if (stopped || finished) return
      timer = setTimeout(() => void tick(), delay)
      delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5))
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [get, id, saleVersion, finished])

  if (!detail || detail.request.id !== id) {
    return (
      <section className="panel" data-testid="request-detail" aria-busy="true">
        {error ? (
          <p className="message error" role="alert" data-testid="request-error">
            {error}
          </p>
        ) : (
          <p>{t('requests.loading')}</p>
        )}
        <button className="big secondary" onClick={() => show({ kind: 'list' })}>
          {t('requests.backToList')}
        </button>
      </section>
    )
  }

  const { request, paidMinor, dueMinor, invoices } = detail
  const money = (minor: number) => formatMinor(minor, request.currency, locale)
  const additionalStatusOf = (status: string) => {
    const key = additionalStatusWords[status]
    return key ? ` (${t(key)})` : ''
  }
  const payable = !request.archived && request.status === 'Pending' && dueMinor > 0

  const takePayment = async (amount?: string) => {
    const ok = await pay({ paymentRequestId: id, ...(amount ? { amount } : {}) })
    if (ok) go('home') // the till's checkout screen, as for a sale
  }

  return (
    <section
      className="panel request-detail"
      data-testid="request-detail"
      aria-label={request.title}
    >
      <div className="request-qr">
        <QrCode text={request.publicUrl} size={320} label={t('requests.qrLabel')} />
        <p className="hint">{t('requests.qrHint')}</p>
        <p className="link-text">
          <span data-testid="request-link">{request.publicUrl}</span>
          <CopyButton text={request.publicUrl} label={t('requests.copyLink')} />
        </p>
      </div>
      <div className="request-facts">
        <h1 data-testid="request-heading">{request.title}</h1>
        <p
          className={`request-status big-status status-${request.status.toLowerCase()}`}
          data-testid="request-status"
          role="status"
        >
          {request.archived ? t('requests.archived') : t(statusWords[request.status])}
        </p>
        <dl className="request-money">
          <dt>{t('requests.asked')}</dt>
          <dd data-testid="request-asked">{money(request.amountMinor)}</dd>
          <dt>{t('requests.paid')}</dt>
          <dd data-testid="request-paid">{money(paidMinor)}</dd>
          <dt>{t('requests.due')}</dt>
          <dd data-testid="request-due">{money(dueMinor)}</dd>
        </dl>
        <dl className="request-more">
          {request.referenceId && (
            <>
              <dt>{t('requests.reference')}</dt>
              <dd>{request.referenceId}</dd>
            </>
          )}
          {request.email && (
            <>
              <dt>{t('requests.customer')}</dt>
              <dd>{request.email}</dd>
            </>
          )}
          <dt>{t('requests.payableUntil')}</dt>
          <dd>
            {request.expiresAt === null
              ? t('requests.noEnd')
              : new Date(request.expiresAt).toLocaleDateString(locale)}
          </dd>
          <dt>{t('requests.parts')}</dt>
          <dd>
            {request.allowCustomPaymentAmounts ? t('requests.inParts') : t('requests.wholeOnly')}
          </dd>
        </dl>
        {request.description && (
          // HTML from BTCPay, shown as plain text: never parsed into the page.
          <p className="request-description" data-testid="request-description-text">
            {request.description}
          </p>
        )}
        {(error || payError) && (
          <p className="message error" role="alert" data-testid="request-error">
            {payError ?? error}
          </p>
        )}
        {payable && (
          <div className="actions">
            <button
              className="big charge"
              data-testid="take-payment"
              disabled={paying}
              onClick={() => void takePayment()}
            >
              {paying
                ? t('requests.creatingInvoice')
                : t('requests.takeNow', { amount: money(dueMinor) })}
            </button>
            {request.allowCustomPaymentAmounts &&
              (part === null ? (
                <button
                  className="big secondary"
                  data-testid="take-part"
                  onClick={() => setPart(minorToDecimal(dueMinor, minorDigits(request.currency)))}
                >
                  {t('requests.takePart')}
                </button>
              ) : (
                <form
                  className="part-form"
                  onSubmit={(e) => {
                    e.preventDefault()
                    void takePayment(part)
                  }}
                >
                  <label>
                    {t('requests.partAmount', { currency: request.currency })}
                    <input
                      inputMode="decimal"
                      value={part}
                      data-testid="part-amount"
                      onChange={(e) => setPart(e.target.value)}
                    />
                  </label>
                  <button
                    className="big charge"
                    type="submit"
                    disabled={paying}
                    data-testid="take-part-submit"
                  >
                    {t('requests.takeThisPart')}
                  </button>
                </form>
              ))}
          </div>
        )}
        {demo && payable && (
          <aside
            className="demo-customer"
            aria-label={t('requests.demoCustomer')}
            data-testid="demo-request-customer"
          >
            <span className="demo-tag">{t('demo.tag')}</span>
            <button className="secondary" onClick={() => void simulate({ paymentRequestId: id })}>
              {t('requests.demoPays')}
            </button>
            {request.allowCustomPaymentAmounts && dueMinor > 1 && (
              <button
                className="secondary"
                onClick={() =>
                  void simulate({
                    paymentRequestId: id,
                    amount: minorToDecimal(Math.floor(dueMinor / 2), minorDigits(request.currency)),
                  })
                }
              >
                {t('requests.demoPaysHalf')}
              </button>
            )}
          </aside>
        )}
        <div className="actions">
          {!request.archived && (
            <button
              className="big secondary"
              data-testid="edit-request"
              onClick={() => show({ kind: 'edit', request })}
            >
              {t('requests.edit')}
            </button>
          )}
          {!request.archived &&
            (confirmArchive ? (
              <button
                className="big danger"
                data-testid="archive-confirm"
                disabled={busy}
                onClick={() => void archive(id).then(() => setConfirmArchive(false))}
              >
                {t('requests.archiveConfirm')}
              </button>
            ) : (
              <button
                className="big secondary"
                data-testid="archive-request"
                onClick={() => setConfirmArchive(true)}
              >
                {t('requests.archive')}
              </button>
            ))}
          <button
            className="big secondary"
            data-testid="back-to-list"
            onClick={() => show({ kind: 'list' })}
          >
            {t('requests.backToList')}
          </button>
        </div>
        <h2>{t('requests.invoices')}</h2>
        {invoices.length === 0 ? (
          <p data-testid="request-no-invoices">{t('requests.noInvoices')}</p>
        ) : (
          <table className="request-invoices" data-testid="request-invoices">
            <thead>
              <tr>
                <th>{t('requests.created')}</th>
                <th>{t('requests.invoice')}</th>
                <th>{t('requests.invoiceAmount')}</th>
                <th>{t('requests.paid')}</th>
                <th>{t('requests.invoiceStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((inv) => (
                <tr key={inv.id}>
                  <td>{new Date(inv.createdAt).toLocaleString(locale)}</td>
                  <td>{inv.id}</td>
                  <td>{money(inv.amountMinor)}</td>
                  <td>{money(inv.paidMinor)}</td>
                  <td>
                    {t(invoiceStatusWords[inv.status])}
                    {additionalStatusOf(inv.additionalStatus)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
