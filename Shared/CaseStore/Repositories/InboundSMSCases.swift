import Foundation
import HotlineDomain

/// What an inbound SMS may read and change, all inside the message's transaction: a grid
/// worker's or a volunteer's command on a ticket, a check-in, a broadcast acknowledgement, a
/// rating, and the answers it sends. ``PostgresInboundSMSCases`` on a connection,
/// ``InMemoryInboundSMSCases`` for tests.
public protocol InboundSMSCases {
    /// The volunteer whose phone this is, if any.
    func volunteer(phone: String) throws -> VolunteerRecord?
    /// The open tasks (assigned or accepted) of a grid worker or secretary, most urgent first.
    func openTasks(of party: GridParty, limit: Int) throws -> [Ticket]
    /// A volunteer's open work: orders offered to it nobody took yet, then those it took.
    func volunteerTasks(_ code: String, limit: Int) throws -> [Ticket]
    /// The ticket `number` (or id), if any.
    func find(_ number: String) throws -> Ticket?
    /// Applies a grid worker's or secretary's reply to ticket `number` (``CaseError`` when refused).
    func reply(_ number: String, action: ReplyAction, party: GridParty, note: String?, using snapshot: JurisdictionSnapshot) throws -> Ticket
    /// `volunteer` takes service order `number`: the first wins.
    func take(_ number: String, volunteer: VolunteerRecord) throws -> CaseStore.Take
    /// The taker's reply to service order `number` (``CaseError`` when refused).
    func volunteerReply(
        _ number: String, action: ReplyAction, volunteer: VolunteerRecord, note: String?, using snapshot: JurisdictionSnapshot
    ) throws -> Ticket
    /// Runs `body` all or nothing: when it throws, nothing it changed stays (a savepoint).
    func atomically<T>(_ body: () throws -> T) throws -> T
    /// Records `phone`'s answer to its pending check-in at `time`; nil when none is pending.
    func answerCheckin(from phone: String, at time: Date) throws -> HouseholdCheckins.Checkin?
    /// Acknowledges the latest broadcast to `phone` asking for it; nil when there is none.
    func acknowledgeBroadcast(from phone: String, at time: Date) throws -> BroadcastAcknowledgements.Outcome?
    /// The id of the latest resolved or answered ticket `phone` called in (of number `number`
    /// when given), locked for the rating; nil when there is none.
    func ticketAwaitingRating(from phone: String, number: String?) throws -> String?
    /// Records the resident's rating of ticket `id` by SMS.
    func rate(_ id: String, score: RatingScore, reason: String?, using snapshot: JurisdictionSnapshot) throws
    /// Sends `answer` (written with the message's outcome).
    func answer(_ answer: SMSAnswer) throws
}
