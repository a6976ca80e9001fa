extension SMSTemplate {
    /// To the grid worker on `ticket.assigned` when the community handles the ticket.
    static let gridTask = SMSTemplate(
        kind: "grid_task", variables: ["number", "grid", "address", "description", "deadline"],
        text: "【网格任务】工单{number}：{address}，{description}。请于{deadline}前处置并回复。"
    )
}
