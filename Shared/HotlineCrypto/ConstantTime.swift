internal import COpenSSL

/// Comparison whose duration does not depend on where two secrets differ.
public enum ConstantTime {
    /// True when both byte strings are equal; length is not secret, content is.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { l in
            rhs.withUnsafeBytes { r in CRYPTO_memcmp(l.baseAddress, r.baseAddress, l.count) == 0 }
        }
    }
}
