import { useState } from 'react'
import type { CatalogItem } from '../../../../shared/catalog'
import { formatMinor } from '../../../../shared/money'

function priceText(item: CatalogItem, currency: string): string {
  if (item.priceType === 'custom') return 'Your amount'
  const price = formatMinor(item.priceMinor ?? 0, currency)
  return item.priceType === 'minimum' ? `from ${price}` : price
}

/** The catalog as large tiles, by category; a sold-out item shows it and cannot be tapped. */
export function CatalogItems(props: {
  items: readonly CatalogItem[]
  currency: string
  onTap: (item: CatalogItem) => void
}) {
  const categories = [...new Set(props.items.map((i) => i.category ?? 'Other'))]
  const [category, setCategory] = useState<string | null>(null)
  const shown = props.items.filter((i) => category === null || (i.category ?? 'Other') === category)
  return (
    <div className="catalog">
      {categories.length > 1 && (
        <div className="categories" role="group" aria-label="Categories">
          {[null, ...categories].map((c) => (
            <button
              key={c ?? 'all'}
              type="button"
              className={c === category ? 'primary' : 'secondary'}
              onClick={() => setCategory(c)}
            >
              {c ?? 'All'}
            </button>
          ))}
        </div>
      )}
      <div className="items" role="group" aria-label="Items">
        {shown.map((item) => {
          const soldOut = item.inventory !== null && item.inventory <= 0
          return (
            <button
              key={item.id}
              type="button"
              className="item"
              disabled={soldOut}
              onClick={() => props.onTap(item)}
              data-testid={`item-${item.id}`}
            >
              {item.image && <img src={item.image} alt="" />}
              <span className="item-title">{item.title}</span>
              <span className="item-price">{priceText(item, props.currency)}</span>
              {item.inventory !== null && (
                <span className="item-stock">
                  {soldOut ? 'Sold out' : `${item.inventory} left`}
                </span>
              )}
            </button>
          )
        })}
      </div>
    </div>
  )
}
