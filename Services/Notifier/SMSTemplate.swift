/// One kind of SMS: its `kind` (the gateway contract's field), the named `{variables}` its text
/// may use, and the text. The default texts live one per file in `Templates/`; compiled in, so
/// the binary needs no resource bundle wherever it runs (`.build`, the Docker image).
struct SMSTemplate: Sendable {
    /// The message kind, e.g. `receipt`.
    var kind: String
    /// The variables the text may name.
    var variables: Set<String>
    /// The Chinese text with `{variable}` placeholders.
    var text: String

    /// Every template the notifier sends; `SMSTemplates` refuses to start without each one.
    static let all: [SMSTemplate] = [
        .receipt, .receiptNoDeadline, .assigned, .gridTask, .secretaryAlert, .ratingRequest, .reopened, .overdue, .escalated,
        .broadcast, .help, .checkin, .checkinMissed, .householdAlert, .answer, .deadlineExtended,
        .commandAck, .commandRefused, .commandAmbiguous, .commandNone, .gridHelp,
        .volunteerOffer, .volunteerTaken, .volunteerAck, .volunteerLate, .offerClosed, .volunteerAssigned, .volunteerUnanswered,
        .volunteerUnoffered, .volunteerHelp, .observerAlert,
    ]
}
