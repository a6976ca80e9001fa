import CaseStore
import Foundation
import HotlineDomain

/// Validates the body of `POST /v1/broadcasts` and reports every problem at once:
/// `{"scope": {"street" | "community" | "district": code}, "text", "requireAck": true}`.
struct BroadcastForm: Sendable {
    static let maxText = 300

    /// Where it goes.
    var scope: BroadcastScope
    /// What it says (trimmed).
    var text: String
    /// Whether workers are asked to reply 收到 (default true).
    var requireAck: Bool
    /// The grid workers it will reach, as the jurisdiction stands now.
    var recipients: [BroadcastRecipient]

    /// The form in `body`, or `APIError.badRequest` listing each bad field.
    static func parse(_ body: [String: Any], snapshot: JurisdictionSnapshot) throws -> BroadcastForm {
        var errors: [APIError.FieldError] = []
        func fail(_ field: String, _ message: String) { errors.append(.init(field: field, message: message)) }
        for key in body.keys where !["scope", "text", "requireAck"].contains(key) { fail(key, "unknown field") }

        var scope: BroadcastScope?
        if let object = body["scope"] as? [String: Any] {
            let levels = object.keys.filter { BroadcastScope.Level(rawValue: $0) != nil }
            for key in object.keys where BroadcastScope.Level(rawValue: key) == nil { fail("scope.\(key)", "unknown field") }
            if levels.count != 1 {
                fail("scope", "give exactly one of street, community, district")
            } else if let level = BroadcastScope.Level(rawValue: levels[0]) {
                let field = "scope.\(level.rawValue)"
                if let code = (object[level.rawValue] as? String)?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
                    let candidate = BroadcastScope(level: level, code: code)
                    if snapshot.jurisdiction.grids.contains(where: candidate.contains) {
                        scope = candidate
                    } else {
                        fail(field, "unknown \(level.rawValue) '\(code)'")
                    }
                } else {
                    fail(field, "must be a non-empty code")
                }
            }
        } else {
            fail("scope", body["scope"] == nil ? "required" : "must be an object such as {\"street\": \"620402001\"}")
        }

        var text: String?
        if let raw = body["text"] as? String {
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { fail("text", "required") }
            else if trimmed.count > Self.maxText { fail("text", "longer than \(Self.maxText) characters") }
            else { text = trimmed }
        } else {
            fail("text", body["text"] == nil ? "required" : "must be a string")
        }

        var requireAck = true
        if let value = body["requireAck"], !(value is NSNull) {
            if let flag = value as? NSNumber, String(cString: flag.objCType) == "c" { requireAck = flag.boolValue }
            else if let flag = value as? Bool { requireAck = flag }
            else { fail("requireAck", "must be true or false") }
        }

        let recipients = scope?.recipients(in: snapshot.jurisdiction.grids) ?? []
        if scope != nil, recipients.isEmpty { fail("scope", "no grid worker with a phone in this scope") }
        guard errors.isEmpty, let scope, let text else { throw APIError.badRequest(errors) }
        return BroadcastForm(scope: scope, text: text, requireAck: requireAck, recipients: recipients)
    }
}
