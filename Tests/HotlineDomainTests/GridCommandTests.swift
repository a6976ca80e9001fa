import HotlineDomain
import Testing

/// The SMS grammar of grid workers and secretaries, as people type it (docs/grid.md).
@Suite struct GridCommandTests {
    static let number = "12345-20261128-000001"

    static let understood: [(String, GridCommand)] = [
        ("接单", GridCommand(verb: .accept)),
        (" 接单。", GridCommand(verb: .accept)),
        ("已接单", GridCommand(verb: .accept)),
        ("办结 已修复", GridCommand(verb: .resolve, note: "已修复")),
        ("办结：已更换灯泡。", GridCommand(verb: .resolve, note: "已更换灯泡")),
        ("办结已修复", GridCommand(verb: .resolve, note: "已修复")),
        ("已办结", GridCommand(verb: .resolve)),
        ("退回 不属于本网格", GridCommand(verb: .return, note: "不属于本网格")),
        ("退回", GridCommand(verb: .return)),
        ("进展 已联系物业，明天维修", GridCommand(verb: .progress, note: "已联系物业，明天维修")),
        ("12345-20261128-000001 办结 已修复", GridCommand(verb: .resolve, ticketNumber: number, note: "已修复")),
        ("办结 12345-20261128-000001 已修复", GridCommand(verb: .resolve, ticketNumber: number, note: "已修复")),
        ("12345-20261128-000001接单", GridCommand(verb: .accept, ticketNumber: number)),
        ("接单12345-20261128-000001", GridCommand(verb: .accept, ticketNumber: number)),
        // Full-width digits, dash and space, as a Chinese keyboard gives them.
        ("１２３４５－２０２６１１２８－０００００１　办结　已修复", GridCommand(verb: .resolve, ticketNumber: number, note: "已修复")),
        ("１２３４５—２０２６１１２８—０００００１，接单", GridCommand(verb: .accept, ticketNumber: number)),
        // Without dashes, or with spaces instead.
        ("1234520261128000001 退回 重复工单", GridCommand(verb: .return, ticketNumber: number, note: "重复工单")),
        ("12345 20261128 000001 接单", GridCommand(verb: .accept, ticketNumber: number)),
        ("【12345-20261128-000001】办结：已处理完毕", GridCommand(verb: .resolve, ticketNumber: number, note: "已处理完毕")),
        ("办结 3盏路灯已更换", GridCommand(verb: .resolve, note: "3盏路灯已更换")),
        ("接单\n", GridCommand(verb: .accept)),
        ("办结 已修复（见照片）", GridCommand(verb: .resolve, note: "已修复（见照片）")),
    ]

    @Test(arguments: understood)
    func parses(_ text: String, _ expected: GridCommand) {
        #expect(GridCommand.parse(text) == expected, "\(text)")
    }

    @Test(arguments: ["", "1", "满意", "收到", "路灯不亮", "你好 办结", "123 接单", "12345-2026112-000001 办结", "123452026112800000123 接单"])
    func refuses(_ text: String) {
        #expect(GridCommand.parse(text) == nil, "\(text)")
    }
}
