import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import { parseProvisioning, provisioningJsonSchema } from './provisioning-file'

const resources = join(import.meta.dirname, '../../../resources')
const example = readFileSync(join(resources, 'provisioning.example.json'), 'utf8')
const valid = JSON.parse(example) as Record<string, unknown>

describe('provisioning file', () => {
  it('accepts the README example', () => {
    expect(parseProvisioning(example)).toMatchObject({
      ok: true,
      value: { terminalLabel: 'Front counter' },
    })
  })

  it.each([
    [{ ...valid, defaultCurrency: 'EURO' }, /field "defaultCurrency"/],
    [{ ...valid, pairingCode: 'abc' }, /field "pairingCode": a pairing code has exactly 7/],
    [{ ...valid, kiosk: 'yes' }, /field "kiosk"/],
    [{ ...valid, managerPinHash: '1234' }, /field "managerPinHash": must be made by/],
    [{ ...valid, version: 2 }, /field "version"/],
    [{ ...valid, greenfieldApiKey: 'two words' }, /field "greenfieldApiKey": an API key is one/],
    [{ ...valid, pin: '1234' }, /unknown field\(s\) "pin"/],
    [(({ serverUrl: _s, ...rest }) => rest)(valid), /field "serverUrl"/],
  ])('names the field that is wrong (%#)', (file, message) => {
    const r = parseProvisioning(JSON.stringify(file))
    expect(r.ok).toBe(false)
    expect(r.ok || r.message).toMatch(message)
  })

  it('may carry a Greenfield API key', () => {
    const key = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0'
    const r = parseProvisioning(JSON.stringify({ ...valid, greenfieldApiKey: key }))
    expect(r).toMatchObject({ ok: true, value: { greenfieldApiKey: key } })
  })

  it('says where broken JSON breaks', () => {
    const r = parseProvisioning('{"version": 1,,}')
    expect(r.ok || r.message).toMatch(/not valid JSON/)
  })

  it('ships a JSON schema file equal to the one the code uses, which agrees with it', () => {
    const shipped = JSON.parse(readFileSync(join(resources, 'provisioning.schema.json'), 'utf8'))
    expect(shipped).toEqual(JSON.parse(JSON.stringify(provisioningJsonSchema())))
    const validate = new Ajv({ strict: false }).compile(shipped)
    expect(validate(valid)).toBe(true)
    expect(validate({ ...valid, kiosk: 'yes' })).toBe(false)
  })
})
