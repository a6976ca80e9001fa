extension SMSTemplate {
    /// To the caller on `ticket.answered` (直接答复): the article's title and its short answer,
    /// cut so the whole message fits two SMS segments (see `AnswerText`).
    static let answer = SMSTemplate(
        kind: "answer", variables: ["number", "title", "answer"],
        text: "【12345热线】您咨询的“{title}”：{answer} 如仍有问题请回复3转人工办理。工单{number}"
    )
}
