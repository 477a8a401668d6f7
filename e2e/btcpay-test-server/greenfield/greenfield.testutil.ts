// What the Greenfield tests share: one server per file, keys, calls and the OpenAPI check.
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { Verdict } from '../openapi/validator'
import type { TestServer } from '../server'
import { DEMO_STORE_ID } from '../core/state'
import { gf, request, withServer } from '../test-helpers'
import type { Reply } from '../test-helpers'

export type Json = Record<string, unknown>
export const S = DEMO_STORE_ID

export function expectValid(v: Verdict): void {
  expect(v.errors).toEqual([])
  expect(v.valid).toBe(true)
}

export interface Greenfield {
  readonly server: TestServer
  /** A fresh key with these permission strings. */
  key(...permissions: string[]): string
  call(method: string, path: string, apiKey: string, body?: unknown): Promise<Reply>
}

/** Starts a server for the file's tests, resets it after each one, closes it at the end. */
export function useGreenfield(): Greenfield {
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await withServer()
  })
  afterAll(() => server?.close())
  afterEach(() => server?.control.reset())
  const live = (): TestServer => {
    if (!server) throw new Error('server not started')
    return server
  }
  return {
    get server() {
      return live()
    },
    key: (...permissions) => live().control.createApiKey({ permissions }).apiKey,
    call: (method, path, apiKey, body) =>
      request(`${live().url}/api/v1${path}`, {
        method,
        headers: gf(apiKey),
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  }
}
