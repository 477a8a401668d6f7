import type { SenderInfo } from '../ipc/dispatcher'
import { isSameOrigin } from './navigation'

/** A request is trusted only from the top frame of our own window showing our own origin. */
export function senderTrustPolicy(expected: { contentsId: () => number | null; origin: string }) {
  return (sender: SenderInfo): boolean =>
    sender.isTopFrame &&
    sender.contentsId === expected.contentsId() &&
    sender.frameUrl !== null &&
    isSameOrigin(sender.frameUrl, expected.origin)
}
