import { useEffect, useState } from 'react'
import type { RequestOutput } from '../../../../shared/ipc/contract'
import { pos } from '../../bridge'
import { useLocale, useTranslation } from '../../i18n'
import { failText } from '../../i18n/fail-words'
import { keptWords } from './kept-words'

type Problems = RequestOutput<'sales:journal-problems'>['problems']

/**
 * What the sales journal could not read when the terminal started: each damaged line with its
 * file, line and what was kept of it. Nothing shows while the journal is whole.
 */
export function JournalProblemsPanel() {
  const { t } = useTranslation()
  const locale = useLocale()
  const [problems, setProblems] = useState<Problems>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void pos.journalProblems().then((r) => {
      if (r.ok) setProblems(r.data.problems)
      else setError(failText(r))
    })
  }, [])
  if (problems.length === 0 && !error) return null
  return (
    <section
      className="panel"
      aria-labelledby="journal-problems-title"
      data-testid="journal-problems"
    >
      <h2 id="journal-problems-title">{t('journal.title')}</h2>
      {error && <p className="message error">{error}</p>}
      <p className="hint">{t('journal.hint')}</p>
      <ul className="journal-problems">
        {problems.map((p, i) => (
          <li key={i} data-testid="journal-problem">
            <strong>
              {p.line !== null ? t('journal.fileLine', { file: p.file, line: p.line }) : p.file}
            </strong>
            : {keptWords(p.kept, t, locale)}
          </li>
        ))}
      </ul>
    </section>
  )
}
