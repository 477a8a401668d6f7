import { describe, expect, it } from 'vitest'
import type { ApiKeyView } from '../../../shared/api-key'
import { createApiKeyStore } from './api-key-store'
import { deferred, fail, fakePosApi, ok } from './fake-pos-api.testutil'

const ready: ApiKeyView = {
  state: {
    status: 'ready',
    serverUrl: 'https://btcpay.example.com',
    storeId: 'store-1',
    label: 'BTCPay Cashier',
    capabilities: [{ id: 'refund', words: 'refund', missing: [] }],
  },
  notice: null,
}

describe('API key store: manager actions by their contract name', () => {
  it('pastes a key by name and shows what main answers', async () => {
    const fake = fakePosApi()
    const store = createApiKeyStore(fake.api)
    fake.on('pasteApiKey', () => ok(ready))
    const input = { serverUrl: 'https://btcpay.example.com', apiKey: 'abcdef0123456789' }
    expect(await store.getState().pasteApiKey(input)).toBe(true)
    expect(fake.calls).toEqual([{ method: 'pasteApiKey', input }])
    expect(store.getState()).toMatchObject({ view: ready, busy: false, error: null })
  })

  it('a refused key keeps the view and shows main’s message', async () => {
    const fake = fakePosApi()
    const store = createApiKeyStore(fake.api)
    fake.on('removeApiKey', () => fail('The keychain is locked.'))
    expect(await store.getState().removeApiKey()).toBe(false)
    expect(store.getState()).toMatchObject({
      view: null,
      error:
        'The BTCPay Server could not be reached. Check the internet connection of this computer.',
    })
  })

  it('refuses a second action while one is in flight', async () => {
    const fake = fakePosApi()
    const store = createApiKeyStore(fake.api)
    const answer = deferred<ReturnType<typeof ok<ApiKeyView>>>()
    fake.on('pasteApiKey', () => answer.promise)
    const first = store.getState().pasteApiKey({ serverUrl: 'https://a.example', apiKey: 'k' })
    expect(await store.getState().cancelApiKey()).toBe(false)
    answer.resolve(ok(ready))
    expect(await first).toBe(true)
    expect(fake.calls.map((c) => c.method)).toEqual(['pasteApiKey'])
  })
})
