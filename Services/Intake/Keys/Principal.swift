import Foundation

/// Who is calling, after authentication.
struct Principal: Sendable {
    var keyId: String
    var name: String
    var role: Role
    var department: String?
    /// The grid a grid worker's key is scoped to (role `grid`).
    var grid: String? = nil
    /// The community a secretary's key is scoped to (role `secretary`).
    var community: String? = nil
    /// The volunteer code a volunteer's key belongs to (role `volunteer`).
    var volunteer: String? = nil
    /// When the key stops working, if ever.
    var expiresAt: Date? = nil

    /// Whether the key has expired by now.
    var isExpired: Bool { self.expiresAt.map { $0 <= Date() } ?? false }
}
