import Foundation

/// Server URLs from the environment or the `.run/env` that `make test` writes; a missing
/// stack fails the test instead of skipping it.
enum TestServers {
    static func value(_ key: String) throws -> String {
        if let value = ProcessInfo.processInfo.environment[key], !value.isEmpty { return value }
        if let path = ProcessInfo.processInfo.environment["HOTLINE_ENV_FILE"], let text = try? String(contentsOfFile: path, encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("\(key)=") { return String(line.dropFirst(key.count + 1)) }
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if let text = try? String(contentsOf: dir.appendingPathComponent(".run/env"), encoding: .utf8) {
                for line in text.split(separator: "\n") where line.hasPrefix("\(key)=") {
                    return String(line.dropFirst(key.count + 1))
                }
            }
            dir.deleteLastPathComponent()
        }
        throw MissingServer(key: key)
    }

    struct MissingServer: Error, CustomStringConvertible {
        var key: String
        var description: String { "\(key) not set and no .run/env: run the tests with `make test`" }
    }
}
