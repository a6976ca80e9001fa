/// Reads one Markdown article with front matter, the format of `intake import-knowledge`:
///
/// ```markdown
/// ---
/// title: 城乡居民基本医疗保险个人缴费标准
/// categories: [medical_insurance]
/// keywords: [医保缴费, 居民医保]
/// department: YB
/// validFrom: 2026-01-01
/// validTo: 2026-12-31
/// answer: 2026年度城乡居民医保个人缴费标准为每人每年400元。
/// ---
/// 正文（Markdown）……
/// ```
///
/// Front matter is `key: value` lines; a value is a scalar (quotes optional) or a list, either
/// inline (`[a, b]`) or as `- item` lines below the key. The body is everything after the
/// closing `---`. Every problem names the file and the field.
public enum KnowledgeFileReader {
    /// The draft of `text` (the file `file`), or every problem found in it.
    public static func read(
        file: String, text: String, categories: Set<String>, departments: Set<String>
    ) -> (draft: KnowledgeDraft?, issues: [ValidationIssue]) {
        func issue(_ field: String, _ message: String) -> ValidationIssue {
            ValidationIssue(file: file, entry: "", field: field, message: message)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        guard lines.first?.trimmingWhitespace() == "---" else {
            return (nil, [issue("front matter", "the file must start with a '---' line")])
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingWhitespace() == "---" }) else {
            return (nil, [issue("front matter", "no closing '---' line")])
        }
        var members: [String: JSONValue] = [:]
        var issues: [ValidationIssue] = []
        var openList: String?
        for (offset, raw) in lines[1..<end].enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("- "), let key = openList {
                let item = self.scalar(String(line.dropFirst(2)))
                members[key] = .array((members[key]?.arrayValue ?? []) + [.string(item)])
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                issues.append(issue("front matter line \(offset + 2)", "expected 'key: value'"))
                continue
            }
            let key = String(line[..<colon]).trimmingWhitespace()
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            guard !key.isEmpty else {
                issues.append(issue("front matter line \(offset + 2)", "expected 'key: value'"))
                continue
            }
            if members[key] != nil { issues.append(issue(key, "given twice")) }
            openList = nil
            if value.isEmpty {
                members[key] = .array([])
                openList = key
            } else if value.hasPrefix("[") {
                guard value.hasSuffix("]") else {
                    issues.append(issue(key, "a list must close with ']'"))
                    continue
                }
                let inner = String(value.dropFirst().dropLast())
                let items = inner.split(separator: ",").map { self.scalar(String($0)) }.filter { !$0.isEmpty }
                members[key] = .array(items.map(JSONValue.string))
            } else {
                members[key] = .string(self.scalar(value))
            }
        }
        // A key with nothing after it and no `- ` items below is an empty scalar, not a list.
        for (key, value) in members where value == .array([]) && !["categories", "keywords"].contains(key) { members[key] = .string("") }
        members["body"] = .string(lines[(end + 1)...].joined(separator: "\n"))
        let (draft, fieldIssues) = KnowledgeDraft.validate(members, categories: categories, departments: departments)
        issues += fieldIssues.map { issue($0.field, $0.message) }
        return issues.isEmpty ? (draft, []) : (nil, issues)
    }

    /// A front-matter scalar without surrounding white space and quotes.
    private static func scalar(_ raw: String) -> String {
        let trimmed = raw.trimmingWhitespace()
        for quote in ["\"", "'"] where trimmed.count >= 2 && trimmed.hasPrefix(quote) && trimmed.hasSuffix(quote) {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}
