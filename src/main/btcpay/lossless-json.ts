/**
 * JSON.parse, but every number arrives as its exact source text (a string). Legacy BTCPay
 * responses carry prices as JSON numbers ("price": 12.50); parsing them as floats would break the
 * rule that money is never a float. Schemas then turn the strings into what each field needs.
 */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/

export function parseJsonNumbersAsStrings(text: string): unknown {
  let out = ''
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i] as string
    if (c === '"') {
      // copy the whole string literal, honouring escapes
      let j = i + 1
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j + 1
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1
      while (j < n && /[0-9eE.+-]/.test(text[j] as string)) j++
      const literal = text.slice(i, j)
      if (!JSON_NUMBER.test(literal)) throw new SyntaxError('invalid number in JSON')
      out += `"${literal}"`
      i = j
    } else {
      out += c
      i++
    }
  }
  return JSON.parse(out)
}
