import Foundation
import HotlineDomain
import Outbox
import Postgres

/// One reply of a batch: who answers which ticket, and how.
public struct ReplyCommand: Sendable {
    /// The ticket's id (or number).
    public var ticketId: String
    /// What the party does.
    public var action: ReplyAction
    /// The department code, or the community/grid code.
    public var actor: String
    /// The party's note.
    public var note: String?
    /// The person behind the reply, when known (history `byName`).
    public var name: String?

    /// Creates a command.
    public init(ticketId: String, action: ReplyAction, actor: String, note: String?, name: String? = nil) {
        self.ticketId = ticketId
        self.action = action
        self.actor = actor
        self.note = note
        self.name = name
    }
}

extension CaseStore {
    /// Applies a batch of replies in the caller's transaction with a handful of statements for
    /// the whole batch, and no savepoint for the common ones: accepts, progress reports and
    /// resolves are checked in memory against the locked rows (one lock for the batch), written
    /// with one UPDATE and one outbox insert. A reply the case refuses (not an assigned party,
    /// illegal in the ticket's state) writes nothing and is returned with its reason.
    ///
    /// The rare replies with more to them - a return, a summoned department's report-in, a
    /// resolve of a paused ticket or of a category that wants a photo, a ticket named by its
    /// number - go through ``reply(_:action:actor:note:name:using:on:)`` one by one, each in a
    /// savepoint so that a refusal does not undo the rest. Replies to one ticket apply in order.
    public func reply(
        batch replies: [ReplyCommand], using snapshot: JurisdictionSnapshot, on connection: PostgresConnection
    ) throws -> [(reply: ReplyCommand, refusal: CaseError)] {
        guard !replies.isEmpty else { return [] }
        var order: [String] = []
        var byTicket: [String: [ReplyCommand]] = [:]
        for reply in replies {
            let key = UUID(uuidString: reply.ticketId) != nil ? reply.ticketId.lowercased() : reply.ticketId
            if byTicket[key] == nil { order.append(key) }
            byTicket[key, default: []].append(reply)
        }
        let uuids = order.filter { UUID(uuidString: $0) != nil }.sorted()
        // Replies never show or write back the routing rules (a ticket that needs them takes the
        // one-by-one path, which reads it again).
        let locked = Dictionary(
            try LockedTicket.lock(many: uuids, routingRules: false, on: connection).map { ($0.ticket.id, $0) }, uniquingKeysWith: { a, _ in a }
        )
        let accepting = uuids.filter { id in byTicket[id]?.contains { $0.action == .accept } == true }
        let summoned = accepting.isEmpty ? [] : Set(
            try connection.query(
                "SELECT DISTINCT ticket_id::text AS id FROM summons WHERE ticket_id = ANY($1::uuid[]) AND reported_at IS NULL", [accepting]
            ).map { try $0.decode("id", as: String.self) }
        )
        var refusals: [(reply: ReplyCommand, refusal: CaseError)] = []
        var applied: [AppliedReplies] = []
        var slow: [String] = []
        for key in order {
            let commands = byTicket[key] ?? []
            guard let item = locked[key], !self.needsOneByOne(item, commands, summoned: summoned.contains(key), snapshot) else {
                slow.append(key)
                continue
            }
            var result = AppliedReplies(ticket: item.ticket)
            for command in commands {
                do {
                    try result.apply(command, to: item, store: self)
                } catch let error as CaseError {
                    refusals.append((command, error))
                }
            }
            if result.steps > 0 { applied.append(result) }
        }
        try self.writeReplies(applied, on: connection)
        try Outbox.append(applied.flatMap(\.events), on: connection)
        for key in slow {
            for command in byTicket[key] ?? [] {
                do {
                    // A savepoint keeps one refused reply from rolling back the rest of the batch.
                    try connection.query("SAVEPOINT reply")
                    _ = try self.reply(
                        command.ticketId, action: command.action, actor: command.actor, note: command.note, name: command.name,
                        using: snapshot, on: connection
                    )
                    try connection.query("RELEASE SAVEPOINT reply")
                } catch let error as CaseError {
                    try connection.query("ROLLBACK TO SAVEPOINT reply")
                    refusals.append((command, error))
                }
            }
        }
        return refusals
    }

