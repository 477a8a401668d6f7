/**
 * Read a response body with a byte budget. `response.text()` would buffer whatever a server sends
 * (a hostile one pushed gigabytes into main); this counts bytes as they stream in and stops, with
 * the socket aborted, the moment the budget is spent.
 */

/** Thrown when a body grows past its budget; the request's socket has been aborted by then. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
  constructor(readonly limitBytes: number) {
    super(`response body larger than ${limitBytes} bytes`)
  }
}

/**
 * The whole body as bytes, or BodyTooLargeError after calling `abort` (which must close the
 * connection, e.g. an AbortController given to fetch). A Content-Length over the budget is refused
 * before a single byte is read.
 */
export async function readCappedBody(
  response: Response,
  limitBytes: number,
  abort: () => void,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > limitBytes) {
    abort()
    throw new BodyTooLargeError(limitBytes)
  }
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limitBytes) {
      abort()
      void reader.cancel().catch(() => {})
      throw new BodyTooLargeError(limitBytes)
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}
