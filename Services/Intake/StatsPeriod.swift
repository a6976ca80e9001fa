import Foundation
import HotlineDomain
import Hummingbird

/// The `from`/`to` of a statistics request: ISO 8601 instants, `[from, to)`, by default the
/// 30 days up to now.
struct StatsPeriod {
    var from: Date
    var to: Date

    static func parse(_ query: Parameters, errors: inout [APIError.FieldError], now: Date = Date()) -> StatsPeriod {
        func date(_ name: String) -> Date? {
            guard let text = query[Substring(name)].map(String.init) else { return nil }
            guard let date = HotlineJSON.parseDate(text.removingPercentEncoding ?? text) else {
                errors.append(.init(field: name, message: "not an ISO 8601 date-time"))
                return nil
            }
            return date
        }
        let to = date("to") ?? now
        return StatsPeriod(from: date("from") ?? to.addingTimeInterval(-30 * 86_400), to: to)
    }
}
