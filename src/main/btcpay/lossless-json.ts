/**
 * JSON.parse, but every number arrives as its exact source text (a string). Legacy BTCPay
 * responses carry prices as JSON numbers ("price": 12.50); parsing them as floats would break the
 * rule that money is never a float. Schemas then turn the strings into what each field needs.
 */

// One native regex pass: string literals are matched first (and copied untouched, so digits inside
// them stay put); every other run of number characters is quoted. JSON.parse then rejects
// anything that was not valid JSON to begin with.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?[0-9][0-9eE.+-]*|-/g
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/

export function parseJsonNumbersAsStrings(text: string): unknown {
  return JSON.parse(
    text.replace(TOKEN, (token) => {
      if (token.charCodeAt(0) === 34) return token
      if (!JSON_NUMBER.test(token)) throw new SyntaxError('invalid number in JSON')
      return `"${token}"`
    }),
  )
}
