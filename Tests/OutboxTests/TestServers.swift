import Foundation
import TestSupport

/// Server URLs from the environment or the stack's `.run/env` (``StackEnvironment``); a missing
/// stack fails the test instead of skipping it.
enum TestServers {
    /// The setting `key` (`DATABASE_URL`, `AMQP_URL`...).
    static func value(_ key: String) throws -> String {
        try StackEnvironment.value(key)
    }
}
