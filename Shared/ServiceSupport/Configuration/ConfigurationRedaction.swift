import Foundation

/// Takes the secrets out of URLs before they reach a log: the password of `user:password@`, and
/// query parameters whose name says they hold one (`password`, `sslpassword`, `secret`, `token`, `key`).
public enum ConfigurationRedaction {
    /// `text` (one URL, or several separated by commas as `AMQP_URL` allows) with each password
    /// replaced by `***`. Where a password is ambiguous (an unencoded `@` or `/` in it) more is
    /// hidden, never less.
    ///
    /// ```
    /// redactingURLPasswords("postgres://hotline:pw@db:5432/hotline?sslpassword=x")
    /// // "postgres://hotline:***@db:5432/hotline?sslpassword=***"
    /// ```
    public static func redactingURLPasswords(_ text: String) -> String {
        self.split(text).map(self.redactOne).joined(separator: ",")
    }

    /// Splits at each comma that starts another URL (`scheme://`), so a comma in a password stays in its URL.
    private static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(text)
        while let comma = rest.firstIndex(of: ",") {
            let after = rest[rest.index(after: comma)...]
            current += rest[..<comma]
            if after.drop(while: { $0 == " " }).range(of: #"^[A-Za-z][A-Za-z0-9+.-]*://"#, options: .regularExpression) != nil {
                parts.append(current)
                current = ""
            } else {
                current += ","
            }
            rest = after
        }
        return parts + [current + rest]
    }

    /// One URL.
    private static func redactOne(_ url: String) -> String {
        var result = url
        let queryStart = result.firstIndex(of: "?") ?? result.endIndex
        if let schemeEnd = result.range(of: "://"), schemeEnd.upperBound <= queryStart,
            let at = result[schemeEnd.upperBound..<queryStart].lastIndex(of: "@"),
            let colon = result[schemeEnd.upperBound..<at].firstIndex(of: ":")
        {
            result.replaceSubrange(result.index(after: colon)..<at, with: "***")
        }
        guard let query = result.firstIndex(of: "?") else { return result }
        let parameters = result[result.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { parameter in
            guard let equals = parameter.firstIndex(of: "=") else { return String(parameter) }
            let name = parameter[..<equals].lowercased()
            let secret = ["pass", "secret", "token", "key"].contains { name.contains($0) }
            return secret ? "\(parameter[..<equals])=***" : String(parameter)
        }
        return String(result[...query]) + parameters.joined(separator: "&")
    }
}
