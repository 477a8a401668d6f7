import { describe, expect, it } from 'vitest'
import { assess, exitCode } from './assess'

const published = ['45.4.1', '45.5.0', '45.6.1', '46.0.0-beta.1', '46.1.0', '44.9.9']

describe('deps:check', () => {
  it('names the newest compatible release and, apart, the next major', () => {
    const a = assess({ name: 'electron', installed: '45.4.1', published })
    expect(a).toMatchObject({ compatible: '45.6.1', nextMajor: '46.1.0', deprecated: null })
    expect(exitCode([a])).toBe(1)
  })

  it('passes a package that is on its newest compatible release, even with a new major out', () => {
    const a = assess({ name: 'electron', installed: '45.6.1', published })
    expect(a).toMatchObject({ compatible: null, nextMajor: '46.1.0' })
    expect(exitCode([a])).toBe(0)
  })

  it('fails on a deprecated installed version', () => {
    const a = assess({
      name: 'old',
      installed: '2.88.2',
      published: ['2.88.2'],
      deprecated: 'request has been deprecated',
    })
    expect(exitCode([a])).toBe(1)
  })
})
