/** How a form's action ended, in words for the person at the till. */
export type Outcome = { ok: boolean; text: string }

/**
 * The one way a form shows its outcome: a status line when it worked, an alert when it did not.
 * `mono` for an outcome that is a path or code to read exactly.
 */
export function FormResult({
  result,
  testId,
  mono = false,
}: {
  result: Outcome | null
  testId: string
  mono?: boolean
}) {
  if (!result) return null
  return (
    <p
      className={`message${result.ok ? '' : ' error'}${mono ? ' mono' : ''}`}
      role={result.ok ? 'status' : 'alert'}
      data-testid={testId}
    >
      {result.text}
    </p>
  )
}
