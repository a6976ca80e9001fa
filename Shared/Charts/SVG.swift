/// Helpers for writing SVG text: escaping and number formatting, so every chart emits the same
/// well-formed markup (no script, no external reference: it prints and opens anywhere).
public enum SVG {
    /// `text` with the five XML special characters escaped, for element text and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal (`12`, `12.5`), never `nan` or an exponent.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// A value label: integers as integers, fractions with up to two decimals.
    public static func label(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value == value.rounded() { return String(Int(value)) }
        let rounded = (value * 100).rounded() / 100
        return String(rounded)
    }

    /// A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten, at least `value`.
    public static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for step in [1.0, 2.0, 5.0, 10.0] where step * power >= value { return step * power }
        return 10 * power
    }
}
