import CaseStore
import Foundation
import HotlineDomain

/// A volunteer as the API shows it; the phone only on a single volunteer's page.
struct VolunteerView: Encodable, Sendable {
    /// A service order that earned points.
    struct PointsTicket: Encodable, Sendable {
        var id: String
        var number: String
        var points: Int
        var at: Date
    }

    var code: String
    var name: String
    var phone: String?
    var community: String
    var skills: [String]
    var weekdays: [Int]
    var paused: Bool
    var points: Int
    var rank: Int?
    var observes: [String]?
    var tickets: [PointsTicket]?
    var ledger: [VolunteerLedger.Entry]?

    init(_ record: VolunteerRecord, rank: Int?, withPhone: Bool) {
        let volunteer = record.volunteer
        self.code = volunteer.code
        self.name = volunteer.name
        self.phone = withPhone ? volunteer.phone : nil
        self.community = volunteer.community
        self.skills = volunteer.skills
        self.weekdays = volunteer.weekdays
        self.paused = volunteer.paused
        self.points = record.points
        self.rank = rank
    }
}

/// `GET /v1/volunteers`: the ranking of a community (or of every one).
struct VolunteerList: Encodable, Sendable {
    var community: String?
    var volunteers: [VolunteerView]

    enum CodingKeys: String, CodingKey {
        case community, volunteers, rows
    }

    // The list also under `rows`, as `GET /v1/rankings` names its ranked rows.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.community, forKey: .community)
        try c.encode(self.volunteers, forKey: .volunteers)
        try c.encode(self.volunteers, forKey: .rows)
    }
}
