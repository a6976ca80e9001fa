/// How soon a ticket of one urgency must be responded to and resolved.
public struct SLATerms: Codable, Sendable, Hashable {
    /// Time allowed until the handler responds (accepts).
    public var respond: ISODuration
    /// Time allowed until the ticket is resolved.
    public var resolve: ISODuration
    /// Whether whole days count working days on the calendar rather than elapsed days.
    public var workingDays: Bool

    /// Creates terms.
    public init(respond: ISODuration, resolve: ISODuration, workingDays: Bool = false) {
        self.respond = respond
        self.resolve = resolve
        self.workingDays = workingDays
    }
}
