import Foundation
import HotlineDomain
import Postgres

/// A stored volunteer with its points balance.
public struct VolunteerRecord: Sendable {
    /// The volunteer as imported or edited.
    public var volunteer: Volunteer
    /// The points balance (the ledger's last balance).
    public var points: Int

    /// A record of `volunteer` with `points` (the in-memory twins make them).
    public init(volunteer: Volunteer, points: Int = 0) {
        self.volunteer = volunteer
        self.points = points
    }

    /// Decodes a row of ``VolunteerStore``'s columns.
    init(row: PostgresRow) throws {
        self.volunteer = Volunteer(
            code: try row.decode("code", as: String.self), name: try row.decode("name", as: String.self),
            phone: try row.decode("phone", as: String.self), community: try row.decode("community", as: String.self),
            skills: try row.decode("skills", as: [String].self),
            weekdays: try row.decode("weekdays", as: [Int].self),
            paused: try row.decode("paused", as: Bool.self)
        )
        self.points = try row.decode("points", as: Int.self)
    }
}
