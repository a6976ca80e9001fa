import HotlineDomain
import Testing

/// Photos are recognised by their bytes, and a resident's lose their EXIF block.
@Suite struct ImageKindTests {
    static let jfif: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
    static let exif: [UInt8] = [0xFF, 0xE1, 0x00, 0x10] + Array("Exif".utf8) + [0, 0] + Array("MM\0*GPS!".utf8)
    static let scan: [UInt8] = [0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9]
    static let jpeg: [UInt8] = [0xFF, 0xD8] + jfif + exif + scan

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = UInt32(data.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
    }
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let png = pngSignature + pngChunk("IHDR", Array(repeating: 1, count: 13)) + pngChunk("eXIf", Array("MM\0*GPS".utf8))
        + pngChunk("IDAT", [1, 2, 3]) + pngChunk("IEND", [])

    static func riff(_ chunks: [UInt8]) -> [UInt8] {
        let n = UInt32(4 + chunks.count)
        return Array("RIFF".utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("WEBP".utf8) + chunks
    }
    static func webpChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = UInt32(data.count)
        return Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data + (data.count % 2 == 1 ? [0] : [])
    }
    static let vp8x = webpChunk("VP8X", [0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    static let webp = riff(vp8x + webpChunk("VP8L", [1, 2, 3, 4, 5]) + webpChunk("EXIF", Array("MM\0*GPS".utf8)))

    @Test func sniffsByMagicNumber() {
        #expect(ImageKind.sniff(Self.jpeg) == .jpeg)
        #expect(ImageKind.sniff(Self.png) == .png)
        #expect(ImageKind.sniff(Self.webp) == .webp)
        #expect(ImageKind.sniff(Array("<svg xmlns=".utf8)) == nil)
        #expect(ImageKind.sniff(Array("GIF89a......".utf8)) == nil)
        #expect(ImageKind.sniff([]) == nil)
        #expect(ImageKind(contentType: "image/jpeg; charset=binary") == .jpeg)
        #expect(ImageKind(contentType: "IMAGE/PNG") == .png)
        #expect(ImageKind(contentType: "image/gif") == nil)
    }

    @Test func jpegLosesItsExifSegmentOnly() throws {
        #expect(ImageMetadata.hasEXIF(Self.jpeg, kind: .jpeg))
        let stripped = try #require(ImageMetadata.strippingEXIF(Self.jpeg, kind: .jpeg))
        #expect(stripped == [0xFF, 0xD8] + Self.jfif + Self.scan)
        #expect(!ImageMetadata.hasEXIF(stripped, kind: .jpeg))
        #expect(ImageMetadata.strippingEXIF([0xFF, 0xD8, 0xFF, 0xE1, 0x7F, 0xFF], kind: .jpeg) == nil, "a segment past the end")
    }

    @Test func pngLosesItsExifChunk() throws {
        let stripped = try #require(ImageMetadata.strippingEXIF(Self.png, kind: .png))
        #expect(stripped == Self.pngSignature + Self.pngChunk("IHDR", Array(repeating: 1, count: 13)) + Self.pngChunk("IDAT", [1, 2, 3]) + Self.pngChunk("IEND", []))
    }

    @Test func webpLosesItsExifChunkAndFlag() throws {
        let stripped = try #require(ImageMetadata.strippingEXIF(Self.webp, kind: .webp))
        let flags = Self.webpChunk("VP8X", [0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(stripped == Self.riff(flags + Self.webpChunk("VP8L", [1, 2, 3, 4, 5])))
        #expect(!ImageMetadata.hasEXIF(stripped, kind: .webp))
    }
}
