/// Every event the services publish; the raw value is the AMQP routing key on `hotline.events`
/// and the envelope's `type`, defined here once for all services.
public enum EventType: String, Codable, Sendable, CaseIterable {
    /// Intake took a new ticket.
    case ticketReceived = "ticket.received"
    /// The ticket was routed to a handler (also after a return or reopening).
    case ticketAssigned = "ticket.assigned"
    /// The handler accepted the ticket.
    case ticketAccepted = "ticket.accepted"
    /// The handler reported progress.
    case ticketProgress = "ticket.progress"
    /// A department returned the ticket (退单).
    case ticketReturned = "ticket.returned"
    /// The centre refused a return: the ticket went back to the party that returned it.
    case ticketReturnRejected = "ticket.return_rejected"
    /// The handler resolved the ticket.
    case ticketResolved = "ticket.resolved"
    /// The resident rated the ticket.
    case ticketRated = "ticket.rated"
    /// The ticket was reopened (重办), e.g. after a dissatisfied rating.
    case ticketReopened = "ticket.reopened"
    /// The ticket climbed to the street or district centre.
    case ticketEscalated = "ticket.escalated"
    /// A deadline passed with the ticket still open (督办).
    case ticketOverdue = "ticket.overdue"
    /// The ticket was closed.
    case ticketClosed = "ticket.closed"
    /// No route was found; the ticket waits for manual dispatch.
    case ticketUnroutable = "ticket.unroutable"
    /// The ticket was cancelled.
    case ticketCancelled = "ticket.cancelled"
    /// The ticket was linked to an earlier open one as a duplicate.
    case ticketDuplicate = "ticket.duplicate"
    /// An operator dispatched the ticket by hand.
    case ticketDispatched = "ticket.dispatched"
    /// Several tickets of one category clustered in one place (未诉先办).
    case ticketCluster = "ticket.cluster"
    /// A closed ticket got its follow-up visit (回访).
    case ticketVisited = "ticket.visited"
    /// The call was answered from the knowledge base (直接答复); never routed.
    case ticketAnswered = "ticket.answered"
    /// The handling party asked for more time (延期申请).
    case ticketExtensionRequested = "ticket.extension_requested"
    /// The centre approved an extension: `resolveBy` moved to the new deadline.
    case ticketExtensionApproved = "ticket.extension_approved"
    /// The centre rejected an extension; the deadline stands.
    case ticketExtensionRejected = "ticket.extension_rejected"
    /// The handling party asked to pause the ticket (挂起申请).
    case ticketPauseRequested = "ticket.pause_requested"
    /// The centre approved a pause: the ticket's clock stopped.
    case ticketPaused = "ticket.paused"
    /// The centre rejected a pause; the clock runs on.
    case ticketPauseRejected = "ticket.pause_rejected"
    /// A paused ticket's clock runs again; its deadlines moved by the paused time.
    case ticketResumed = "ticket.resumed"
    /// Departments were summoned onto a live ticket to assist (吹哨报到: the whistle).
    case ticketSummoned = "ticket.summoned"
    /// A summoned department reported in (报到).
    case ticketReportedIn = "ticket.reported_in"
    /// A service order (volunteer category) was offered to the community's volunteers with the
    /// skill (`data.volunteers`: their codes; empty when nobody could be offered it).
    case ticketOffered = "ticket.offered"
    /// A message to a resident or staff member was sent to the SMS gateway.
    case notificationSent = "notification.sent"
    /// The gateway confirmed delivery of a message.
    case notificationDelivered = "notification.delivered"
    /// A message could not be delivered after its retries.
    case notificationFailed = "notification.failed"
    /// A one-key broadcast (一键响应) was created.
    case broadcastCreated = "broadcast.created"
    /// A grid worker acknowledged a broadcast.
    case broadcastAcknowledged = "broadcast.acknowledged"
    /// A call came from a red household's phone; its grid worker is alerted.
    case householdAlert = "household.alert"
    /// A household missed its daily check-in.
    case householdCheckinMissed = "household.checkin_missed"

    /// The event's routing key (the raw value).
    public var routingKey: String {
        self.rawValue
    }
}
