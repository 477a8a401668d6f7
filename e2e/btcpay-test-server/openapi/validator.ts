// Test-only: validates Greenfield requests/responses against BTCPay's own OpenAPI 3.0 templates
// vendored beside this file (see README.md), with ajv.
//
// OpenAPI 3.0 is not JSON Schema, so the schemas are converted first:
//  - `$ref: '#/components/schemas/X'` is resolved across the vendored template files;
//  - `allOf` is flattened into one object schema (properties/required merged, the outer schema's
//    own keywords win). A branch's `additionalProperties: false` closes the merged object: under
//    plain JSON Schema it would reject the sibling branch's properties (InvoiceData =
//    allOf[InvoiceDataBase, {additionalProperties:false,...}] would reject `metadata`);
//  - `nullable: true` becomes `type: [T, 'null']` (and adds null to an `enum`);
//  - `exclusiveMinimum: true` (3.0 boolean form) becomes the draft-07 numeric form;
//  - custom formats (decimal, int32, minutes, ...) are registered with real checks where they
//    carry meaning (decimal strings, int32 ranges) and accepted otherwise (html, url text).
// Deliberate, documented patches (PATCHES below) where the templates disagree with BTCPay's code.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Ajv from 'ajv'
import type { ErrorObject, ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

type Schema = Record<string, unknown>

const DIR = import.meta.dirname
const FILES = [
  'swagger.template.json',
  'swagger.template.invoices.json',
  'swagger.template.payment-requests.json',
  'swagger.template.authorization.json',
  'swagger.template.pull-payments.json',
  'swagger.template.apps.json',
  'swagger.template.api-keys.json',
]

interface Doc {
  components?: { schemas?: Record<string, Schema> }
  paths?: Record<string, Record<string, Schema>>
}

const docs: Doc[] = FILES.map((f) => JSON.parse(readFileSync(resolve(DIR, f), 'utf8')) as Doc)
const components: Record<string, Schema> = Object.assign(
  {},
  ...docs.map((d) => d.components?.schemas ?? {}),
)

/**
 * Patches, each because BTCPay's serializer disagrees with its template:
 *  - PaymentRequestData has no `archived` property in the template, but the model
 *    (BTCPayServer.Client/Models/PaymentRequestBaseData.cs, `public bool Archived`) always writes it.
 *  - PaymentRequestData `amount` is documented as a string, but the model only sets
 *    `ItemConverterType = NumericStringJsonConverter`, which Newtonsoft applies to collection
 *    items, not to a decimal property: BTCPay writes a JSON number. Responses accept both.
 *  - PullPaymentData `BOLT11Expiration` is documented as a string, but the model
 *    (BTCPayServer.Client/Models/PullPaymentBaseData.cs) uses TimeSpanJsonConverter.Days, which
 *    writes a JSON number of days.
 *  - PayoutData `date` is documented as a string, but the model (PayoutData.cs) uses
 *    DateTimeToUnixTimeConverter, which writes a JSON number, as for every other timestamp.
 *  - AppItem `image` and `buyButtonText` are plain C# strings (BTCPayServer.Client/Models/AppItem.cs)
 *    that Newtonsoft writes as null when unset; the template's own PointOfSaleAppData example
 *    shows `"buyButtonText": null`, though the property is not marked nullable.
 */
const PATCHES: Record<string, (s: Schema) => Schema> = {
  PaymentRequestData: (s) => {
    const props = s['properties'] as Record<string, Schema>
    props['archived'] = { type: 'boolean' }
    props['amount'] = { ...props['amount'], type: ['string', 'number'] }
    return s
  },
  PullPaymentData: (s) => {
    const props = s['properties'] as Record<string, Schema>
    props['BOLT11Expiration'] = { type: 'number' }
    return s
  },
  AppItem: (s) => {
    const props = s['properties'] as Record<string, Schema>
    for (const p of ['image', 'buyButtonText']) props[p] = { ...props[p], type: ['string', 'null'] }
    return s
  },
  PayoutData: (s) => {
    const props = s['properties'] as Record<string, Schema>
    props['date'] = { type: 'number' }
    return s
  },
}

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)

