import Foundation
import HotlineCrypto
import Hummingbird
import Logging

/// The web UI's static files (console, big screen and their shared modules), read once at start
/// from `WEB_ROOT` and served from memory with a strong ETag, `Cache-Control: no-cache` (the
/// browser revalidates, and a 304 costs nothing) and a Content-Security-Policy that allows only
/// this origin's scripts, styles and connections: no inline script, nothing from elsewhere.
///
/// Configuration: `WEB_ROOT` (path, `Web` under the working directory): a folder whose
/// sub-folders become URL paths (`Web/console/index.html` is `/console/`).
struct WebAssets: Sendable {
    /// One file, ready to send.
    struct Asset: Sendable {
        var body: ByteBuffer
        var contentType: String
        var eTag: String
    }

    /// Files by URL path (`/console/app.js`); a folder's `index.html` also under `/console/`.
    let assets: [String: Asset]

    static let contentSecurityPolicy =
        // The reports' inline stylesheet, by its hash: the console shows a report from a blob,
        // which keeps this policy.
        "default-src 'self'; script-src 'self'; style-src 'self' \(ReportHTML.styleHash); img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    private static let contentTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "json": "application/json", "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon",
    ]

    /// Reads every file under `root`; a missing folder is an error naming it.
    init(root: String) throws {
        let rootURL = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw WebRootMissing(path: rootURL.path)
        }
        var assets: [String: Asset] = [:]
        let files = FileManager.default.enumerator(at: rootURL, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = files?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let type = Self.contentTypes[url.pathExtension.lowercased()]
            else { continue }
            let data = try Data(contentsOf: url)
            let path = "/" + url.standardizedFileURL.path.dropFirst(rootURL.path.count).drop { $0 == "/" }
            let asset = Asset(body: ByteBuffer(bytes: data), contentType: type, eTag: "\"\(Hex.encode(SHA256Digest.hash(Array(data))).prefix(32))\"")
            assets[path] = asset
            if url.lastPathComponent == "index.html" { assets[String(path.dropLast("index.html".count))] = asset }
        }
        self.assets = assets
    }

    /// Routes every file; `/console` without the slash redirects to `/console/`, since the
    /// router matches both alike and the pages' relative URLs need the slash.
    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        for path in self.assets.keys {
            guard path.count > 1, path.hasSuffix("/") else {
                router.get(RouterPath(path)) { request, _ in self.serve(path, request) }
                continue
            }
            router.get(RouterPath(String(path.dropLast()))) { request, _ in
                request.uri.path.hasSuffix("/") ? self.serve(path, request) : Response(status: .movedPermanently, headers: [.location: path])
            }
        }
    }

    private func serve(_ path: String, _ request: Request) -> Response {
        guard let asset = self.assets[path] else { return Response(status: .notFound) }
        var headers: HTTPFields = [
            .contentType: asset.contentType, .eTag: asset.eTag, .cacheControl: "no-cache",
            .contentSecurityPolicy: Self.contentSecurityPolicy, .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "no-referrer", .init("X-Frame-Options")!: "DENY",
        ]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.eTag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(asset.body.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}

/// `WEB_ROOT` does not name a folder.
struct WebRootMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "WEB_ROOT \(path) is not a folder holding the web UI (console/, screen/)" }
}
