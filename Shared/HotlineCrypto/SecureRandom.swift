internal import COpenSSL

/// Cryptographically strong random bytes from OpenSSL's CSPRNG, for API keys and message ids.
public enum SecureRandom {
    /// `count` random bytes; traps if the CSPRNG cannot be seeded, since no key may be weak.
    public static func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        precondition(RAND_bytes(&bytes, Int32(count)) == 1, "OpenSSL RAND_bytes failed")
        return bytes
    }
}
