import { useEffect, useRef } from 'react'

/**
 * Main's sentence about one input, standing under that input: scrolled into view when it appears
 * and announced to screen readers. The input points at it with aria-describedby.
 */
export function FieldError({ id, text }: { id: string; text: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (text) ref.current?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }, [text])
  return (
    <p
      ref={ref}
      id={id}
      className={text ? 'message error field-error' : 'visually-hidden'}
      aria-live="assertive"
      role={text ? 'alert' : undefined}
      data-testid={id}
    >
      {text}
    </p>
  )
}
