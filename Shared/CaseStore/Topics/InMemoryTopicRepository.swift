import Foundation
import HotlineDomain
import Synchronization

/// ``TopicRepository`` in memory, for router tests: the tickets a test adds (``add(_:)``) and
/// the topics made of them, with the same rules as ``PostgresTopicRepository`` (one topic per
/// month, category and area; none without tickets; counts and overdue computed on read).
public final class InMemoryTopicRepository: TopicRepository {
    /// A ticket as the topics see it: where, what, when, and its state.
    public struct TicketRecord: Sendable {
        /// Its id.
        public var id: String
        /// Its number.
        public var number: String
        /// Its status (`resolved` and `closed` count as resolved).
        public var status: String
        /// Its category code.
        public var category: String
        /// Its street, community and grid codes.
        public var street: String, community: String, grid: String
        /// When it was received.
        public var createdAt: Date
        /// When it was resolved.
        public var resolvedAt: Date?

        /// A ticket record.
        public init(
            id: String = UUID().uuidString.lowercased(), number: String, status: String = "received", category: String, street: String,
            community: String, grid: String, createdAt: Date, resolvedAt: Date? = nil
        ) {
            (self.id, self.number, self.status, self.category) = (id, number, status, category)
            (self.street, self.community, self.grid, self.createdAt, self.resolvedAt) = (street, community, grid, createdAt, resolvedAt)
        }

        func code(_ level: String) -> String {
            switch level {
            case "street": self.street
            case "community": self.community
            default: self.grid
            }
        }

        var topicTicket: TopicTicket {
            TopicTicket(id: self.id, number: self.number, status: self.status, createdAt: self.createdAt, resolvedAt: self.resolvedAt)
        }
    }

    private struct State {
        var tickets: [TicketRecord] = []
        var topics: [String: Topic] = [:]
        var links: [String: Set<String>] = [:]
    }

    private let state = Mutex(State())
    private let timeZone: TimeZone

    /// An empty repository judging overdue in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Adds a ticket the candidates and topics count.
    public func add(_ ticket: TicketRecord) {
        self.state.withLock { $0.tickets.append(ticket) }
    }

    public func candidates(_ query: TopicCandidateQuery) async throws -> [TopicCandidate] {
        guard Topic.Area.columns[query.level] != nil, query.bounds.count >= 2 else { return [] }
        let bounds = query.bounds
        let current = bounds.count - 1
        return self.state.withLock { state in
            // The month of a ticket: 1 for the oldest, `current` for the asked month (width_bucket's numbering).
            func bucket(_ date: Date) -> Int? {
                guard date >= bounds[0], date < bounds[current] else { return nil }
                return (bounds.lastIndex { $0 <= date } ?? 0) + 1
            }
            var counts: [String: [Int: Int]] = [:]
            var cells: [String: (category: String, code: String)] = [:]
            for ticket in state.tickets {
                guard let b = bucket(ticket.createdAt) else { continue }
                let key = ticket.category + "\u{1}" + ticket.code(query.level)
                cells[key] = (ticket.category, ticket.code(query.level))
                counts[key, default: [:]][b, default: 0] += 1
            }
            let top = cells.keys.filter { (counts[$0]?[current] ?? 0) >= query.minimum }.sorted { a, b in
                let (na, nb) = (counts[a]?[current] ?? 0, counts[b]?[current] ?? 0)
                return na != nb ? na > nb : (cells[a]!.category, cells[a]!.code) < (cells[b]!.category, cells[b]!.code)
            }.prefix(query.limit)
            return top.map { key in
                let (category, code) = cells[key]!
                let count = counts[key]?[current] ?? 0
                let previous = (1..<current).map { counts[key]?[$0] ?? 0 }
                let sample = state.tickets.filter {
                    $0.category == category && $0.code(query.level) == code && $0.createdAt >= bounds[current - 1] && $0.createdAt < bounds[current]
                }.sorted { $0.createdAt > $1.createdAt }.prefix(query.sample).map(\.topicTicket)
                let topic = state.topics.values.first {
                    $0.month == query.month && $0.category == category && $0.area.level == query.level && $0.area.code == code
                }
                return TopicCandidate(
                    category: category, area: .init(level: query.level, code: code), count: count, previous: previous,
                    trend: TopicTrend.of(count: count, previous: previous), tickets: Array(sample), topicId: topic?.id
                )
            }
        }
    }

