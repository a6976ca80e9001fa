internal import COpenSSL

/// SHA-256 over OpenSSL; API keys are stored as this digest, never in clear.
public enum SHA256Digest {
    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        bytes.withUnsafeBufferPointer { input in
            _ = EVP_Digest(input.baseAddress, input.count, &output, &length, EVP_sha256(), nil)
        }
        return Array(output.prefix(Int(length)))
    }

    /// The lowercase hex digest of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        Hex.encode(self.hash(Array(text.utf8)))
    }
}
