import Foundation
import HotlineDomain

/// 吹哨报到: a community secretary (or the centre) calls departments to a live ticket
/// (docs/grid.md).
public protocol SummonRepository: Sendable {
    /// Adds `departments` to ticket `id` as assisting ones (``CaseStore/summon(_:departments:by:community:note:using:on:)``);
    /// `community`, when given (a secretary's key), must be the ticket's, else `CaseError.notFound`.
    func summon(
        _ id: String, departments: [String], by name: String, community: String?, note: String?, using snapshot: JurisdictionSnapshot
    ) async throws -> Ticket
}
