import CaseStore
import Foundation
import HotlineDomain

extension InMemoryCases {
    /// A ticket already routed, for a router or unit test: a phone call from `caller` about
    /// `description` in grid `620402001` (community `620402101`, street `620402` of the test
    /// jurisdiction, Tests/HotlineDomainTests/Fixtures/valid), rewritten to `status` with
    /// `handler` (`department`, `community`, `volunteer`), `lead` as its lead department, and
    /// `volunteer` when given; stored here and returned.
    public func routedTicket(
        status: String = "assigned", handler: String, lead: (code: String, name: String)? = nil, caller: String = "13800000001",
        description: String = "路灯不亮", volunteer: String? = nil
    ) async throws -> Ticket {
        let new = NewTicket(
            channel: .phone, callerName: "张三", callerPhone: caller, description: description, requestedCategory: nil,
            category: "streetlight", address: "水川镇1号", coordinate: nil, grid: "620402001", urgency: nil, major: nil, externalId: nil
        )
        let created = try await self.create(new, promisedBy: nil)
        var object = try JSONValue(parsing: HotlineJSON.encoder().encode(created)).objectValue ?? [:]
        object["status"] = .string(status)
        if let volunteer { object["volunteer"] = .string(volunteer) }
        object["routing"] = .object([
            "grid": .string("620402001"), "community": .string("620402101"), "street": .string("620402"), "handler": .string(handler),
            "departments": .array(lead.map { [.object(["code": .string($0.code), "name": .string($0.name), "role": .string("lead")])] } ?? []),
            "level": .string("community"), "reasons": .array([]),
        ])
        let ticket = try HotlineJSON.decoder().decode(Ticket.self, from: HotlineJSON.encoder().encode(JSONValue.object(object)))
        self.put(ticket)
        return ticket
    }
}
