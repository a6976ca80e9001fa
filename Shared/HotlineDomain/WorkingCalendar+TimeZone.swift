import Foundation

extension WorkingCalendar {
    /// China Standard Time (Asia/Shanghai), the default business time zone; a fixed UTC+8 when
    /// the system has no time zone database.
    public static let chinaTimeZone: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3_600) ?? .gmt
}
