/// Mainland China phone numbers: normalizing what callers type, and masking for logs and screens.
public enum PhoneNumber {
    /// The canonical form of a mainland number, or `nil` when it is not one.
    ///
    /// Mobiles (11 digits starting 13-19, optionally after `+86`, `86` or `0086`) come out as the
    /// 11 digits, e.g. `13909310301`. Landlines (a 0, a 2- or 3-digit area code and a 7- or 8-digit
    /// number; `+86` may replace the 0) come out as `0935-1234567`. Spaces, dashes, dots and
    /// parentheses are ignored; where no dash splits a landline, area codes 010 and 02x have three
    /// digits and all others four, as in the national numbering plan.
    public static func normalize(_ raw: String) -> String? {
        var digits = ""
        var groups: [String] = [""]
        for (index, character) in raw.trimmingWhitespace().enumerated() {
            if character.isASCII, character.isNumber {
                digits.append(character)
                groups[groups.count - 1].append(character)
            } else if character == "+", index == 0 {
                continue
            } else if character == "-" || character == " " || character == "(" || character == ")" || character == "." {
                if !groups[groups.count - 1].isEmpty {
                    groups.append("")
                }
            } else {
                return nil
            }
        }
        if let mobile = self.mobile(digits) {
            return mobile
        }
        for prefix in ["0086", "86"] where digits.hasPrefix(prefix) {
            let rest = String(digits.dropFirst(prefix.count))
            if let mobile = self.mobile(rest) {
                return mobile
            }
            let national = rest.hasPrefix("0") ? rest : "0" + rest
            let nationalGroups = groups.first == prefix ? Array(groups.dropFirst()) : []
            if let landline = self.landline(national, groups: nationalGroups.map { $0.hasPrefix("0") ? $0 : "0" + $0 }) {
                return landline
            }
        }
        return self.landline(digits, groups: groups)
    }

    /// Hides the middle of a number: `139****0301` for a mobile, `0935-*****67` for a landline
    /// (area code and last two digits kept). Never returns the full number, even for input that is
    /// not a phone number.
    public static func mask(_ phone: String) -> String {
        if let normalized = self.normalize(phone) {
            if let dash = normalized.firstIndex(of: "-") {
                let area = normalized[..<dash]
                let local = normalized[normalized.index(after: dash)...]
                return "\(area)-" + String(repeating: "*", count: local.count - 2) + local.suffix(2)
            }
            return normalized.prefix(3) + "****" + normalized.suffix(4)
        }
        let digits = phone.filter { $0.isASCII && $0.isNumber }
        guard digits.count > 4 else {
            return String(repeating: "*", count: max(digits.count, 2))
        }
        return String(repeating: "*", count: digits.count - 2) + digits.suffix(2)
    }

    /// The mobile number if the digits are one: 1, then 3-9, then nine more digits.
    private static func mobile(_ digits: String) -> String? {
        let bytes = Array(digits.utf8)
        guard bytes.count == 11, bytes[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1]) else {
            return nil
        }
        return digits
    }

    /// The landline `area-local` if the digits are one; a split typed by the caller (two groups)
    /// is respected.
    private static func landline(_ digits: String, groups: [String]) -> String? {
        guard digits.hasPrefix("0"), !digits.hasPrefix("00") else {
            return nil
        }
        let areaLength: Int
        if groups.count == 2, groups[0].hasPrefix("0"), groups[0] + groups[1] == digits {
            areaLength = groups[0].count
        } else {
            let second = digits.dropFirst().first
            areaLength = second == "1" || second == "2" ? 3 : 4
        }
        let area = digits.prefix(areaLength)
        let local = digits.dropFirst(areaLength)
        guard (3...4).contains(area.count), (7...8).contains(local.count), local.first != "0" else {
            return nil
        }
        return "\(area)-\(local)"
    }
}
