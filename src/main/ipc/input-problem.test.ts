import { describe, expect, it } from 'vitest'
import { requests } from '../../shared/ipc/contract'
import { settingsPatchSchema } from '../../shared/settings'
import { inputProblem } from './input-problem'

const problemWith = (patch: unknown) => {
  const parsed = settingsPatchSchema.safeParse(patch)
  if (parsed.success) throw new Error('expected the patch to be refused')
  return inputProblem(parsed.error.issues)
}

describe('inputProblem', () => {
  it('names the field and says what is wrong in a sentence, never in zod words', () => {
    expect(problemWith({ maxAmount: null })).toEqual({
      field: 'maxAmount',
      message: 'The largest charge must be a whole number.',
      words: { id: 'input.whole-number', params: { field: 'maxAmount' } },
    })
    expect(problemWith({ maxAmount: 0 })).toEqual({
      field: 'maxAmount',
      message: 'The largest charge must be at least 1.',
      words: { id: 'input.at-least', params: { field: 'maxAmount', value: 1 } },
    })
    expect(problemWith({ returnToKeypadSeconds: 500 })).toEqual({
      field: 'returnToKeypadSeconds',
      message: 'The seconds before the keypad comes back can be at most 120.',
      words: { id: 'input.at-most', params: { field: 'returnToKeypadSeconds', value: 120 } },
    })
    expect(problemWith({ terminalLabel: '   ' })).toEqual({
      field: 'terminalLabel',
      message: 'The terminal name cannot be empty.',
      words: { id: 'input.empty', params: { field: 'terminalLabel' } },
    })
  })
  it('says what form a typed code or PIN has', () => {
    const refused = (channel: 'pairing:with-code' | 'manager:set-pin', input: unknown) => {
      const parsed = requests[channel].input.safeParse(input)
      if (parsed.success) throw new Error('expected the input to be refused')
      return inputProblem(parsed.error.issues)
    }
    expect(
      refused('pairing:with-code', { serverUrl: 'https://a.example', pairingCode: 'abc' }),
    ).toEqual({
      field: 'pairingCode',
      message: 'The pairing code is the 7 letters and digits BTCPay shows.',
      words: { id: 'input.pairing-code-form' },
    })
    expect(refused('manager:set-pin', { pin: '12' })).toEqual({
      field: 'pin',
      message: 'A PIN has 4 to 12 digits.',
      words: { id: 'input.pin-form' },
    })
  })
  it('says something plain for a field it has no name for', () => {
    expect(inputProblem([])).toEqual({
      field: null,
      message: 'The request could not be read.',
      words: { id: 'input.unreadable' },
    })
    const unnamed = problemWith({ kiosk: 'yes' })
    expect(unnamed.message).toBe('A value is missing or not valid.')
    expect(unnamed.words).toEqual({ id: 'input.missing', params: { field: 'kiosk' } })
  })
})
