extension SMSTemplate {
    /// To the caller on `ticket.received` when no deadline could be promised yet (category unknown).
    static let receiptNoDeadline = SMSTemplate(
        kind: "receipt_no_deadline", variables: ["number"],
        text: "【12345热线】您反映的问题已受理，工单号{number}，我们将尽快分派办理。"
    )
}
