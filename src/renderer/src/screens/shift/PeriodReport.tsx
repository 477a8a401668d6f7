import { DaySpanForm } from '../../components/DaySpanForm'
import { useLocale, useTranslation } from '../../i18n'
import { useShiftStore } from '../../stores/bound-stores'

/** A Z-report of a day or of a span of local days, per till and per cashier. */
export function PeriodReport() {
  const { t } = useTranslation()
  const locale = useLocale()
  const day = (epoch: number) => new Date(epoch).toLocaleDateString(locale, { dateStyle: 'medium' })
  const showReport = useShiftStore((s) => s.showReport)
  const busy = useShiftStore((s) => s.busy)
  return (
    <DaySpanForm
      title={t('report.periodTitle')}
      testIds={{
        from: 'report-from',
        to: 'report-to',
        run: 'period-report',
        result: 'period-report-problem',
      }}
      submit={t('report.show')}
      busy={busy}
      onSubmit={(span, from, to) =>
        void showReport(
          from === to
            ? t('report.zDay', { day: day(span.from) })
            : t('report.zSpan', { from: day(span.from), to: day(span.to - 1) }),
          span,
        )
      }
      result={null}
    />
  )
}
