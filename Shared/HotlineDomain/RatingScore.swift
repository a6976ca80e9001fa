/// A resident's rating of a resolved ticket (评单), as sent by SMS or the API.
public enum RatingScore: Int, Codable, Sendable, CaseIterable {
    /// 1: 满意.
    case satisfied = 1
    /// 2: 基本满意.
    case basicallySatisfied = 2
    /// 3: 不满意; the ticket is reopened (重办).
    case dissatisfied = 3

    /// Whether this rating closes the ticket rather than reopening it.
    public var closesTicket: Bool {
        self != .dissatisfied
    }
}