    /// Whether a ticket's replies need the one-by-one path (see ``reply(batch:using:on:)``).
    private func needsOneByOne(_ locked: LockedTicket, _ commands: [ReplyCommand], summoned: Bool, _ snapshot: JurisdictionSnapshot) -> Bool {
        commands.contains { command in
            switch command.action {
            case .return: true
            case .accept: summoned
            case .progress: false
            case .resolve:
                locked.ticket.pausedAt != nil || locked.ticket.category.flatMap { snapshot.category($0)?.resolvePhoto } == true
            }
        }
    }

    /// One UPDATE for every ticket the batch's common replies changed.
    private func writeReplies(_ applied: [AppliedReplies], on connection: PostgresConnection) throws {
        guard !applied.isEmpty else { return }
        try connection.query(
            """
            UPDATE tickets t SET status = u.status, version = t.version + u.steps, updated_at = now(),
                responded_at = CASE WHEN u.responded THEN COALESCE(t.responded_at, now()) ELSE t.responded_at END,
                resolved_at = CASE WHEN u.resolved THEN now() ELSE t.resolved_at END,
                rating = CASE WHEN u.resolved THEN NULL ELSE t.rating END,
                rated_at = CASE WHEN u.resolved THEN NULL ELSE t.rated_at END,
                rating_reason = CASE WHEN u.resolved THEN NULL ELSE t.rating_reason END,
                rating_source = CASE WHEN u.resolved THEN NULL ELSE t.rating_source END,
                rating_category = CASE WHEN u.resolved THEN NULL ELSE t.rating_category END
            FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bool[], $5::bool[]) AS u(id, status, steps, responded, resolved)
            WHERE t.id = u.id
            """,
            [
                applied.map(\.ticket.id), applied.map(\.ticket.status.rawValue), applied.map(\.steps), applied.map(\.responded),
                applied.map(\.resolved),
            ],
            plan: .generic
        )
    }
}

/// The common replies to one ticket, applied in memory: its state after them and their events.
struct AppliedReplies {
    var ticket: Ticket
    var steps = 0
    var responded = false
    var resolved = false
    var events: [OutboxMessage] = []

    init(ticket: Ticket) {
        self.ticket = ticket
    }

    /// Checks and applies one accept, progress or resolve as ``CaseStore/reply(_:action:actor:note:name:using:on:)``
    /// would; throws its `CaseError` and changes nothing when refused.
    mutating func apply(_ command: ReplyCommand, to locked: LockedTicket, store: CaseStore) throws {
        let ticket = self.ticket
        let actor = command.actor
        let isCommunityParty = ticket.handler != .department && (actor == ticket.routing?.community || actor == ticket.routing?.grid)
        guard locked.departments.contains(actor) || isCommunityParty else { throw CaseError.notAssigned(actor: actor) }
        let isLead = locked.leadDepartment == actor || isCommunityParty
        var data: [String: JSONValue] = ["by": .string(actor)]
        if let note = command.note { data["note"] = .string(note) }
        if let name = command.name { data["byName"] = .string(name) }
        let (action, named, type): (TicketAction, String, EventType)
        switch command.action {
        case .accept: (action, named, type) = (.accept, "accept", .ticketAccepted)
        case .progress: (action, named, type) = (.progress, "report progress on", .ticketProgress)
        case .resolve:
            guard isLead else { throw CaseError.notAssigned(actor: "\(actor) (assisting, only the lead resolves)") }
            (action, named, type) = (.resolve, "resolve", .ticketResolved)
        case .return: throw CaseError.corrupt("a return is applied one by one")
        }
        let status: TicketStatus
        do {
            status = try TicketLifecycle.next(from: ticket.status, on: action)
        } catch {
            throw CaseError.illegal(action: named, status: ticket.status)
        }
        let now = Date()
        self.ticket.status = status
        self.ticket.version += 1
        self.ticket.updatedAt = now
        if command.action == .resolve {
            self.resolved = true
            self.ticket.resolvedAt = now
            self.ticket.rating = nil
            self.ticket.ratedAt = nil
            self.ticket.ratingReason = nil
            self.ticket.ratingSource = nil
            self.ticket.ratingCategory = nil
        }
        if command.action != .progress { self.responded = true }
        self.steps += 1
        self.events.append(try store.event(type, self.ticket, data))
    }
}
