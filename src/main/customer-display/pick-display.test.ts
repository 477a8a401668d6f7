import { describe, expect, it } from 'vitest'
import { pickCustomerScreen, type ScreenInfo } from './pick-display'

const screen = (id: number, x: number, y = 0): ScreenInfo => ({
  id,
  bounds: { x, y, width: 1920, height: 1080 },
})

describe('pickCustomerScreen', () => {
  const till = screen(1, 0)
  const right = screen(2, 1920)
  const left = screen(3, -800)

  it('puts the customer window on the other screen when the setting is on', () => {
    expect(pickCustomerScreen([till, right], 1, 'second-screen')).toEqual(right)
  })

  it('shows no customer window with one screen, or with the setting off', () => {
    expect(pickCustomerScreen([till], 1, 'second-screen')).toBeNull()
    expect(pickCustomerScreen([till, right], 1, 'off')).toBeNull()
  })

  it('never uses the cashier screen, and picks the same one whatever order the OS lists them in', () => {
    expect(pickCustomerScreen([right, till, left], 1, 'second-screen')).toEqual(left)
    expect(pickCustomerScreen([left, right, till], 1, 'second-screen')).toEqual(left)
    // The cashier window moved to the left screen: the customer one goes elsewhere.
    expect(pickCustomerScreen([till, right, left], 3, 'second-screen')).toEqual(till)
  })
})
