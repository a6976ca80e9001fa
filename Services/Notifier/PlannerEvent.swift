import CaseStore
import HotlineDomain

/// An event as the notification planner reads it: the envelope with the parts of `data` its
/// texts use, decoded in one pass (the ticket itself is read from the database: events carry no
/// caller); a `broadcast.created` also keeps its whole envelope.
struct PlannerEvent: Sendable {
    /// What the planner reads of an event's `data`. Fields that are not strings where one is
    /// expected are ignored rather than refused: they belong to event types the planner skips.
    struct Data: Decodable, Sendable {
        /// `ticket.received`: the promised resolve-by instant.
        var promisedBy: String?
        /// A department's note (`ticket.resolved`).
        var note: String?
        /// `ticket.overdue`: `respond`, `resolve` or `report_in` (a summoned department's).
        var what: String?
        /// `ticket.answered`: the article the call was answered with.
        var article: AnsweredArticle?
        /// `ticket.overdue` of `report_in`: the summoned department.
        var department: String?
        /// `ticket.offered`: the codes of the volunteers the order went to.
        var volunteers: [String]?
        /// `ticket.accepted` of a service order: the taker's code.
        var volunteer: String?
        /// `ticket.accepted` of a service order: the other volunteers it was offered to.
        var others: [String]?
        /// `ticket.accepted` of a service order given by hand: who gave it.
        var assignedBy: String?

        /// The article of a direct answer, as `ticket.answered` carries it.
        struct AnsweredArticle: Decodable, Sendable {
            var title: String
            var answer: String
        }

        private enum CodingKeys: String, CodingKey {
            case promisedBy, note, what, article, department, volunteers, volunteer, others, assignedBy
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.promisedBy = (try? container.decodeIfPresent(String.self, forKey: .promisedBy)) ?? nil
            self.note = (try? container.decodeIfPresent(String.self, forKey: .note)) ?? nil
            self.what = (try? container.decodeIfPresent(String.self, forKey: .what)) ?? nil
            self.article = (try? container.decodeIfPresent(AnsweredArticle.self, forKey: .article)) ?? nil
            self.department = (try? container.decodeIfPresent(String.self, forKey: .department)) ?? nil
            self.volunteers = (try? container.decodeIfPresent([String].self, forKey: .volunteers)) ?? nil
            self.volunteer = (try? container.decodeIfPresent(String.self, forKey: .volunteer)) ?? nil
            self.others = (try? container.decodeIfPresent([String].self, forKey: .others)) ?? nil
            self.assignedBy = (try? container.decodeIfPresent(String.self, forKey: .assignedBy)) ?? nil
        }
    }

    /// The event with its `data` typed.
    var event: TypedEventEnvelope<Data>
    /// The whole envelope, for `broadcast.created` only.
    var broadcast: EventEnvelope?
}
