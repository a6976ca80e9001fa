import Foundation
import HotlineDomain
import Postgres

/// ``Open311Repository`` on PostgreSQL: `open311_requests` marks the public tickets.
public struct PostgresOpen311Repository: Open311Repository {
    let pool: PostgresPool
    let store: CaseStore
    let attachments: any AttachmentStorage

    /// A repository over `pool`, reading photos' bytes from `attachments`.
    public init(pool: PostgresPool, store: CaseStore, attachments: any AttachmentStorage) {
        self.pool = pool
        self.store = store
        self.attachments = attachments
    }

    /// The condition that keeps a ticket public: submitted through Open311 POST (channel
    /// `web`), not a household's and not a check-in's.
    static let publicCondition = """
        EXISTS (SELECT 1 FROM open311_requests o WHERE o.ticket_id = tickets.id) AND channel = 'web'
        AND household IS NULL AND category IS DISTINCT FROM 'wellbeing_check'
        """

    public func submit(_ new: NewTicket, promisedBy: Date?) async throws -> Ticket {
        let store = self.store
        return try await self.pool.transaction { connection in
            let ticket = try store.create(new, promisedBy: promisedBy, on: connection)
            // Marks it public: only these are shown by Open311 GET without a staff key.
            try connection.query("INSERT INTO open311_requests (ticket_id) VALUES ($1::uuid)", [ticket.id])
            return ticket
        }
    }

    public func requests(_ filter: Open311Filter) async throws -> [Open311Request] {
        try await self.pool.transaction { connection -> [Open311Request] in
            var conditions: [String] = filter.all ? [] : [Self.publicCondition]
            var parameters: [(any PostgresEncodable)?] = []
            func add(_ make: (Int) -> String, _ value: any PostgresEncodable) {
                parameters.append(value)
                conditions.append(make(parameters.count))
            }
            if let ids = filter.numbers { add({ "number = ANY($\($0)::text[])" }, ids) }
            if let codes = filter.categories { add({ "category = ANY($\($0)::text[])" }, codes) }
            if let startDate = filter.start { add({ "created_at >= $\($0)" }, startDate) }
            if let endDate = filter.end { add({ "created_at <= $\($0)" }, endDate) }
            if let states = filter.statuses { add({ "status = ANY($\($0)::text[])" }, states) }
            let sql = """
                SELECT \(CaseStore.ticketColumns) FROM tickets
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY created_at DESC LIMIT 1000
                """
            let tickets = try CaseStore.tickets(try connection.query(sql, parameters))
            let photos = try Self.publicPhotos(of: tickets.map(\.id), on: connection)
            return tickets.map { Open311Request(ticket: $0, photo: photos[$0.id]) }
        }
    }

    public func request(_ idOrNumber: String, all: Bool) async throws -> Open311Request? {
        let store = self.store
        return try await self.pool.transaction { connection -> Open311Request? in
            guard let ticket = try store.find(idOrNumber, on: connection), try all || Self.isPublic(ticket.id, on: connection) else { return nil }
            return Open311Request(ticket: ticket, photo: try Self.publicPhotos(of: [ticket.id], on: connection)[ticket.id])
        }
    }

    public func ticket(_ id: String, all: Bool) async throws -> Ticket? {
        let store = self.store
        return try await self.pool.transaction { connection -> Ticket? in
            guard let ticket = try store.find(id, on: connection), try all || Self.isPublic(ticket.id, on: connection) else { return nil }
            return ticket
        }
    }

    public func media(_ id: String) async throws -> (bytes: Data, contentType: String)? {
        guard UUID(uuidString: id) != nil else { return nil }
        let storage = self.attachments
        return try await self.pool.transaction { connection -> (bytes: Data, contentType: String)? in
            guard
                let row = try connection.query(
                    """
                    SELECT a.content_type FROM attachments a JOIN tickets ON tickets.id = a.ticket_id
                    WHERE a.id = $1::uuid AND a.uploader_role = 'open311' AND \(Self.publicCondition)
                    """,
                    [id]
                ).first,
                let bytes = try storage.get(id: id, on: connection)
            else { return nil }
            return (bytes, try row.decode("content_type", as: String.self))
        }
    }

    /// Whether ticket `id` is public (see ``publicCondition``).
    static func isPublic(_ id: String, on connection: PostgresConnection) throws -> Bool {
        try connection.query("SELECT 1 FROM tickets WHERE id = $1::uuid AND \(Self.publicCondition)", [id]).count == 1
    }

    /// The photos that may be shown to anyone, by ticket id: the first one the Open311 client
    /// itself attached (its EXIF, where a position hides, was stripped on upload) to a ticket
    /// that is public (``publicCondition``). Staff photos never are: they may show a resident,
    /// a home or a position.
    static func publicPhotos(of ticketIds: [String], on connection: PostgresConnection) throws -> [String: String] {
        guard !ticketIds.isEmpty else { return [:] }
        var photos: [String: String] = [:]
        for row in try connection.query(
            """
            SELECT DISTINCT ON (a.ticket_id) a.ticket_id::text AS ticket, a.id::text AS id
            FROM attachments a JOIN tickets ON tickets.id = a.ticket_id
            WHERE a.ticket_id = ANY($1::text[]::uuid[]) AND a.uploader_role = 'open311' AND \(Self.publicCondition)
            ORDER BY a.ticket_id, a.created_at, a.id
            """,
            [ticketIds]
        ) {
            photos[try row.decode("ticket", as: String.self)] = try row.decode("id", as: String.self)
        }
        return photos
    }
}
