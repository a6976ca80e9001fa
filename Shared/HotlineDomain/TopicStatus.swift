/// Where a monthly topic (每月一题) stands: promoted, being worked on, done, or dropped.
public enum TopicStatus: String, Codable, Sendable, CaseIterable {
    /// Promoted (立项), the owner department not yet reporting progress.
    case open
    /// The owner department is working on it (推进中).
    case inProgress = "in_progress"
    /// Solved at its root (已办结).
    case done
    /// Dropped by the centre (撤销).
    case dropped

    /// Whether the topic is still tracked on the screen.
    public var isActive: Bool {
        self == .open || self == .inProgress
    }

    /// The Chinese label for pages.
    public var chineseName: String {
        switch self {
        case .open: "已立项"
        case .inProgress: "推进中"
        case .done: "已办结"
        case .dropped: "已撤销"
        }
    }
}
