import { useState } from 'react'
import { DaySpanForm } from '../../components/DaySpanForm'
import type { Outcome } from '../../components/FormResult'
import type { Range } from '../../sales/day-range'
import { useTranslation } from '../../i18n'
import { useSalesStore } from '../../stores/bound-stores'
import { failText } from '../../i18n/fail-words'

/** Exports the sales of a span of local days to a CSV file main writes; says where it went. */
export function CsvExport() {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const exportSalesCsv = useSalesStore((s) => s.exportSalesCsv)
  const [result, setResult] = useState<Outcome | null>(null)

  const submit = async (span: Range) => {
    setBusy(true)
    setResult(null)
    const r = await exportSalesCsv(span)
    setBusy(false)
    setResult(
      r.ok
        ? {
            ok: true,
            text: t('export.saved', { count: r.data.count, path: r.data.path }),
          }
        : { ok: false, text: failText(r) },
    )
  }

  return (
    <DaySpanForm
      title={t('export.title')}
      testIds={{ from: 'export-from', to: 'export-to', run: 'export-csv', result: 'export-result' }}
      submit={busy ? t('settings.saving') : t('export.run')}
      busy={busy}
      onSubmit={(span) => void submit(span)}
      result={result}
    />
  )
}
