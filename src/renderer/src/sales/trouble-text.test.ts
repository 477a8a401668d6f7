import { describe, expect, it } from 'vitest'
import { troubleText } from './trouble-text'

describe('troubleText', () => {
  it.each([
    ['network', 'the network is not reachable.'],
    ['server-error', 'BTCPay answers with a server error.'],
    ['timeout', 'BTCPay does not answer in time.'],
    ['internal', 'the terminal cannot reach BTCPay.'],
    ['some-new-code', 'the terminal cannot reach BTCPay.'],
    ['The server took too long to answer.', 'The server took too long to answer.'],
  ])('%s → %s', (trouble, text) => {
    expect(troubleText(trouble)).toBe(text)
  })
})
