import { useState, type FormEvent } from 'react'
import { minorToDecimal, minorDigits } from '../../../../shared/money'
import type { PaymentRequestView } from '../../../../shared/payment-request'
import { useLocale, useTranslation } from '../../i18n'
import { wordsOr } from '../../i18n/fail-words'
import { useAppStore, usePaymentRequestsStore } from '../../stores/bound-stores'
import type { RequestsPage } from '../../stores/payment-requests-store'

const DAY_MS = 86_400_000
/** yyyy-mm-dd of a local date, as <input type="date"> wants it. */
const dateText = (ms: number) => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
/** The end of the chosen local day: a request "until Friday" is payable all Friday. */
const endOfDay = (text: string) => {
  const [y, m, d] = text.split('-').map(Number)
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 23, 59, 59).getTime()
}

/** A new payment request (from the keypad's "Bill later" or the list) or an edit of one. */
export function RequestForm(
  props: { editing: PaymentRequestView } | { fresh: Extract<RequestsPage, { kind: 'new' }> },
) {
  const editing = 'editing' in props ? props.editing : null
  const settings = useAppStore((s) => s.settings)
  const { busy, error, fields } = usePaymentRequestsStore()
  const create = usePaymentRequestsStore((s) => s.createPaymentRequest)
  const update = usePaymentRequestsStore((s) => s.updatePaymentRequest)
  const show = usePaymentRequestsStore((s) => s.show)
  const { t } = useTranslation()
  const locale = useLocale()
  // What the form starts with: the request being edited, or the Bill later defaults.
  const [start] = useState(() => {
    if ('editing' in props) {
      const e = props.editing
      return {
        amount: minorToDecimal(e.amountMinor, minorDigits(e.currency)),
        title: e.title,
        expiresAt: e.expiresAt,
        partial: e.allowCustomPaymentAmounts,
      }
    }
    const { amount, title, expiryDays, allowPartial } = props.fresh
    const expiresAt = expiryDays === null ? null : Date.now() + expiryDays * DAY_MS
    return { amount, title, expiresAt, partial: allowPartial }
  })
  const [amount, setAmount] = useState(start.amount)
  const [title, setTitle] = useState(start.title)
  const [email, setEmail] = useState(editing?.email ?? '')
  const [description, setDescription] = useState(editing?.description ?? '')
  const [referenceId, setReferenceId] = useState(editing?.referenceId ?? '')
  const [expires, setExpires] = useState(start.expiresAt === null ? '' : dateText(start.expiresAt))
  const [partial, setPartial] = useState(start.partial)
  // A field's words from main, or BTCPay's own text for it as BTCPay wrote it.
  const problem = (field: string) => {
    const found = fields.find((f) => f.field === field)
    return found && wordsOr(found.words, found.message, t, locale)
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const input = {
      amount,
      title,
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(description.trim() ? { description } : {}),
      ...(referenceId.trim() ? { referenceId: referenceId.trim() } : {}),
      expiresAt: expires ? endOfDay(expires) : null,
      allowCustomPaymentAmounts: partial,
      ...(editing ? { currency: editing.currency } : {}),
    }
    void (editing ? update({ ...input, paymentRequestId: editing.id }) : create(input))
  }

  const field = (name: string, label: string, input: React.ReactNode) => (
    <label className={problem(name) ? 'field invalid' : 'field'}>
      {label}
      {input}
      {problem(name) && (
        <span className="field-error" role="alert" data-testid={`error-${name}`}>
          {problem(name)}
        </span>
      )}
    </label>
  )

  return (
    <section
      className="panel request-form"
      data-testid="request-form"
      aria-label={t('requests.formLabel')}
    >
      <h1>
        {editing ? t('requests.editTitle', { title: editing.title }) : t('requests.newTitle')}
      </h1>
      <form className="form" onSubmit={submit}>
        {field(
          'amount',
          t('requests.amount', { currency: editing?.currency ?? settings?.currency ?? '' }),
          <input
            inputMode="decimal"
            value={amount}
            data-testid="request-amount"
            onChange={(e) => setAmount(e.target.value)}
          />,
        )}
        {field(
          'title',
          t('requests.fieldTitle'),
          <input
            value={title}
            maxLength={200}
            required
            data-testid="request-title"
            onChange={(e) => setTitle(e.target.value)}
          />,
        )}
        {field(
          'email',
          t('requests.email'),
          <input
            type="email"
            value={email}
            data-testid="request-email"
            onChange={(e) => setEmail(e.target.value)}
          />,
        )}
        {field(
          'referenceId',
          t('requests.referenceField'),
          <input
            value={referenceId}
            maxLength={100}
            data-testid="request-reference"
            onChange={(e) => setReferenceId(e.target.value)}
          />,
        )}
        {field(
          'expiresAt',
          t('requests.expiry'),
          <input
            type="date"
            value={expires}
            data-testid="request-expiry"
            onChange={(e) => setExpires(e.target.value)}
          />,
        )}
        {field(
          'description',
          t('requests.description'),
          <textarea
            value={description}
            maxLength={5000}
            rows={3}
            data-testid="request-description"
            onChange={(e) => setDescription(e.target.value)}
          />,
        )}
        <label className="inline">
          <input
            type="checkbox"
            checked={partial}
            data-testid="request-partial"
            onChange={(e) => setPartial(e.target.checked)}
          />
          {t('requests.allowParts')}
        </label>
        {error && (
          <p className="message error" role="alert" data-testid="request-form-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button className="big" type="submit" disabled={busy} data-testid="request-save">
            {busy ? t('requests.sending') : editing ? t('requests.save') : t('requests.create')}
          </button>
          <button
            className="big secondary"
            type="button"
            onClick={() => show(editing ? { kind: 'detail', id: editing.id } : { kind: 'list' })}
          >
            {t('requests.back')}
          </button>
        </div>
      </form>
    </section>
  )
}
