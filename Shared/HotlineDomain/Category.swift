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
