import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import './index'

describe('numbers inside words', () => {
  it('shows the countdown in the digits of the screen’s locale', () => {
    expect(i18next.getFixedT('ar-EG')('checkout.autoReturn', { count: 5 })).toContain('٥')
    expect(i18next.getFixedT('en')('checkout.autoReturn', { count: 5 })).toBe(
      'Back to the keypad in 5 s',
    )
  })
})
