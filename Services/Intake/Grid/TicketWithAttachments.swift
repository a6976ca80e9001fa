import CaseStore
import Foundation
import HotlineDomain

/// A ticket as `GET /v1/tickets/{id}` shows it: every field of ``Ticket`` plus its `attachments`.
struct TicketWithAttachments: Encodable {
    var ticket: Ticket
    var attachments: [Attachment]

    private enum CodingKeys: String, CodingKey {
        case attachments
    }

    func encode(to encoder: any Encoder) throws {
        try self.ticket.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.attachments, forKey: .attachments)
    }
}
