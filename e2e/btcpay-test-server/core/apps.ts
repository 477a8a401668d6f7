// Point of Sale apps (BTCPay's AppData with PointOfSaleSettings), and the demo store's tea shop
// with items of every kind a catalog meets: fixed, minimum and custom (Topup) prices, categories,
// images served by this server, inventory, a disabled item, tips.
import { base58Encode, sha256 } from './encoding'

export interface PosItem {
  id: string
  title: string
  disabled: boolean
  description: string
  categories: string[]
  /** Path on this server (made absolute per request) or null. */
  image: string | null
  priceType: 'Fixed' | 'Topup' | 'Minimum'
  price: string | null
  buyButtonText: string | null
  inventory: number | null
  taxRate: string | null
}

export interface PosApp {
  id: string
  storeId: string
  appName: string
  created: number
  archived: boolean
  title: string
  description: string | null
  currency: string
  defaultView: 'Static' | 'Cart' | 'Light' | 'Print'
  showCustomAmount: boolean
  enableTips: boolean
  customTipPercentages: number[]
  tipText: string
  items: PosItem[]
}

export const DEMO_POS_APP_ID = base58Encode(sha256('btcpay-test-server demo pos app')).slice(0, 28)

/** Images the test server serves under /img/pos/{name}.svg. */
export const POS_IMAGES: Readonly<Record<string, string>> = {
  'green-tea': '#5a8f29',
  'black-tea': '#3b2418',
  scone: '#d9a45b',
  'tip-jar': '#c0c0c0',
}

const item = (i: Partial<PosItem> & Pick<PosItem, 'id' | 'title'>): PosItem => ({
  disabled: false,
  description: '',
  categories: [],
  image: null,
  priceType: 'Fixed',
  price: null,
  buyButtonText: null,
  inventory: null,
  taxRate: null,
  ...i,
})

export function demoPosApp(storeId: string, created: number): PosApp {
  return {
    id: DEMO_POS_APP_ID,
    storeId,
    appName: 'Tea shop',
    created,
    archived: false,
    title: 'Tea shop',
    description: 'Teas and pastries',
    currency: 'USD',
    defaultView: 'Cart',
    showCustomAmount: true,
    enableTips: true,
    customTipPercentages: [10, 15, 20],
    tipText: 'Do you want to leave a tip?',
    items: [
      item({
        id: 'green-tea',
        title: 'Green Tea',
        description: 'Meng Ding Gan Lu',
        categories: ['Tea'],
        image: '/img/pos/green-tea.svg',
        price: '3.50',
        inventory: 5,
        taxRate: '7.7',
      }),
      item({
        id: 'black-tea',
        title: 'Black Tea',
        categories: ['Tea'],
        image: '/img/pos/black-tea.svg',
        price: '2.95',
        buyButtonText: 'Brew it',
      }),
      item({
        id: 'scone',
        title: 'Scone',
        categories: ['Pastry'],
        image: '/img/pos/scone.svg',
        price: '2.00',
        inventory: 0,
      }),
      item({
        id: 'gift-card',
        title: 'Gift card',
        categories: ['Other'],
        priceType: 'Minimum',
        price: '10.00',
      }),
      item({
        id: 'donation',
        title: 'Donation',
        categories: ['Other'],
        image: '/img/pos/tip-jar.svg',
        priceType: 'Topup',
      }),
      item({
        id: 'matcha',
        title: 'Matcha (sold out for the season)',
        categories: ['Tea'],
        price: '4.20',
        disabled: true,
      }),
    ],
  }
}
