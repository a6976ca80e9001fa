/// A kind of problem residents report, and who handles it.
public struct Category: Codable, Sendable, Hashable {
    /// The category's code, e.g. `streetlight`; also its Open311 service code.
    public var code: String
    /// The category's name, e.g. 路灯不亮.
    public var name: String
    /// Words whose presence in a description suggests this category (see ``Classifier``).
    public var keywords: [String]
    /// Who handles tickets of this category.
    public var handler: HandlerKind
    /// The lead department's code; required when `handler` is `department`.
    public var department: String?
    /// Codes of the assisting departments of a 1+N case.
    public var assist: [String]
    /// The default urgency; a ticket may override it.
    public var urgency: Urgency
    /// Whether a resolve needs a photo by the resolving party first (回执照片, `"resolvePhoto": true`).
    /// Optional so that catalogs stored before it decode unchanged.
    public var resolvePhoto: Bool?
    /// What a volunteer earns for a satisfied close of this category (`"points"`, volunteer
    /// categories only); nil means the default ``defaultPoints``.
    public var points: Int?

    /// Points of a volunteer category that names none.
    public static let defaultPoints = 1

    /// The points a satisfied close earns the volunteer who took it.
    public var earnedPoints: Int { self.points ?? Self.defaultPoints }

    /// Creates a category.
    public init(
        code: String, name: String, keywords: [String] = [], handler: HandlerKind,
        department: String? = nil, assist: [String] = [], urgency: Urgency = .general
    ) {
        self.code = code
        self.name = name
        self.keywords = keywords
        self.handler = handler
        self.department = department
        self.assist = assist
        self.urgency = urgency
    }
}

extension Category {
    /// The category of the ticket a missed daily check-in opens.
    public static let wellbeingCheck = "wellbeing_check"

    /// Categories the system itself opens tickets in, used when the city's catalog does not
    /// define them: a missed check-in goes to the household's grid, urgent.
    public static let builtIn: [String: Category] = [
        wellbeingCheck: Category(
            code: wellbeingCheck, name: "平安打卡未回复", keywords: [], handler: .community, department: nil, assist: [],
            urgency: .urgent
        )
    ]
}
