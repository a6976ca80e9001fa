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
    /// Who promoted it.
    public var createdBy: String
    /// When it was promoted.
    public var createdAt: Date
    /// Who changed it last.
    public var updatedBy: String
    /// When it was changed last.
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
    /// The month's first instant in the business zone.
    public var from: Date
    /// The next month's first instant.
    public var to: Date
    /// The category code.
    public var category: String
    /// Where.
    public var area: Topic.Area
    /// Its title.
    public var title: String
    /// The owner department's code.
    public var ownerDepartment: String
    /// `YYYY-MM-DD`.
    public var targetDate: String
    /// The centre's note.
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
    /// A new status.
    public var status: TopicStatus?
    /// A new owner department's code.
    public var ownerDepartment: String?
    /// A new target date, `YYYY-MM-DD`.
    public var targetDate: String?
    /// A new note.
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
    /// The ticket's id.
    public var id: String
    /// Its number (`12345-YYYYMMDD-NNNNNN`).
    public var number: String
    /// Its status.
    public var status: String
    /// When it was received.
    public var createdAt: Date
    /// When it was resolved, if it was.
    public var resolvedAt: Date?
}
