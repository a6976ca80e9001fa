/// A WGS84 position in degrees. GeoJSON writes it `[lon, lat]`; this type names the parts.
public struct Coordinate: Codable, Sendable, Hashable {
    /// Latitude in degrees, -90...90.
    public var lat: Double
    /// Longitude in degrees, -180...180.
    public var lon: Double

    /// Creates a coordinate.
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Whether both parts are finite and within the WGS84 ranges.
    public var isValid: Bool {
        self.lat.isFinite && self.lon.isFinite && (-90...90).contains(self.lat) && (-180...180).contains(self.lon)
    }
}
