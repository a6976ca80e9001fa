import Foundation
import HotlineDomain

/// The message a department receives on `tasks.<code>`: the ticket, its role and deadlines.
public struct DepartmentTask: Codable, Sendable {
    public var ticketId: String
    public var number: String
    public var department: String
    public var role: DepartmentRole
    public var category: String?
    public var description: String
    public var urgency: Urgency?
    public var location: Ticket.Location
    public var grid: String?
    public var community: String?
    public var street: String?
    public var caller: Ticket.Caller
    public var deadlines: Ticket.Deadlines
    public var reply: String
    /// Set when the department was summoned onto the ticket (吹哨报到): it reports in by
    /// accepting before `reportBy`.
    public var summoned: Bool?
    /// The report-in deadline of a summoned department.
    public var reportBy: Date?

    /// The task for `department` on `ticket`.
    public init(ticket: Ticket, department: String, role: DepartmentRole) {
        self.ticketId = ticket.id
        self.number = ticket.number
        self.department = department
        self.role = role
        self.category = ticket.category
        self.description = ticket.description
        self.urgency = ticket.urgency
        self.location = ticket.location
        self.grid = ticket.routing?.grid
        self.community = ticket.routing?.community
        self.street = ticket.routing?.street
        self.caller = ticket.caller
        self.deadlines = ticket.deadlines
        self.reply = "publish {ticketId, department, action, note} to hotline.replies with routing key = action"
    }
}
