import Foundation

/// The running stack's settings as `deploy/local/stack.sh` writes them to `.run/env`
/// (`KEY=value` lines): the one reader of that file for every test target.
///
/// Found in this order: `HOTLINE_ENV_FILE` (another stack's env, e.g. a second stack under
/// another `RUN_DIR`), else the first `.run/env` walking up from the test's source file. A
/// value set in the process's environment wins over the file's (``value(_:)``).
public struct StackEnvironment: Sendable {
    /// The file's values.
    public let values: [String: String]
    /// The folder holding `.run/` (the repository's root for the usual stack).
    public let root: URL

    /// Loads the stack's `.run/env`; throws ``StackEnvironmentMissing`` without one.
    public static func load(from filePath: String = #filePath) throws -> StackEnvironment {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["HOTLINE_ENV_FILE"], let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return StackEnvironment(values: Self.parse(text), root: Self.repositoryRoot(from: filePath))
        }
        guard let file = Self.findUpwards(".run/env", from: filePath), let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw StackEnvironmentMissing(key: nil)
        }
        return StackEnvironment(values: Self.parse(text), root: URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent())
    }

    /// `key` from the process's environment, else from the stack's `.run/env`; throws
    /// ``StackEnvironmentMissing`` naming it when neither has it (a test never passes without
    /// its server).
    public static func value(_ key: String, from filePath: String = #filePath) throws -> String {
        if let value = ProcessInfo.processInfo.environment[key], !value.isEmpty { return value }
        guard let value = (try? self.load(from: filePath))?.values[key], !value.isEmpty else { throw StackEnvironmentMissing(key: key) }
        return value
    }

    /// The file's value of `key`, "" when absent.
    public subscript(_ key: String) -> String { self.values[key] ?? "" }

    /// `KEY=value` lines (the value may hold `=`).
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return values
    }

    /// The repository's root: the folder holding `Package.swift` above `filePath`.
    public static func repositoryRoot(from filePath: String = #filePath) -> URL {
        Self.findUpwards("Package.swift", from: filePath).map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The first `relativePath` found in the folders above `filePath`.
    public static func findUpwards(_ relativePath: String, from filePath: String = #filePath) -> String? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relativePath).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}

/// No running stack (or not the setting asked for): start it with `make up` (`make test` does).
public struct StackEnvironmentMissing: Error, CustomStringConvertible {
    /// The setting looked for, nil for the whole file.
    public var key: String?

    public var description: String {
        if let key { return "\(key) not set and not in .run/env: start the stack with `make up` (make test does)" }
        return "no .run/env: start the stack with `make up` (make test does)"
    }
}
