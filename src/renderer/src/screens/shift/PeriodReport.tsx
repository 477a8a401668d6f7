import { DaySpanForm } from '../../components/DaySpanForm'
import { useShiftStore } from '../../stores/bound-stores'

/** A Z-report of a day or of a span of local days, per till and per cashier. */
export function PeriodReport() {
  const showReport = useShiftStore((s) => s.showReport)
  const busy = useShiftStore((s) => s.busy)
  return (
    <DaySpanForm
      title="Report of a day or of several days"
      testIds={{
        from: 'report-from',
        to: 'report-to',
        run: 'period-report',
        result: 'period-report-problem',
      }}
      submit="Show report"
      busy={busy}
      onSubmit={(span, from, to) =>
        void showReport(from === to ? `Z-report of ${from}` : `Z-report ${from} to ${to}`, span)
      }
      result={null}
    />
  )
}
