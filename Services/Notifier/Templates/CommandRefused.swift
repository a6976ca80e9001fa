extension SMSTemplate {
    /// To a grid worker or secretary whose SMS command changed nothing, with the reason
    /// (sent as kind `command_ack`).
    static let commandRefused = SMSTemplate(
        kind: "command_refused", variables: ["number", "what", "reason"],
        text: "【网格任务】工单{number}未能{what}：{reason}。"
    )
}
