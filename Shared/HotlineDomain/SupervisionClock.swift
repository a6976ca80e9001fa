import Foundation

/// The arithmetic of extensions (延期) and pauses (挂起): pure, so the store, the SLA watch and
/// the rankings agree on what a deadline is once time has been added or stopped.
public enum SupervisionClock {
    /// Why an extension request is refused, as a field error.
    public struct Refusal: Error, Equatable, Sendable {
        /// The request field at fault.
        public var field: String
        /// The reason, for the API's message.
        public var message: String
    }

    /// Checks an extension request: a reason is given and `until` is after both now and the
    /// current deadline (an "extension" that shortens the time is not one).
    public static func checkExtension(until: Date, reason: String, currentResolveBy: Date?, now: Date) throws(Refusal) {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Refusal(field: "reason", message: "an extension needs its reason")
        }
        guard until > now else { throw Refusal(field: "until", message: "must be in the future") }
        if let currentResolveBy, until <= currentResolveBy {
            throw Refusal(field: "until", message: "must be later than the current deadline")
        }
    }

    /// A deadline after a pause that began at `pausedAt` ends at `resumedAt`: moved by the
    /// paused time, so the handler loses none of the time the clock was stopped.
    public static func resumed(_ deadline: Date, pausedAt: Date, resumedAt: Date) -> Date {
        deadline.addingTimeInterval(max(0, resumedAt.timeIntervalSince(pausedAt)))
    }

    /// The deadline a ticket is judged by at `now`: the stored one (already moved by approved
    /// extensions and past pauses) plus, while paused, the time paused so far. `nil` stays `nil`.
    public static func effectiveDeadline(_ deadline: Date?, pausedAt: Date?, now: Date) -> Date? {
        guard let deadline else { return nil }
        guard let pausedAt else { return deadline }
        return self.resumed(deadline, pausedAt: pausedAt, resumedAt: now)
    }

    /// Whether a ticket resolved at `resolvedAt` (or still open at `now`) kept its deadline.
    /// An open ticket whose deadline is still ahead (or paused) is not late yet.
    public static func onTime(resolveBy: Date?, resolvedAt: Date?, pausedAt: Date?, now: Date) -> Bool {
        guard let deadline = self.effectiveDeadline(resolveBy, pausedAt: pausedAt, now: now) else { return true }
        return (resolvedAt ?? now) <= deadline
    }
}
