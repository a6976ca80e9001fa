import CaseStore
import Foundation
import HotlineDomain

/// Validates the body of `POST /v1/tickets` and reports every problem at once.
struct TicketForm {
    static let maxDescription = 2000

    /// A `NewTicket` from `body`, or `APIError.badRequest` listing each bad field.
    static func parse(_ body: [String: Any], snapshot: JurisdictionSnapshot) throws -> NewTicket {
        var errors: [APIError.FieldError] = []
        func fail(_ field: String, _ message: String) { errors.append(.init(field: field, message: message)) }
        func string(_ value: Any?, _ field: String, max: Int = 200) -> String? {
            guard let value, !(value is NSNull) else { return nil }
            guard let text = value as? String else { fail(field, "must be a string"); return nil }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.count > max { fail(field, "longer than \(max) characters") }
            if trimmed.unicodeScalars.contains("\u{0}") { fail(field, "contains a NUL character") }
            return trimmed.isEmpty ? nil : trimmed
        }
        func object(_ value: Any?, _ field: String) -> [String: Any] {
            guard let value, !(value is NSNull) else { return [:] }
            guard let dict = value as? [String: Any] else { fail(field, "must be an object"); return [:] }
            return dict
        }
        func number(_ value: Any?, _ field: String, range: ClosedRange<Double>) -> Double? {
            guard let value, !(value is NSNull) else { return nil }
            guard !(value is Bool), let n = value as? NSNumber, String(cString: n.objCType) != "c" else { fail(field, "must be a number"); return nil }
            guard range.contains(n.doubleValue) else { fail(field, "must be within \(range.lowerBound)...\(range.upperBound)"); return nil }
            return n.doubleValue
        }
        func enumValue<T: RawRepresentable & CaseIterable>(_ value: Any?, _ field: String, _: T.Type) -> T? where T.RawValue == String {
            guard let text = string(value, field) else { return nil }
            guard let parsed = T(rawValue: text) else {
                fail(field, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return parsed
        }

        let known: Set<String> = ["channel", "caller", "description", "category", "location", "urgency", "major", "externalId"]
        for key in body.keys where !known.contains(key) { fail(key, "unknown field") }
        let channel = enumValue(body["channel"], "channel", Channel.self) ?? .phone
        let caller = object(body["caller"], "caller")
        let callerName = string(caller["name"], "caller.name", max: 50)
        var callerPhone: String?
        if let raw = string(caller["phone"], "caller.phone", max: 30) {
            callerPhone = PhoneNumber.normalize(raw)
            if callerPhone == nil { fail("caller.phone", "not a mainland mobile (1xxxxxxxxxx) or landline (0xxx-xxxxxxx) number") }
        }
        let description = string(body["description"], "description", max: Self.maxDescription)
        if description == nil, !errors.contains(where: { $0.field == "description" }) { fail("description", "required") }
        let requestedCategory = string(body["category"], "category", max: 64)
        if let code = requestedCategory, snapshot.category(code) == nil { fail("category", "unknown category '\(code)'") }
        let location = object(body["location"], "location")
        let address = string(location["address"], "location.address", max: 300)
        let lat = number(location["lat"], "location.lat", range: -90...90)
        let lon = number(location["lon"], "location.lon", range: -180...180)
        if (location["lat"] == nil) != (location["lon"] == nil) { fail("location", "lat and lon come together") }
        let grid = string(location["grid"], "location.grid", max: 64)
        if let grid, snapshot.grids.grid(code: grid) == nil { fail("location.grid", "unknown grid '\(grid)'") }
        if address == nil, lat == nil || lon == nil, grid == nil, !errors.contains(where: { $0.field.hasPrefix("location") }) {
            fail("location", "give at least one of address, lat+lon, grid")
        }
        let urgency = enumValue(body["urgency"], "urgency", Urgency.self)
        let major = enumValue(body["major"], "major", MajorMatter.self)
        let externalId = string(body["externalId"], "externalId", max: 100)
        guard errors.isEmpty, let description else { throw APIError.badRequest(errors) }

        let category = requestedCategory ?? snapshot.classifier.classify(description)?.code
        return NewTicket(
            channel: channel, callerName: callerName, callerPhone: callerPhone, description: description,
            requestedCategory: requestedCategory, category: category, address: address,
            coordinate: lat.flatMap { lat in lon.map { Coordinate(lat: lat, lon: $0) } }, grid: grid, urgency: urgency,
            major: major, externalId: externalId
        )
    }
}
