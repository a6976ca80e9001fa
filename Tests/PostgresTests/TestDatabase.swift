import Foundation
import Logging

/// Where the integration tests find their PostgreSQL server, and how they restart it.
///
/// The URL comes from `DATABASE_URL`, else from the `DATABASE_URL=` line of the first
/// `.run/env` found walking up from this file (written by `deploy/local/stack.sh`). Without
/// either the tests fail with ``TestSetupError``; they never pass silently.
enum TestDatabase {
    /// The server's URL, or a thrown ``TestSetupError`` saying how to provide one.
    static func url(filePath: String = #filePath) throws -> String {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty { return url }
        if let file = self.findUpwards(".run/env", from: filePath),
           let contents = try? String(contentsOfFile: file, encoding: .utf8)
        {
            for line in contents.split(separator: "\n") where line.hasPrefix("DATABASE_URL=") {
                return String(line.dropFirst("DATABASE_URL=".count))
            }
        }
        throw TestSetupError(
            "no PostgreSQL for the tests: set DATABASE_URL, or start the local stack "
                + "(deploy/local/stack.sh) so that .run/env holds DATABASE_URL="
        )
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

    static func findUpwards(_ relativePath: String, from filePath: String) -> String? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relativePath).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
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
