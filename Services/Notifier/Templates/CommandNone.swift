extension SMSTemplate {
    /// To a grid worker or secretary who sent a command without a number while no task is open
    /// (sent as kind `command_ack`).
    static let commandNone = SMSTemplate(
        kind: "command_none", variables: ["what"],
        text: "【网格任务】您当前没有待办工单，“{what}”未作处理。"
    )
}