function convert(node: unknown, depth = 0): unknown {
  if (depth > 40) throw new Error('schema too deep (cycle?)')
  if (Array.isArray(node)) return node.map((n) => convert(n, depth + 1))
  if (!isObj(node)) return node
  if (typeof node['$ref'] === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(node['$ref'])?.[1]
    const target = name ? components[name] : undefined
    if (!name || !target) throw new Error(`unresolved $ref ${node['$ref']}`)
    const { $ref: _ignored, ...rest } = node
    const resolved = convert(target, depth + 1) as Schema
    const merged = Object.keys(rest).length
      ? mergeInto(convert(rest, depth + 1) as Schema, resolved)
      : resolved
    const patch = PATCHES[name]
    return patch ? patch(structuredClone(merged)) : merged
  }
  let out: Schema = {}
  for (const [k, v] of Object.entries(node)) {
    if (k === 'allOf' || k === 'example' || k.startsWith('x-')) continue
    if (k === 'properties' && isObj(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s, depth + 1)]))
    } else {
      out[k] = convert(v, depth + 1)
    }
  }
  if (Array.isArray(node['allOf'])) {
    for (const branch of node['allOf']) out = mergeInto(out, convert(branch, depth + 1) as Schema)
  }
  return normalise(out)
}

/** Merges `branch` into `outer`: properties and required are unions, the outer keywords win. */
function mergeInto(outer: Schema, branch: Schema): Schema {
  const out: Schema = { ...branch, ...outer }
  if (isObj(branch['properties']) || isObj(outer['properties'])) {
    out['properties'] = { ...(branch['properties'] as Schema), ...(outer['properties'] as Schema) }
  }
  const req = [
    ...((branch['required'] as string[]) ?? []),
    ...((outer['required'] as string[]) ?? []),
  ]
  if (req.length) out['required'] = [...new Set(req)]
  if (branch['additionalProperties'] === false || outer['additionalProperties'] === false)
    out['additionalProperties'] = false
  return normalise(out)
}

function normalise(s: Schema): Schema {
  const out = { ...s }
  if (out['exclusiveMinimum'] === true) {
    out['exclusiveMinimum'] = out['minimum']
    delete out['minimum']
  }
  if (out['nullable'] === true) {
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null']
    else if (Array.isArray(out['type']) && !out['type'].includes('null'))
      out['type'] = [...out['type'], 'null']
    if (Array.isArray(out['enum']) && !out['enum'].includes(null))
      out['enum'] = [...out['enum'], null]
  }
  delete out['nullable']
  return out
}

const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
ajv.addFormat('decimal', { type: 'string', validate: (s: string) => /^-?\d+(\.\d+)?$/.test(s) })
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
})
for (const f of ['double', 'minutes', 'seconds', 'days'])
  ajv.addFormat(f, { type: 'number', validate: () => true })
for (const f of ['html', 'url', 'ISO 4217 Currency code(BTC, EUR, USD, etc)'])
  ajv.addFormat(f, true)

const cache = new Map<string, ValidateFunction>()

function compile(key: string, schema: () => unknown): ValidateFunction {
  let fn = cache.get(key)
  if (!fn) {
    fn = ajv.compile(convert(schema()) as Schema)
    cache.set(key, fn)
  }
  return fn
}

function findOperation(operationId: string): Schema {
  for (const d of docs)
    for (const methods of Object.values(d.paths ?? {}))
      for (const op of Object.values(methods)) if (op['operationId'] === operationId) return op
  throw new Error(`operation ${operationId} not found`)
}

const jsonSchemaOf = (content: unknown): unknown => {
  const schema =
    isObj(content) && isObj(content['application/json'])
      ? content['application/json']['schema']
      : undefined
  if (!schema) throw new Error('no application/json schema')
  return schema
}

export interface Verdict {
  valid: boolean
  errors: ErrorObject[]
}

const run = (fn: ValidateFunction, data: unknown): Verdict => {
  const valid = fn(data)
  return { valid, errors: valid ? [] : [...(fn.errors ?? [])] }
}

/** Validates against a named component schema, e.g. 'InvoiceData'. */
export const validateComponent = (name: string, data: unknown): Verdict =>
  run(
    compile(`c:${name}`, () => ({ $ref: `#/components/schemas/${name}` })),
    data,
  )

/** Validates a response body against `responses[status]` of an operation. */
export function validateResponse(operationId: string, status: number, data: unknown): Verdict {
  return run(
    compile(`r:${operationId}:${status}`, () => {
      const responses = findOperation(operationId)['responses'] as Record<string, Schema>
      const r = responses[String(status)]
      if (!r) throw new Error(`${operationId} documents no ${status} response`)
      return jsonSchemaOf(r['content'])
    }),
    data,
  )
}

/** Validates a request body against an operation's requestBody. */
export function validateRequest(operationId: string, data: unknown): Verdict {
  return run(
    compile(`q:${operationId}`, () => {
      const body = findOperation(operationId)['requestBody'] as Schema | undefined
      if (!body) throw new Error(`${operationId} has no request body`)
      return jsonSchemaOf(body['content'])
    }),
    data,
  )
}

/** For tests of the converter itself. */
export const convertSchemaForTest = (schema: unknown): unknown => convert(schema)
