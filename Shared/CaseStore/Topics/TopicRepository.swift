import Foundation
import HotlineDomain

/// Storage of the monthly topics (每月一题) and the search for their candidates.
public protocol TopicRepository: Sendable {
    /// The month's recurring problems, most tickets first.
    func candidates(_ query: TopicCandidateQuery) async throws -> [TopicCandidate]
    /// Promotes a cell to a topic, linking the month's tickets of the cell; refused
    /// (`topic_exists`) when the cell of that month already is one, (`no_tickets`) when empty.
    func create(_ topic: NewTopic, by actor: String) async throws -> Topic
    /// Topics in these statuses (all when empty), by target date.
    func list(statuses: [TopicStatus]) async throws -> [Topic]
    /// One topic, or nil.
    func topic(_ id: String) async throws -> Topic?
    /// The tickets linked to a topic, newest first.
    func tickets(of id: String, limit: Int) async throws -> [TopicTicket]
    /// Changes a topic; nil when there is none.
    func update(_ id: String, _ change: TopicChange, by actor: String) async throws -> Topic?
}

extension Topic.Area {
    /// The tickets column of each area level.
    public static let columns = ["street": "street", "community": "community", "grid": "grid"]
}
