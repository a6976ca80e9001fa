extension SMSTemplate {
    /// The daily check-in (平安打卡) to a household marked for it, at `CHECKIN_AT`.
    static let checkin = SMSTemplate(
        kind: "checkin", variables: ["name", "deadline"],
        text: "【平安打卡】{name}您好，今天一切平安吗？请在今天{deadline}前回复“1”或“平安”。未回复时网格员会上门看望。"
    )

    /// To the watcher when a check-in went unanswered past its deadline; urgent.
    static let checkinMissed = SMSTemplate(
        kind: "checkin_missed", variables: ["name", "address", "sent", "number"],
        text: "【平安打卡】{name}（{address}）今天{sent}的平安打卡未回复，已派网格员上门查看（工单{number}），请您也尽快联系。"
    )

    /// To the grid worker at once when a red (重点) household calls; urgent.
    static let householdAlert = SMSTemplate(
        kind: "household_alert", variables: ["number", "household", "reason", "address", "description"],
        text: "【重点户来电】工单{number}来自红色重点户{household}（{reason}）：{address}，{description}。请网格员立即联系。"
    )
}
