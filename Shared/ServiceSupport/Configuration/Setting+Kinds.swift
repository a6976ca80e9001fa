import AMQP
import Foundation
import HotlineDomain

extension Setting where Value == Int {
    /// A whole number, within `range` when one is given.
    public static func int(_ name: String, default value: Int, range: ClosedRange<Int>? = nil, meaning: String) -> Self {
        let type =
            switch range {
            case nil: "int"
            case let range? where range.upperBound == .max: "int ≥ \(range.lowerBound)"
            case let range?: "int \(range.lowerBound)-\(range.upperBound)"
            }
        let expected =
            switch range {
            case nil: "an integer"
            case let range? where range.upperBound == .max: "an integer ≥ \(range.lowerBound)"
            case let range?: "an integer from \(range.lowerBound) to \(range.upperBound)"
            }
        return Self(key: ConfigurationKey(name, type: type, default: "\(value)", meaning: meaning), expected: expected, whenUnset: value) { text in
            guard let number = Int(text), range?.contains(number) ?? true else { return nil }
            return number
        }
    }
}

extension Setting where Value == TimeInterval {
    /// An ISO 8601 duration of weeks, days, hours, minutes and seconds (`PT30M`, `P3D`), in seconds.
    public static func duration(_ name: String, default text: String, meaning: String) -> Self {
        Self(
            key: ConfigurationKey(name, type: "ISO 8601 duration", default: text, meaning: meaning),
            expected: "an ISO 8601 duration (e.g. PT30M, P3D)", whenUnset: ISODuration(text)!.seconds
        ) { ISODuration($0)?.seconds }
    }
}

extension Setting where Value == String {
    /// Any text; `type` says what it is to people (`path`, `host`...).
    public static func text(_ name: String, type: String, default text: String, meaning: String) -> Self {
        Self(key: ConfigurationKey(name, type: type, default: text, meaning: meaning), expected: "a \(type)", whenUnset: text) { $0 }
    }

    /// One of `choices`.
    public static func choice(_ name: String, _ choices: [String], default text: String, meaning: String) -> Self {
        Self(
            key: ConfigurationKey(name, type: choices.map { "`\($0)`" }.joined(separator: ", "), default: text, meaning: meaning),
            expected: "one of \(choices.joined(separator: ", "))", whenUnset: text
        ) { choices.contains($0) ? $0 : nil }
    }

    /// An ISO 8601 period that may count years and months (`P2Y`, `P6M`, `P30D`, `PT12H`), kept
    /// as text: PostgreSQL reads the same text as an interval.
    public static func period(_ name: String, default text: String, meaning: String) -> Self {
        Self(
            key: ConfigurationKey(name, type: "ISO 8601 period", default: text, meaning: meaning),
            expected: "an ISO 8601 duration (e.g. P2Y, P6M, P30D, PT12H)", whenUnset: text
        ) { Self.isPeriod($0) ? $0 : nil }
    }

    /// `P[nY][nM][nW][nD][T[nH][nM][nS]]` with at least one part (whole numbers).
    public static func isPeriod(_ text: String) -> Bool {
        text.range(of: #"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$"#, options: .regularExpression) != nil
    }

    /// A libpq connection URL (`postgres://` or `postgresql://`); its password never shown.
    public static func postgresURL(_ name: String, default text: String, meaning: String) -> Self {
        Self(
            key: ConfigurationKey(name, type: "postgres URL", default: text, secrecy: .urlPassword, meaning: meaning),
            expected: "a postgres:// or postgresql:// URL", whenUnset: text
        ) { text in
            let schemeOK = text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
            return schemeOK && !text.contains(where: { $0.isWhitespace || $0.isNewline }) ? text : nil
        }
    }

    /// One AMQP URL or several comma-separated (a cluster's nodes), as ``AMQPConfiguration`` parses them.
    public static func amqpURL(_ name: String, default text: String, meaning: String) -> Self {
        Self(
            key: ConfigurationKey(name, type: "amqp(s) URL(s)", default: text, secrecy: .urlPassword, meaning: meaning),
            expected: "amqp://user:pass@host:port/vhost or amqps://..., comma-separated for several nodes", whenUnset: text
        ) { (try? AMQPConfiguration(url: $0)) == nil ? nil : $0 }
    }
}

extension Setting where Value == String? {
    /// Text whose absence means something (the meaning says what).
    public static func optional(_ name: String, type: String, secrecy: ConfigurationKey.Secrecy = .none, meaning: String) -> Self {
        Self(
            key: ConfigurationKey(name, type: type, default: nil, secrecy: secrecy, meaning: meaning),
            expected: "a \(type)", whenUnset: nil
        ) { $0 }
    }
}

extension Setting where Value == TimeZone {
    /// An IANA time zone (`Asia/Shanghai`; a leading `:` as in POSIX `TZ` is ignored).
    public static func timeZone(_ name: String, default text: String, meaning: String) -> Self {
        Self(
            key: ConfigurationKey(name, type: "IANA time zone", default: text, meaning: meaning),
            expected: "an IANA time zone (e.g. Asia/Shanghai)", whenUnset: TimeZone(identifier: text)!
        ) { TimeZone(identifier: $0.hasPrefix(":") ? String($0.dropFirst()) : $0) }
    }
}
