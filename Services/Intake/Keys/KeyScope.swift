import Foundation
import HotlineDomain

/// What a new key may do: its role, the one scope field that role needs, and an optional expiry.
/// Validated the same way for `POST /v1/keys` and `intake keys create`.
struct KeyScope: Sendable {
    var role: Role
    var department: String?
    var grid: String?
    var community: String?
    var volunteer: String?
    var expiresAt: Date?

    /// The longest name, scope code or volunteer code a key may carry.
    static let maxLength = 100

    /// Checks the combination: the role's scope field present (and known to the jurisdiction
    /// when `known` can tell), every other scope field absent, an expiry in the future.
    /// Returns the problems, one per field; empty when valid.
    static func validate(
        role text: String?, department: String?, grid: String?, community: String?, volunteer: String?, expiresAt: Date?,
        known: ((String, String) -> Bool)? = nil
    ) -> (scope: KeyScope?, errors: [(field: String, message: String)]) {
        var errors: [(field: String, message: String)] = []
        guard let text, let role = Role(rawValue: text) else {
            return (nil, [("role", "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")])
        }
        let given: [(String, String?)] = [("department", department), ("grid", grid), ("community", community), ("volunteer", volunteer)]
        for (field, value) in given {
            if field == role.scopeField {
                guard let value, !value.isEmpty else {
                    errors.append((field, "required for role \(role.rawValue)"))
                    continue
                }
                if value.count > Self.maxLength {
                    errors.append((field, "at most \(Self.maxLength) characters"))
                } else if let known, !known(field, value) {
                    errors.append((field, "unknown \(field) \(value)"))
                }
            } else if value != nil {
                errors.append((field, "only for role \(Role.allCases.first { $0.scopeField == field }?.rawValue ?? "-")"))
            }
        }
        if let expiresAt, expiresAt <= Date() { errors.append(("expiresAt", "must be in the future")) }
        guard errors.isEmpty else { return (nil, errors) }
        return (
            KeyScope(role: role, department: department, grid: grid, community: community, volunteer: volunteer, expiresAt: expiresAt),
            []
        )
    }
}
