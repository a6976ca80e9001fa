/// What statistics and rankings group tickets by.
public enum TicketGrouping: String, Sendable, CaseIterable {
    case street, grid, community, department

    /// The `tickets` column of the grouping (a department is the lead one).
    var column: String {
        self == .department ? "lead_department" : self.rawValue
    }
}
