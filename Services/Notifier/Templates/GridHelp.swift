extension SMSTemplate {
    /// The reply to a grid worker's or secretary's SMS that is no command (sent as kind `help`).
    static let gridHelp = SMSTemplate(
        kind: "grid_help", variables: [],
        text: "【网格任务】未能识别。请回复：接单；办结 处理结果；退回 原因；进展 情况。有多件待办时在前面加工单号，如“12345-20261128-000001 办结 已修复”。"
    )
}