    public func create(_ topic: NewTopic, by actor: String) async throws -> Topic {
        guard Topic.Area.columns[topic.area.level] != nil else {
            throw CaseError.invalid(field: "area", message: "must be street, community or grid")
        }
        return try self.state.withLock { state in
            if state.topics.values.contains(where: {
                $0.month == topic.month && $0.category == topic.category && $0.area.level == topic.area.level && $0.area.code == topic.area.code
            }) {
                throw CaseError.refused(code: "topic_exists", message: "this category and area of \(topic.month) already is a topic")
            }
            let linked = state.tickets.filter {
                $0.category == topic.category && $0.code(topic.area.level) == topic.area.code && $0.createdAt >= topic.from && $0.createdAt < topic.to
            }
            guard !linked.isEmpty else {
                throw CaseError.refused(code: "no_tickets", message: "no ticket of this category in this area in \(topic.month)")
            }
            let now = Date()
            let id = UUID().uuidString.lowercased()
            state.topics[id] = Topic(
                id: id, month: topic.month, category: topic.category, area: .init(level: topic.area.level, code: topic.area.code),
                title: topic.title, ownerDepartment: topic.ownerDepartment, targetDate: topic.targetDate, status: .open, note: topic.note,
                createdBy: actor, createdAt: now, updatedBy: actor, updatedAt: now, tickets: 0, resolved: 0, since: 0, overdue: false
            )
            state.links[id] = Set(linked.map(\.id))
            return self.counted(state.topics[id]!, state)
        }
    }

    public func list(statuses: [TopicStatus]) async throws -> [Topic] {
        self.state.withLock { state in
            state.topics.values.filter { statuses.isEmpty || statuses.contains($0.status) }
                .sorted { ($0.targetDate, $0.createdAt) < ($1.targetDate, $1.createdAt) }.prefix(500).map { self.counted($0, state) }
        }
    }

    public func topic(_ id: String) async throws -> Topic? {
        self.state.withLock { state in state.topics[id.lowercased()].map { self.counted($0, state) } }
    }

    public func tickets(of id: String, limit: Int) async throws -> [TopicTicket] {
        self.state.withLock { state in
            let linked = state.links[id.lowercased()] ?? []
            return state.tickets.filter { linked.contains($0.id) }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }.prefix(limit)
                .map(\.topicTicket)
        }
    }

    public func update(_ id: String, _ change: TopicChange, by actor: String) async throws -> Topic? {
        self.state.withLock { state in
            guard var topic = state.topics[id.lowercased()] else { return nil }
            topic.status = change.status ?? topic.status
            topic.ownerDepartment = change.ownerDepartment ?? topic.ownerDepartment
            topic.targetDate = change.targetDate ?? topic.targetDate
            topic.note = change.note ?? topic.note
            (topic.updatedBy, topic.updatedAt) = (actor, Date())
            state.topics[topic.id] = topic
            if change.linkSince {
                let since = state.tickets.filter {
                    $0.category == topic.category && $0.code(topic.area.level) == topic.area.code && $0.createdAt >= topic.createdAt
                }
                state.links[topic.id, default: []].formUnion(since.map(\.id))
            }
            return self.counted(topic, state)
        }
    }

    /// The topic with its counts and overdue judged now, as the PostgreSQL columns compute them.
    private func counted(_ topic: Topic, _ state: State) -> Topic {
        var topic = topic
        let linked = state.tickets.filter { state.links[topic.id]?.contains($0.id) ?? false }
        topic.tickets = linked.count
        topic.resolved = linked.count { ["resolved", "closed"].contains($0.status) }
        topic.since = state.tickets.count {
            $0.category == topic.category && $0.code(topic.area.level) == topic.area.code && $0.createdAt >= topic.createdAt
        }
        topic.overdue = topic.status.isActive && topic.targetDate < LocalDate(Date(), timeZone: self.timeZone).text
        return topic
    }
}
