/// Removes the EXIF block (where cameras put GPS position, time and device) from a photo whose
/// uploader is not staff: the picture itself is left byte for byte. JPEG loses its APP1 `Exif`
/// segments, PNG its `eXIf` chunks, WebP its `EXIF` chunk (and the VP8X flag naming it).
/// Bytes it cannot walk are returned unchanged only when they carry no EXIF marker at all;
/// otherwise nil, and the caller refuses the upload.
public enum ImageMetadata {
    /// `bytes` of `kind` without EXIF, or nil when the structure cannot be followed.
    public static func strippingEXIF(_ bytes: [UInt8], kind: ImageKind) -> [UInt8]? {
        switch kind {
        case .jpeg: self.jpeg(bytes)
        case .png: self.png(bytes)
        case .webp: self.webp(bytes)
        }
    }

    /// Whether the bytes hold an EXIF block this type strips.
    public static func hasEXIF(_ bytes: [UInt8], kind: ImageKind) -> Bool {
        guard let stripped = self.strippingEXIF(bytes, kind: kind) else { return true }
        return stripped.count != bytes.count
    }

    private static func jpeg(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = [0xFF, 0xD8]
        var i = 2
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            // Start of scan: the rest is image data, copied as it is.
            if marker == 0xDA || marker == 0xD9 {
                out += bytes[i...]
                return out
            }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return nil }
            let segment = bytes[i..<(i + 2 + length)]
            let isExif = marker == 0xE1 && length >= 8 && Array(bytes[(i + 4)..<(i + 10)]) == [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]
            if !isExif { out += segment }
            i += 2 + length
        }
        return nil
    }

    private static func png(_ bytes: [UInt8]) -> [UInt8]? {
        var out = Array(bytes[0..<8])
        var i = 8
        while i + 12 <= bytes.count {
            let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 0, i + 12 + length <= bytes.count else { return nil }
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            if type != "eXIf" { out += bytes[i..<(i + 12 + length)] }
            i += 12 + length
            if type == "IEND" { return out }
        }
        return nil
    }

    private static func webp(_ bytes: [UInt8]) -> [UInt8]? {
        var chunks: [UInt8] = []
        var i = 12
        var removed = false
        while i + 8 <= bytes.count {
            let size = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8 | Int(bytes[i + 6]) << 16 | Int(bytes[i + 7]) << 24
            let padded = size + (size & 1)
            guard i + 8 + size <= bytes.count else { return nil }
            let end = min(i + 8 + padded, bytes.count)
            let type = String(decoding: bytes[i..<(i + 4)], as: UTF8.self)
            if type == "EXIF" {
                removed = true
            } else {
                var chunk = Array(bytes[i..<end])
                // VP8X flags: bit 3 says an EXIF chunk follows.
                if type == "VP8X", chunk.count > 8 { chunk[8] &= ~0x08 }
                chunks += chunk
            }
            i = end
        }
        guard removed else { return bytes }
        let riffSize = UInt32(4 + chunks.count)
        return Array("RIFF".utf8) + [UInt8(riffSize & 0xFF), UInt8(riffSize >> 8 & 0xFF), UInt8(riffSize >> 16 & 0xFF), UInt8(riffSize >> 24)]
            + Array("WEBP".utf8) + chunks
    }
}
