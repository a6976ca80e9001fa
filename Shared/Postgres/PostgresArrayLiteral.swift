/// Reads and writes PostgreSQL's one-dimensional array literals (`{a,"b,c",NULL}`).
enum PostgresArrayLiteral {
    /// `{"a","b\"c",NULL}`: every element quoted, `\` and `"` escaped, `nil` as `NULL`.
    ///
    /// Works on UTF-8 bytes (both escaped characters are ASCII, so no multi-byte sequence is
    /// touched): outbox rows pass their JSON bodies through here, and appending them scalar by
    /// scalar was a tenth of the dispatcher's CPU.
    static func format(_ elements: [String?]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(elements.reduce(2) { $0 + ($1?.utf8.count ?? 4) + 3 })
        out.append(UInt8(ascii: "{"))
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard let element else {
                out.append(contentsOf: "NULL".utf8)
                continue
            }
            out.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses a one-dimensional literal into element texts (`nil` for an unquoted `NULL`).
    /// Accepts an optional bounds prefix (`[0:1]={…}`); rejects nested arrays.
    static func parse(_ text: String) throws -> [String?] {
        let bytes = Array(text.utf8)
        var index = 0
        func fail(_ reason: String) -> PostgresError {
            PostgresError.decoding("malformed array literal \"\(text)\": \(reason)")
        }
        if bytes.first == UInt8(ascii: "[") {
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { throw fail("bounds without '='") }
            index = equals + 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw fail("expected '{'") }
        index += 1
        var elements: [String?] = []
        func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }
        skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            guard index == bytes.count else { throw fail("text after '}'") }
            return []
        }
        while true {
            skipSpaces()
            guard index < bytes.count else { throw fail("unexpected end") }
            var element: [UInt8] = []
            var isNullCandidate = false
            switch bytes[index] {
            case UInt8(ascii: "{"):
                throw fail("multi-dimensional arrays are not supported")
            case UInt8(ascii: "\""):
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "\\") {
                        guard index < bytes.count else { break }
                        element.append(bytes[index])
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        closed = true
                        break
                    } else {
                        element.append(byte)
                    }
                }
                guard closed else { throw fail("unterminated quoted element") }
            default:
                var escaped = false
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        escaped = true
                        index += 1
                    }
                    element.append(bytes[index])
                    index += 1
                }
                while element.last == UInt8(ascii: " ") { element.removeLast() }
                isNullCandidate = !escaped
            }
            let string = String(decoding: element, as: UTF8.self)
            elements.append(isNullCandidate && string.uppercased() == "NULL" ? nil : string)
            skipSpaces()
            guard index < bytes.count else { throw fail("unexpected end") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
            index += 1
            guard index == bytes.count else { throw fail("text after '}'") }
            return elements
        }
    }
}
