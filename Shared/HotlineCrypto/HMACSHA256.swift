internal import COpenSSL

/// HMAC-SHA256 over OpenSSL, for the signed SMS gateway traffic (`X-Hotline-Signature`).
public enum HMACSHA256 {
    /// The raw 32-byte MAC of `message` under `key`.
    public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                // HMAC() only fails on a bad digest, and EVP_sha256 is always there.
                _ = HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                    messageBytes.baseAddress, messageBytes.count, &output, &length
                )
            }
        }
        return Array(output.prefix(Int(length)))
    }

    /// The signature header value of the gateway contract: `sha256=<lowercase hex>` of the
    /// HMAC of `"<timestamp>.<raw body>"` (sent with `X-Hotline-Timestamp: <timestamp>`).
    public static func signatureHeader(secret: String, timestamp: Int, body: [UInt8]) -> String {
        "sha256=" + Hex.encode(self.mac(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body))
    }

    /// Checks a received `sha256=<hex>` header and its `X-Hotline-Timestamp` against the body, in
    /// constant time: false when either header is missing or malformed, the timestamp is more
    /// than `window` seconds away from `now`, or the MAC differs.
    public static func verify(
        signatureHeader: String?, timestampHeader: String?, secret: String, body: [UInt8],
        now: Double, window: Double = 300
    ) -> Bool {
        guard let signatureHeader, let timestampHeader,
            let timestamp = Int(timestampHeader), abs(Double(timestamp) - now) <= window
        else { return false }
        let expected = self.signatureHeader(secret: secret, timestamp: timestamp, body: body)
        return ConstantTime.equals(Array(expected.utf8), Array(signatureHeader.lowercased().utf8))
    }
}
