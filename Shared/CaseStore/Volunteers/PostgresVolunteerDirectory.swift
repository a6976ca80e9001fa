import Foundation
import Postgres

/// ``VolunteerDirectory`` on a connection (the planner's event transaction).
public struct PostgresVolunteerDirectory: VolunteerDirectory {
    let connection: PostgresConnection
    let store: VolunteerStore

    /// The directory on `connection`; `timeZone` is the jurisdiction's (``VolunteerStore``).
    public init(connection: PostgresConnection, timeZone: TimeZone) {
        self.connection = connection
        self.store = VolunteerStore(timeZone: timeZone)
    }

    public func phones(of codes: [String]) throws -> [String] {
        try self.connection.query("SELECT phone FROM volunteers WHERE code = ANY($1::text[]) ORDER BY code", [codes], plan: .generic)
            .map { try $0.decode("phone", as: String.self) }
    }

    public func volunteer(code: String) throws -> VolunteerRecord? {
        try self.store.find(code: code, on: self.connection)
    }
}
