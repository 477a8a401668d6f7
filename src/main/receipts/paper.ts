/** The characters a line holds on each paper width, and line breaking for free text. */
import type { PaperWidth } from '../../shared/receipt-settings'

/** Font A is 12 dots wide: 384 printable dots on 58 mm paper, 576 on 80 mm. */
export const charsPerLine: Record<PaperWidth, number> = { 58: 32, 80: 48 }

/**
 * Breaks text into lines of at most `width` characters at spaces; a word longer than a line is
 * cut. The printer would otherwise break lines mid-word.
 */
export function wrapWords(value: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of value.split(/\s+/).filter(Boolean)) {
    let rest = word
    while (rest.length > width) {
      if (line) lines.push(line)
      line = ''
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
    }
    if (!rest) continue
    if (!line) line = rest
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`
    else {
      lines.push(line)
      line = rest
    }
  }
  if (line) lines.push(line)
  return lines
}
