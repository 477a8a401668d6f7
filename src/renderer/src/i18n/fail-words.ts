import i18next, { type TFunction } from 'i18next'
import type { Fail } from '../../../shared/ipc/result'
import type { Sentence } from '../../../shared/ipc/sentence'
import { codeWords } from './code-words'
import { sentenceWords } from './sentence-words'
// Sets i18next up, for a store that words a failure before any screen has.
import '.'

/** The part of a failure the renderer words; a store may keep just this. */
export type Problem = Pick<Fail, 'code' | 'words'>

/** Main's sentences in the screen's language, one after the other. */
export function sentencesWords(words: readonly Sentence[], t: TFunction, locale: string): string {
  return words.map((s) => sentenceWords(s, t, locale)).join(' ')
}

/**
 * Main's sentences in the screen's language; where it sent none (state written before it sent
 * sentences), its English as it is.
 */
export function wordsOr(
  words: readonly Sentence[] | null | undefined,
  english: string | null,
  t: TFunction,
  locale: string,
): string | null {
  return words ? sentencesWords(words, t, locale) : english
}

/**
 * A failure in the screen's language: main's sentences when it sent some, else its code's words.
 * Never main's English `message`.
 */
export function failWords(problem: Problem, t: TFunction, locale: string): string {
  return problem.words && problem.words.length > 0
    ? sentencesWords(problem.words, t, locale)
    : t(codeWords[problem.code])
}

/**
 * The same for a store, outside React: in the language on screen when the failure came. A store
 * keeps the words it showed; the next answer brings words in a newly chosen language.
 */
export function failText(problem: Problem): string {
  return failWords(problem, i18next.t, i18next.language)
}
