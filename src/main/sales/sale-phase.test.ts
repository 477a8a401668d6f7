import { describe, expect, it } from 'vitest'
import type { Sale } from '../journal/sale'
import { salePhaseOf } from './sale-phase'

type Case = [Sale['status'], Sale['exceptionStatus'], cancelled: boolean, phase: string]

describe('salePhaseOf', () => {
  it.each<Case>([
    ['creating', 'none', false, 'creating'],
    ['creating', 'none', true, 'abandoned'],
    ['not-created', 'none', false, 'not-created'],
    ['new', 'none', false, 'waiting'],
    ['new', 'paidPartial', false, 'partial'],
    ['complete', 'none', false, 'settled'],
    // Cancelled: reads as cancelled while unpaid, as what it is once money arrived.
    ['new', 'none', true, 'abandoned'],
    ['expired', 'none', true, 'abandoned'],
    ['new', 'paidPartial', true, 'partial'],
    ['paid', 'none', true, 'paid'],
    ['paid', 'paidOver', true, 'overpaid'],
    ['expired', 'paidLate', true, 'paid-late'],
    ['invalid', 'none', true, 'invalid'],
    // Written by terminals before cancelledAt existed.
    ['abandoned', 'none', false, 'abandoned'],
  ])('%s / %s, cancelled %s → %s', (status, exceptionStatus, cancelled, phase) => {
    expect(salePhaseOf({ status, exceptionStatus, cancelledAt: cancelled ? 1 : null })).toBe(phase)
  })
})
