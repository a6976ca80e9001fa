extension SMSTemplate {
    /// To the caller on `ticket.extension_approved` and `ticket.resumed`: the new deadline, and why.
    static let deadlineExtended = SMSTemplate(
        kind: "deadline_extended", variables: ["number", "deadline", "reason"],
        text: "【12345热线】您的工单{number}因“{reason}”经审核延长办理时限，现承诺{deadline}前办结。"
    )
}
