/** Nonzero decimal text ("0.0001" yes, "0" and "0.00000000" no), without parsing it to a number. */
export const someBtc = (text: string | null | undefined): text is string =>
  typeof text === 'string' && /[1-9]/.test(text)
