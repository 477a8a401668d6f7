import type { z } from 'zod'
import { say, type Sentence } from '../../shared/ipc/sentence'

/**
 * Turns zod's first issue with a request into the field it concerns and a sentence for the
 * manager ("The largest charge must be a whole number."), never zod's own wording or a path. The
 * one place such sentences are made, for the dispatcher and the settings store alike.
 */
export type InputProblem = { field: string | null; message: string; words: Sentence }

/** What each field the manager types is called on screen. */
const fieldNames: Record<string, string> = {
  terminalLabel: 'The terminal name',
  cashier: 'The cashier',
  currency: 'The currency',
  maxAmount: 'The largest charge',
  returnToKeypadSeconds: 'The seconds before the keypad comes back',
  tipPercentages: 'The tip percentages',
  serverUrl: 'The server address',
  pairingCode: 'The pairing code',
  pin: 'The PIN',
  currentPin: 'The current PIN',
  shopName: 'The shop name',
  footer: 'The receipt footer',
  printer: 'The printer',
  search: 'The search',
  billLaterTitle: 'The title of a bill',
  billLaterExpiryDays: 'The days a bill stays payable',
}

/** What a field's form is, for the fields whose form a manager types by hand. */
const formOf: Record<string, string> = {
  pairingCode: 'The pairing code is the 7 letters and digits BTCPay shows.',
  pin: 'A PIN has 4 to 12 digits.',
}

/** The sentence for the renderer: the same meaning, with the field named by its contract key. */
function words(key: string | null, issue: z.core.$ZodIssue): Sentence {
  const field = key ?? ''
  switch (issue.code) {
    case 'invalid_type':
      return say(
        issue.expected === 'number' || issue.expected === 'int'
          ? 'input.whole-number'
          : 'input.missing',
        { field },
      )
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? say('input.empty', { field })
          : say('input.min-length', { field, count: Number(issue.minimum) })
        : say('input.at-least', { field, value: Number(issue.minimum) })
    case 'too_big':
      return issue.origin === 'string'
        ? say('input.max-length', { field, count: Number(issue.maximum) })
        : say('input.at-most', { field, value: Number(issue.maximum) })
    case 'invalid_format':
      return key === 'pairingCode'
        ? say('input.pairing-code-form')
        : key === 'pin'
          ? say('input.pin-form')
          : say('input.form', { field })
    case 'unrecognized_keys':
      return say('input.unknown-fields')
    default:
      return say('input.not-valid', { field })
  }
}

function sentence(name: string, key: string | null, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int'
        ? `${name} must be a whole number.`
        : `${name} is missing or not valid.`
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? `${name} cannot be empty.`
          : `${name} needs at least ${issue.minimum} characters.`
        : `${name} must be at least ${issue.minimum}.`
    case 'too_big':
      return issue.origin === 'string'
        ? `${name} can have at most ${issue.maximum} characters.`
        : `${name} can be at most ${issue.maximum}.`
    case 'invalid_format':
      return (key && formOf[key]) ?? `${name} is not in the right form.`
    case 'unrecognized_keys':
      return 'The request has fields the terminal does not know.'
    default:
      return `${name} is not valid.`
  }
}

export function inputProblem(issues: readonly z.core.$ZodIssue[]): InputProblem {
  const issue = issues[0]
  if (!issue)
    return {
      field: null,
      message: 'The request could not be read.',
      words: say('input.unreadable'),
    }
  const key = issue.path.findLast((p): p is string => typeof p === 'string') ?? null
  const name = (key && fieldNames[key]) ?? 'A value'
  return { field: key, message: sentence(name, key, issue), words: words(key, issue) }
}
