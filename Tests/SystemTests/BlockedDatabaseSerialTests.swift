import Testing

/// The tickets table held by an `ACCESS EXCLUSIVE` lock for 8 s: serial, because every test
/// running beside it that touches tickets (routing, SMS planning) would wait on the lock too.
@Suite struct BlockedDatabaseSerialTests {
    @Test func aBlockedDatabaseAnswers503WithRetryAfterNotAHang() async throws {
        try await TrustTests().aBlockedDatabaseAnswers503WithRetryAfterNotAHang()
    }
}
