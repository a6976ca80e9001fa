/// The area a one-key broadcast (一键响应) reaches: every grid of a district, a street or a
/// community. In JSON it is one key naming the level, e.g. `{"street": "620402001"}`.
public struct BroadcastScope: Codable, Sendable, Hashable {
    /// The administrative level of the scope.
    public enum Level: String, Codable, Sendable, CaseIterable {
        case district, street, community
    }

    /// The level.
    public var level: Level
    /// The area's code at that level.
    public var code: String

    /// Creates a scope.
    public init(level: Level, code: String) {
        self.level = level
        self.code = code
    }

    /// Whether `grid` lies in the scope.
    public func contains(_ grid: Grid) -> Bool {
        switch self.level {
        case .district: grid.district.code == self.code
        case .street: grid.street.code == self.code
        case .community: grid.community.code == self.code
        }
    }

    /// The grid workers of the grids in scope, one per phone number (normalized, so that one
    /// worker of several grids hears it once), in the order of `grids`.
    public func recipients(in grids: [Grid]) -> [BroadcastRecipient] {
        var recipients: [BroadcastRecipient] = []
        var positions: [String: Int] = [:]
        for grid in grids where self.contains(grid) {
            let raw = grid.worker.phone.trimmingWhitespace()
            guard !raw.isEmpty else { continue }
            let phone = PhoneNumber.normalize(raw) ?? raw
            if let position = positions[phone] {
                recipients[position].grids.append(grid.code)
            } else {
                positions[phone] = recipients.count
                recipients.append(BroadcastRecipient(name: grid.worker.name, phone: phone, grids: [grid.code]))
            }
        }
        return recipients
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes `{"<level>": "<code>"}` with exactly one key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first, let level = Level(rawValue: key.stringValue) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected one of district, street, community")
            )
        }
        self.level = level
        self.code = try container.decode(String.self, forKey: key)
    }

    /// Encodes `{"<level>": "<code>"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(self.code, forKey: Key(stringValue: self.level.rawValue))
    }
}
