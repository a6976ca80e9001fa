import CaseStore
import Foundation
import HotlineDomain

/// A household as the API shows it. Phones are whole only on a household's own page (a read
/// that is recorded); lists mask them.
struct HouseholdView: Encodable {
    struct Member: Encodable {
        var name: String
        var phone: String?
        var birthYear: Int?
        var age: Int?
        var ageBand: String?
        var flags: [MemberFlag]
    }

    struct Watcher: Encodable {
        var name: String
        var phone: String
    }

    var code: String
    var address: String
    var grid: String
    var gridName: String?
    var community: String?
    var street: String?
    var lat: Double?
    var lon: Double?
    var kind: HouseholdKind
    var checkin: Bool
    var colour: HouseholdColour
    var colourReason: String
    var ruleColour: HouseholdColour
    var override: HouseholdRecord.Override?
    var watcher: Watcher?
    var members: [Member]
    var createdAt: Date
    var updatedAt: Date
    // The page's extras (absent in lists).
    var lastVisitAt: Date?
    var nextVisitDue: Date?
    var visits: [HouseholdVisits.Visit]?
    var checkins: [HouseholdCheckins.Checkin]?
    var tickets: [HouseholdFile.TicketLine]?
    var history: [HouseholdStore.HistoryEntry]?

    init(_ record: HouseholdRecord, year: Int, snapshot: JurisdictionSnapshot?, maskPhones: Bool) {
        let h = record.household
        let grid = snapshot?.grids.grid(code: h.grid)
        func phone(_ value: String) -> String { maskPhones ? PhoneNumber.mask(value) : value }
        self.code = h.code
        self.address = h.address
        self.grid = h.grid
        self.gridName = grid?.name
        self.community = grid?.community.name
        self.street = grid?.street.name
        self.lat = h.coordinate?.lat
        self.lon = h.coordinate?.lon
        self.kind = h.kind
        self.checkin = h.checkin
        self.colour = record.colour
        self.colourReason = record.override.map { "override by \($0.by): \($0.reason)" } ?? record.colourReason
        self.ruleColour = record.ruleColour
        self.override = record.override
        self.watcher = h.watcher.map { Watcher(name: $0.name, phone: phone($0.phone)) }
        self.members = h.members.map { m in
            Member(
                name: m.name, phone: m.phone.map(phone), birthYear: m.birthYear, age: m.age(in: year),
                ageBand: m.birthYear.map { AgeBand(birthYear: $0, in: year).rawValue }, flags: m.flags
            )
        }
        self.createdAt = record.createdAt
        self.updatedAt = record.updatedAt
    }
}
