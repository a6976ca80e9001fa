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

    /// The signature header value the gateway contract uses: `sha256=<lowercase hex>`.
    public static func signatureHeader(secret: String, body: [UInt8]) -> String {
        "sha256=" + Hex.encode(self.mac(key: Array(secret.utf8), message: body))
    }

    /// Checks a received `sha256=<hex>` header against the body, in constant time.
    public static func verify(signatureHeader: String?, secret: String, body: [UInt8]) -> Bool {
        guard let signatureHeader else { return false }
        let expected = self.signatureHeader(secret: secret, body: body)
        return ConstantTime.equals(Array(expected.utf8), Array(signatureHeader.lowercased().utf8))
    }
}
