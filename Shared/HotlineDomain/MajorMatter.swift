/// The kind of a "三重" matter, which goes straight to the community secretary and is reported up.
public enum MajorMatter: String, Codable, Sendable, CaseIterable {
    /// 重大事故: a major accident.
    case accident
    /// 重大自然灾害: a major natural disaster.
    case disaster
    /// 重大矛盾纠纷: a major dispute.
    case dispute
}

extension MajorMatter {
    /// 重大事故, 重大灾害 or 重大纠纷, as texts and sentences name it.
    public var chineseName: String {
        switch self {
        case .accident: "重大事故"
        case .disaster: "重大灾害"
        case .dispute: "重大纠纷"
        }
    }
}
