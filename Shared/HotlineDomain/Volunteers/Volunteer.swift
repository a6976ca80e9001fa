/// A community volunteer (志愿者) of the service menu: who may be offered which orders, and when.
/// The phone is personal data, protected like a resident's: never in a log, a metric label or
/// an event (events carry the code).
public struct Volunteer: Codable, Sendable, Hashable {
    /// The volunteer's code, unique in the city (`V-001`).
    public var code: String
    /// The name as the community knows it.
    public var name: String
    /// The normalized mobile phone the offers go to and the replies come from.
    public var phone: String
    /// The community code (grids.geojson `community.code`) the volunteer serves.
    public var community: String
    /// Codes of the volunteer categories the volunteer takes orders of.
    public var skills: [String]
    /// ISO weekdays (1 Monday ... 7 Sunday) the volunteer is available on; empty means every day.
    public var weekdays: [Int]
    /// A paused volunteer is offered nothing (ill, away) but keeps the points.
    public var paused: Bool
    /// Household codes whose 专属观察员 this volunteer is: told first when a check-in is missed.
    public var observes: [String]

    /// Creates a volunteer.
    public init(
        code: String, name: String, phone: String, community: String, skills: [String], weekdays: [Int] = [], paused: Bool = false,
        observes: [String] = []
    ) {
        self.code = code
        self.name = name
        self.phone = phone
        self.community = community
        self.skills = skills
        self.weekdays = weekdays
        self.paused = paused
        self.observes = observes
    }

    /// Whether an order of `category` in `community` on ISO `weekday` is offered to this volunteer.
    public func isOffered(category: String, community: String, weekday: Int) -> Bool {
        !self.paused && self.community == community && self.skills.contains(category)
            && (self.weekdays.isEmpty || self.weekdays.contains(weekday))
    }
}
