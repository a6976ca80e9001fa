/// The graded response (分级响应): deadlines for each urgency.
public struct SLAPolicy: Codable, Sendable, Hashable {
    /// Terms for 一般 tickets.
    public var general: SLATerms
    /// Terms for 较急 tickets.
    public var urgent: SLATerms
    /// Terms for 紧急 tickets.
    public var emergency: SLATerms

    /// Creates a policy; the catalog must give terms for all three urgencies.
    public init(general: SLATerms, urgent: SLATerms, emergency: SLATerms) {
        self.general = general
        self.urgent = urgent
        self.emergency = emergency
    }

    /// The terms that apply to a ticket of the given urgency.
    public func terms(for urgency: Urgency) -> SLATerms {
        switch urgency {
        case .general: self.general
        case .urgent: self.urgent
        case .emergency: self.emergency
        }
    }
}
