import { useState, type FormEvent } from 'react'

/** Search the shown day's sales by amount, order id or description; main does the matching. */
export function SalesSearch({
  search,
  onSearch,
}: {
  search: string
  onSearch: (query: string) => void
}) {
  const [text, setText] = useState(search)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSearch(text.trim())
  }
  return (
    <form className="row sales-search" role="search" onSubmit={submit}>
      <label>
        Find a sale by amount, order id or description
        <input
          type="search"
          value={text}
          maxLength={100}
          data-testid="sales-search"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button className="big" type="submit" data-testid="sales-search-go">
        Search
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
          Show all
        </button>
      )}
    </form>
  )
}
