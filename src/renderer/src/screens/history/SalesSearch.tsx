import { useState, type FormEvent } from 'react'
import { useTranslation } from '../../i18n'

/** Search the shown day's sales by amount, order id or description; main does the matching. */
export function SalesSearch({
  search,
  onSearch,
}: {
  search: string
  onSearch: (query: string) => void
}) {
  const { t } = useTranslation()
  const [text, setText] = useState(search)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSearch(text.trim())
  }
  return (
    <form className="row sales-search" role="search" onSubmit={submit}>
      <label>
        {t('history.searchLabel')}
        <input
          type="search"
          value={text}
          maxLength={100}
          data-testid="sales-search"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button className="big" type="submit" data-testid="sales-search-go">
        {t('history.search')}
      </button>
      {search && (
        <button
          className="big secondary"
          type="button"
          data-testid="sales-search-clear"
          onClick={() => {
            setText('')
            onSearch('')
          }}
        >
          {t('history.showAll')}
        </button>
      )}
    </form>
  )
}
