import { useState } from 'react'
import type { CatalogItem } from '../../../../shared/catalog'
import { formatMinor } from '../../../../shared/money'
import { useLocale, useTranslation } from '../../i18n'

/** The catalog as large tiles, by category; a sold-out item shows it and cannot be tapped. */
export function CatalogItems(props: {
  items: readonly CatalogItem[]
  currency: string
  onTap: (item: CatalogItem) => void
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const priceText = (item: CatalogItem): string => {
    if (item.priceType === 'custom') return t('catalog.yourAmount')
    const price = formatMinor(item.priceMinor ?? 0, props.currency, locale)
    return item.priceType === 'minimum' ? t('catalog.from', { price }) : price
  }
  // Items without a category share one tab; '' is never a category BTCPay sends.
  const categoryOf = (item: CatalogItem) => item.category ?? ''
  const categories = [...new Set(props.items.map(categoryOf))]
  const [category, setCategory] = useState<string | null>(null)
  const shown = props.items.filter((i) => category === null || categoryOf(i) === category)
  return (
    <div className="catalog">
      {categories.length > 1 && (
        <div className="categories" role="group" aria-label={t('catalog.categories')}>
          {[null, ...categories].map((c) => (
            <button
              key={c ?? 'all'}
              type="button"
              className={c === category ? 'primary' : 'secondary'}
              onClick={() => setCategory(c)}
            >
              {c === null ? t('catalog.all') : c || t('catalog.other')}
            </button>
          ))}
        </div>
      )}
      <div className="items" role="group" aria-label={t('catalog.items')}>
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
              <span className="item-price">{priceText(item)}</span>
              {item.inventory !== null && (
                <span className="item-stock">
                  {soldOut ? t('catalog.soldOut') : t('catalog.stock', { left: item.inventory })}
                </span>
              )}
            </button>
          )
        })}
      </div>
    </div>
  )
}
