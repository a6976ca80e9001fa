import Foundation

/// The message texts, one per kind, with named `{variables}`, checked when the notifier starts:
/// a kind without a template, a template naming an unknown variable, an unbalanced brace or an
/// override file for an unknown kind stops the start instead of surprising at run time.
///
/// `SMS_TEMPLATES_DIR` (optional) names a folder of `<kind>.txt` files that replace the
/// compiled-in defaults of `Templates/`, e.g. to change a wording without a rebuild.
struct SMSTemplates: Sendable {
    let texts: [String: String]

    /// The defaults of `SMSTemplate.all`, overridden by `<kind>.txt` files in `directory`.
    init(directory: String? = nil) throws {
        var texts = Dictionary(SMSTemplate.all.map { ($0.kind, $0.text) }, uniquingKeysWith: { first, _ in first })
        if let directory, !directory.isEmpty {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }
            for file in files {
                let kind = String(file.dropLast(".txt".count))
                guard texts[kind] != nil else { throw TemplateError(kind: kind, problem: "\(directory)/\(file) names no known kind") }
                let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
                texts[kind] = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        try self.init(texts: texts)
    }

    /// Validates `texts` against the variables of `SMSTemplate.all`.
    init(texts: [String: String]) throws {
        for template in SMSTemplate.all {
            guard let text = texts[template.kind], !text.isEmpty else { throw TemplateError(kind: template.kind, problem: "no template") }
            guard let names = Self.names(in: text) else { throw TemplateError(kind: template.kind, problem: "unbalanced { }") }
            for name in names where !template.variables.contains(name) {
                throw TemplateError(kind: template.kind, problem: "unknown variable {\(name)}")
            }
        }
        self.texts = texts
    }

    /// The text of `kind` with `values` filled in; a variable without a value becomes empty.
    func render(_ kind: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(self.texts[kind] ?? "")
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            out += values[String(rest[rest.index(after: open)..<close])] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The `{names}` in `text`, or nil when a brace is unbalanced.
    static func names(in text: String) -> [String]? {
        var names: [String] = []
        var current: String?
        for character in text {
            switch (character, current) {
            case ("{", nil): current = ""
            case ("}", let name?): names.append(name); current = nil
            case ("{", _), ("}", nil): return nil
            case (_, let name?): current = name + String(character)
            default: break
            }
        }
        return current == nil ? names : nil
    }
}

/// A template or setting that cannot be used; stops the notifier's start.
struct TemplateError: Error, CustomStringConvertible {
    var kind: String
    var problem: String
    var description: String { "SMS template '\(self.kind)': \(self.problem)" }
}
