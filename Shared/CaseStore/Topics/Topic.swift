import Foundation
import HotlineDomain

/// A monthly topic (每月一题): a recurring problem of one month (a category in one area)
/// promoted to a tracked project, with its owner department, target date and linked tickets.
public struct Topic: Encodable, Sendable {
    /// The place a topic (or a candidate) is about: a street, community or grid.
    public struct Area: Encodable, Sendable, Equatable {
        /// `street`, `community` or `grid`.
        public var level: String
        /// The area's code in the jurisdiction.
        public var code: String
        /// Its name, filled from the jurisdiction by the API.
        public var name: String?

        /// An area.
        public init(level: String, code: String, name: String? = nil) {
            self.level = level
            self.code = code
            self.name = name
        }
    }

    /// The topic's id (UUID).
    public var id: String
    /// The month it was found in, `YYYY-MM`.
    public var month: String
    /// The category code.
    public var category: String
    /// The category's name, filled by the API.
    public var categoryName: String?
    /// Where.
    public var area: Area
    /// A short title (default: category and area).
    public var title: String
    /// The department that owns the topic.
    public var ownerDepartment: String
    /// Its name, filled by the API.
    public var ownerDepartmentName: String?
    /// The local date it should be solved by, `YYYY-MM-DD`.
    public var targetDate: String
    /// Where it stands.
    public var status: TopicStatus
    /// The centre's note.
    public var note: String?
    /// Who promoted it and when; who changed it last and when.
    public var createdBy: String
    public var createdAt: Date
    public var updatedBy: String
    public var updatedAt: Date
    /// Tickets linked to the topic.
    public var tickets: Int
    /// Of those, resolved or closed.
    public var resolved: Int
    /// New tickets of the same category and area since the topic was promoted: whether it
    /// still recurs.
    public var since: Int
    /// Past its target date and neither done nor dropped.
    public var overdue: Bool
}

/// What an operator gives to promote a candidate to a topic.
public struct NewTopic: Sendable {
    /// `YYYY-MM`.
    public var month: String
    /// The month's bounds in the business zone.
    public var from: Date
    public var to: Date
    public var category: String
    public var area: Topic.Area
    public var title: String
    public var ownerDepartment: String
    /// `YYYY-MM-DD`.
    public var targetDate: String
    public var note: String?

    /// A topic to create.
    public init(
        month: String, from: Date, to: Date, category: String, area: Topic.Area, title: String, ownerDepartment: String,
        targetDate: String, note: String?
    ) {
        self.month = month
        self.from = from
        self.to = to
        self.category = category
        self.area = area
        self.title = title
        self.ownerDepartment = ownerDepartment
        self.targetDate = targetDate
        self.note = note
    }
}

/// A change to a topic; `nil` leaves a field as it is.
public struct TopicChange: Sendable {
    public var status: TopicStatus?
    public var ownerDepartment: String?
    public var targetDate: String?
    public var note: String?
    /// Also link the tickets of the topic's category and area received since it was promoted.
    public var linkSince: Bool

    /// A change.
    public init(status: TopicStatus? = nil, ownerDepartment: String? = nil, targetDate: String? = nil, note: String? = nil, linkSince: Bool = false) {
        self.status = status
        self.ownerDepartment = ownerDepartment
        self.targetDate = targetDate
        self.note = note
        self.linkSince = linkSince
    }
}

/// A ticket behind a topic or a candidate: numbers and states only, never the caller.
public struct TopicTicket: Encodable, Sendable {
    public var id: String
    public var number: String
    public var status: String
    public var createdAt: Date
    public var resolvedAt: Date?
}
