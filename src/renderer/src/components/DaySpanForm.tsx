import { useState, type FormEvent, type ReactNode } from 'react'
import { dateSpan, isoDate, type Range } from '../sales/day-range'
import { useTranslation } from '../i18n'
import { FormResult, type Outcome } from './FormResult'

/**
 * A span of local days (today by default, never in the future) and one action on it; a span
 * that is not a span is refused here with a sentence and the action is not run.
 */
export function DaySpanForm({
  title,
  testIds,
  submit,
  busy,
  onSubmit,
  result,
}: {
  title: string
  testIds: { from: string; to: string; run: string; result: string }
  submit: ReactNode
  busy: boolean
  onSubmit: (span: Range, from: string, to: string) => void
  result: Outcome | null
}) {
  const { t } = useTranslation()
  const [today] = useState(() => isoDate(Date.now()))
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(today)
  const [problem, setProblem] = useState<Outcome | null>(null)
  const send = (e: FormEvent) => {
    e.preventDefault()
    const span = dateSpan(from, to)
    setProblem('error' in span ? { ok: false, text: t(span.error) } : null)
    if (!('error' in span)) onSubmit(span, from, to)
  }
  const day = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label>
      {label}
      <input
        type="date"
        value={value}
        max={today}
        required
        data-testid={testId}
        onChange={(e) => set(e.target.value)}
      />
    </label>
  )
  return (
    <form className="csv-export" onSubmit={send} aria-label={title}>
      <h2>{title}</h2>
      <div className="row">
        {day(t('days.from'), from, setFrom, testIds.from)}
        {day(t('days.to'), to, setTo, testIds.to)}
        <button className="big" type="submit" disabled={busy} data-testid={testIds.run}>
          {submit}
        </button>
      </div>
      <FormResult result={problem ?? result} testId={testIds.result} mono />
    </form>
  )
}
