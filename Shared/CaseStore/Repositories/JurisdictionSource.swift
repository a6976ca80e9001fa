import Foundation

/// Where the current jurisdiction comes from: the ``JurisdictionCache`` over the database in a
/// running service, a ``FixedJurisdiction`` in router tests.
public protocol JurisdictionSource: Sendable {
    /// The current snapshot; throws ``JurisdictionMissing`` when none was imported yet.
    func snapshot() async throws -> JurisdictionSnapshot
}

extension JurisdictionCache: JurisdictionSource {}

/// A jurisdiction that never changes (the in-memory twin of ``JurisdictionCache``); nil answers
/// ``JurisdictionMissing`` as a fresh database would.
public struct FixedJurisdiction: JurisdictionSource {
    /// The snapshot every call answers.
    public let current: JurisdictionSnapshot?

    /// A source answering `snapshot` (nil: none imported).
    public init(_ snapshot: JurisdictionSnapshot?) {
        self.current = snapshot
    }

    public func snapshot() async throws -> JurisdictionSnapshot {
        guard let current = self.current else { throw JurisdictionMissing() }
        return current
    }
}
