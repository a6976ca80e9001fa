import Foundation
import HotlineDomain

extension Ticket {
    /// `new` as the store inserts it: status `received`, version 1, nothing routed yet (the
    /// in-memory twin's ticket; the database builds it from the inserted row instead).
    static func received(_ new: NewTicket, number: String) throws -> Ticket {
        var caller: [String: JSONValue] = [:]
        if let name = new.callerName { caller["name"] = .string(name) }
        if let phone = new.callerPhone { caller["phone"] = .string(phone) }
        var location: [String: JSONValue] = [:]
        if let address = new.address { location["address"] = .string(address) }
        if let coordinate = new.coordinate {
            location["lat"] = .number(coordinate.lat)
            location["lon"] = .number(coordinate.lon)
        }
        if let grid = new.grid { location["grid"] = .string(grid) }
        var object: [String: JSONValue] = [
            "id": .string(new.id.lowercased()), "number": .string(number), "status": .string(TicketStatus.received.rawValue),
            "version": .number(1), "channel": .string(new.channel.rawValue), "caller": .object(caller),
            "description": .string(new.description), "location": .object(location),
            "createdAt": .string(HotlineJSON.format(new.createdAt)), "updatedAt": .string(HotlineJSON.format(new.createdAt)),
            "deadlines": .object([:]), "reopenCount": .number(0), "returnCount": .number(0), "duplicateCount": .number(0),
            "followUp": .bool(false),
        ]
        if let category = new.category ?? new.requestedCategory { object["category"] = .string(category) }
        if let urgency = new.urgency { object["urgency"] = .string(urgency.rawValue) }
        if let major = new.major { object["major"] = .string(major.rawValue) }
        if let externalId = new.externalId { object["externalId"] = .string(externalId) }
        if let traceId = new.traceId { object["traceId"] = .string(traceId) }
        return try HotlineJSON.decoder().decode(Ticket.self, from: try HotlineJSON.encoder().encode(JSONValue.object(object)))
    }
}
