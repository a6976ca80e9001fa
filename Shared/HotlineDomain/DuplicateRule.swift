import Foundation

/// When a new ticket repeats an open one (重复件), and the keys that find the candidates in O(1).
///
/// Two tickets of one category are the same matter when both are located within `radius`
/// metres of each other, or, when either has no coordinates, when they are in the same grid at
/// the same address (compared without spaces and punctuation). Candidates are found by two
/// stored keys instead of reading every open ticket of a category in a grid:
/// - the **cell** of a located ticket: the square of ``cellDegrees`` (about 220 m north-south)
///   it lies in; every ticket within a radius up to one cell lies in one of the 3x3 cells around
///   it (more when the radius is larger, see ``cells(lat:lon:radius:)``);
/// - the **address key**: grid code and normalised address, for tickets matched by words.
public struct DuplicateRule: Sendable {
    /// The side of a cell in degrees (latitude and longitude alike).
    public static let cellDegrees = 0.002

    /// Metres within which two located tickets are the same matter.
    public var radius: Double

    /// A rule matching within `radius` metres.
    public init(radius: Double) {
        self.radius = radius
    }

    /// One candidate (an open ticket, or a new one earlier in the same batch).
    public struct Candidate: Sendable, Equatable {
        /// The ticket's id.
        public var id: String
        /// Its number.
        public var number: String
        /// When it came in: the oldest match is the parent.
        public var createdAt: Date
        /// Its coordinates, when located.
        public var lat: Double?
        /// Longitude, when located.
        public var lon: Double?
        /// Its ``addressKey(grid:address:)``, when it has an address and a grid.
        public var addressKey: String?

        /// Creates a candidate.
        public init(id: String, number: String, createdAt: Date, lat: Double?, lon: Double?, addressKey: String?) {
            self.id = id
            self.number = number
            self.createdAt = createdAt
            self.lat = lat
            self.lon = lon
            self.addressKey = addressKey
        }
    }

    /// The cell of a point: a single integer, row and column of the ``cellDegrees`` grid.
    public static func cell(lat: Double, lon: Double) -> Int64 {
        let row = Int64((lat / self.cellDegrees).rounded(.down))
        let column = Int64((lon / self.cellDegrees).rounded(.down))
        return row * 1_000_000 + column
    }

    /// The cells that may hold a ticket within `radius` metres of the point: its own and enough
    /// neighbours on every side (a degree of latitude is ~111 km; of longitude, that times the
    /// cosine of the latitude).
    public static func cells(lat: Double, lon: Double, radius: Double) -> [Int64] {
        let latSpan = radius / 111_000
        let lonSpan = radius / (111_000 * max(cos(lat * .pi / 180), 0.01))
        let rows = Int((latSpan / self.cellDegrees).rounded(.up))
        let columns = Int((lonSpan / self.cellDegrees).rounded(.up))
        let home = self.cell(lat: lat, lon: lon)
        var out: [Int64] = []
        for row in -rows...rows {
            for column in -columns...columns { out.append(home + Int64(row) * 1_000_000 + Int64(column)) }
        }
        return out
    }

    /// The address key of a ticket: its grid and its address without spaces and punctuation;
    /// nil without either.
    public static func addressKey(grid: String?, address: String?) -> String? {
        guard let grid, let normalized = self.normalizedAddress(address) else { return nil }
        return grid + "|" + normalized
    }

    /// An address without spaces and punctuation, lower-cased, for comparing two callers' words.
    public static func normalizedAddress(_ address: String?) -> String? {
        guard let address else { return nil }
        let kept = address.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }
        return kept.isEmpty ? nil : String(String.UnicodeScalarView(kept))
    }

    /// Whether `candidate` is the same matter as a ticket at `lat`/`lon` with `addressKey`.
    public func matches(_ candidate: Candidate, lat: Double?, lon: Double?, addressKey: String?) -> Bool {
        if let lat, let lon, let otherLat = candidate.lat, let otherLon = candidate.lon {
            return Self.distance(lat, lon, otherLat, otherLon) <= self.radius
        }
        guard let addressKey else { return false }
        return candidate.addressKey == addressKey
    }

    /// The parent among `candidates`: the oldest that matches (ties by number).
    public func parent(among candidates: [Candidate], lat: Double?, lon: Double?, addressKey: String?) -> Candidate? {
        candidates
            .filter { self.matches($0, lat: lat, lon: lon, addressKey: addressKey) }
            .min { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }
    }

    /// Great-circle distance in metres between two WGS84 points (haversine).
    public static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6_371_000.0
        let dLat = (lat2 - lat1) * .pi / 180
        let dLon = (lon2 - lon1) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}
