/// Every service's keys, for the docs' table and for the reader's list of secrets.
public enum ConfigurationCatalog {
    /// Each service with the keys it reads.
    public static let services: [(name: String, keys: [ConfigurationKey])] = [
        ("intake", IntakeConfiguration.keys), ("dispatcher", DispatcherConfiguration.keys), ("notifier", NotifierConfiguration.keys),
    ]

    /// Every key once: the common ones, then each service's in order.
    public static let allKeys: [ConfigurationKey] = {
        var seen: Set<String> = []
        return (HotlineSettings.keys + services.flatMap(\.keys)).filter { seen.insert($0.name).inserted }
    }()

    /// The services reading `key`: `all`, or their names.
    public static func readers(of key: ConfigurationKey) -> String {
        if HotlineSettings.keys.contains(key) { return "all" }
        return self.services.filter { $0.keys.contains(key) }.map(\.name).joined(separator: ", ")
    }

    /// The Markdown table of docs/interfaces.md ("Service configuration"), generated from the
    /// declarations (`intake config --markdown` prints it; a test compares it with the docs).
    public static func markdownTable() -> String {
        var lines = ["| variable | services | type | default | meaning |", "|---|---|---|---|---|"]
        for key in self.allKeys {
            let defaultText = key.defaultText.map { "`\($0)`" } ?? "unset"
            lines.append("| `\(key.name)` | \(self.readers(of: key)) | \(key.type) | \(defaultText) | \(key.meaning) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
