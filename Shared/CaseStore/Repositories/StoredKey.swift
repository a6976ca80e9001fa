import Foundation

/// An API key as stored: its scope and its state, never its secret (only the secret's digest).
public struct StoredKey: Sendable, Equatable {
    /// The key's id (a UUID).
    public var id: String
    /// Who holds the key.
    public var name: String
    /// The role's raw value (`operator`, `admin`, `department`...).
    public var role: String
    /// Scope: the department, grid, community or volunteer code the role names.
    public var department: String?
    public var grid: String?
    public var community: String?
    public var volunteer: String?
    /// When the key stops working, if ever.
    public var expiresAt: Date?
    /// When it was made.
    public var createdAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?
    /// SHA-256 of the secret, hex.
    public var keyHash: String

    /// A key record; `createdAt` defaults to now.
    public init(
        id: String, name: String, role: String, department: String? = nil, grid: String? = nil, community: String? = nil,
        volunteer: String? = nil, expiresAt: Date? = nil, createdAt: Date = Date(), revokedAt: Date? = nil, keyHash: String
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.department = department
        self.grid = grid
        self.community = community
        self.volunteer = volunteer
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.keyHash = keyHash
    }

    /// `active`, `expired` (by `now`) or `revoked`.
    public func state(at now: Date = Date()) -> String {
        self.revokedAt != nil ? "revoked" : (self.expiresAt.map { $0 <= now } ?? false) ? "expired" : "active"
    }
}
