import HotlineDomain

/// ``VolunteerDirectory`` in memory, for the notifier's tests: the volunteers a test gives.
public struct InMemoryVolunteerDirectory: VolunteerDirectory, Sendable {
    /// The volunteers known.
    public var volunteers: [VolunteerRecord]

    /// A directory of `volunteers`.
    public init(_ volunteers: [VolunteerRecord] = []) {
        self.volunteers = volunteers
    }

    public func phones(of codes: [String]) throws -> [String] {
        self.volunteers.filter { codes.contains($0.volunteer.code) }.sorted { $0.volunteer.code < $1.volunteer.code }.map(\.volunteer.phone)
    }

    public func volunteer(code: String) throws -> VolunteerRecord? {
        self.volunteers.first { $0.volunteer.code == code }
    }
}
