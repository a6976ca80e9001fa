import Foundation
import HotlineDomain

/// The operators' view of tickets: creation (group commit, or idempotent by key), reading,
/// listing and the operator's actions. ``PostgresTicketRepository`` wraps ``CaseStore``;
/// ``InMemoryCases`` is its twin for router tests.
public protocol TicketRepository: Sendable {
    /// Creates `new` as `received` (with its `ticket.received` event) in the next group commit.
    func create(_ new: NewTicket, promisedBy: Date?) async throws -> Ticket
    /// Creates `new` unless `idempotency` was seen: then the earlier ticket, `replayed` true;
    /// ``IdempotencyKey/reused`` when it came with another body.
    func create(_ new: NewTicket, promisedBy: Date?, idempotency: IdempotencyKey) async throws -> (ticket: Ticket, replayed: Bool)
    /// The resolve-by the receipt promises (what routing will decide).
    func promise(_ new: NewTicket, using snapshot: JurisdictionSnapshot) async throws -> Date?
    /// The ticket with this id or number, with its history and its attachments.
    func find(_ idOrNumber: String) async throws -> (ticket: Ticket, attachments: [Attachment])?
    /// One page of tickets.
    func list(_ filter: TicketFilter) async throws -> TicketPage
    /// An operator's dispatch to a grid or a department.
    func dispatch(_ id: String, grid: String?, department: String?, by actor: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket
    /// A rating; a dissatisfied one reopens.
    func rate(_ id: String, score: RatingScore, reason: String?, source: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket
    /// A cancellation.
    func cancel(_ id: String, reason: String?, by actor: String) async throws -> Ticket
    /// Unlinks a duplicate from its parent.
    func unlink(_ id: String, by actor: String, using snapshot: JurisdictionSnapshot) async throws -> Ticket
}

/// The tasks of the parties that handle tickets: a department's, a grid worker's, a secretary's.
public protocol TaskRepository: Sendable {
    /// The open tasks of `department` (assigned or accepted), soonest resolve-by first.
    func openTasks(ofDepartment department: String) async throws -> [Ticket]
    /// The open tasks of a grid party.
    func openTasks(of party: GridParty) async throws -> [Ticket]
    /// A department's reply.
    func reply(_ id: String, action: ReplyAction, department: String, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket
    /// A grid worker's or secretary's reply (`notFound` for another party's ticket).
    func reply(_ id: String, action: ReplyAction, party: GridParty, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket
    /// A volunteer's offered and taken service orders.
    func openTasks(ofVolunteer code: String) async throws -> [Ticket]
    /// A volunteer's reply: `accept` of an offered order takes it (the first taker wins,
    /// `already_taken` for the others); the rest act on an order the volunteer has taken.
    func reply(_ id: String, action: ReplyAction, volunteer code: String, note: String?, using snapshot: JurisdictionSnapshot) async throws -> Ticket
    /// A secretary moves a community ticket to another grid of the community.
    func reassign(
        _ id: String, toGrid grid: String, community: String, by actor: String, note: String?, using snapshot: JurisdictionSnapshot
    ) async throws -> Ticket
}
