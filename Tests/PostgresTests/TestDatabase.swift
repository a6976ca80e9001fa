import Foundation
import Logging
import TestSupport

/// Where the integration tests find their PostgreSQL server.
///
/// The URL comes from `DATABASE_URL`, else from the stack's `.run/env` (``StackEnvironment``).
/// Without either the tests fail with ``TestSetupError``; they never pass silently.
enum TestDatabase {
    /// The server's URL, or a thrown ``TestSetupError`` saying how to provide one.
    static func url() throws -> String {
        guard let url = try? StackEnvironment.value("DATABASE_URL") else {
            throw TestSetupError(
                "no PostgreSQL for the tests: set DATABASE_URL, or start the local stack "
                    + "(deploy/local/stack.sh) so that .run/env holds DATABASE_URL="
            )
        }
        return url
    }

    /// The URL with `search_path` set to `schema` for every session (libpq `options`).
    static func url(schema: String) throws -> String {
        let base = try self.url()
        let separator = base.contains("?") ? "&" : "?"
        return base + separator + "options=-c%20search_path%3D" + schema
    }

    /// A fresh, unquoted-safe name for a table or schema.
    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }

    static var logger: Logger {
        var logger = Logger(label: "postgres-tests")
        logger.logLevel = .notice
        return logger
    }
}

/// The test environment is missing something; the message says what.
struct TestSetupError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs `body` and returns the error of type `E` it threw, or `nil`.
func thrownError<E: Error>(_ type: E.Type, _ body: () throws -> Void) -> E? {
    do {
        try body()
        return nil
    } catch let error as E {
        return error
    } catch {
        return nil
    }
}

/// Async variant of ``thrownError(_:_:)``.
func thrownError<E: Error>(_ type: E.Type, _ body: @Sendable () async throws -> Void) async -> E? {
    do {
        try await body()
        return nil
    } catch let error as E {
        return error
    } catch {
        return nil
    }
}
