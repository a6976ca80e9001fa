import Foundation
import Hummingbird

/// The interface documents intake serves: `/openapi.json` (the REST API) and `/asyncapi.yaml`
/// (the events, tasks and replies on AMQP), read once at start from `DOCS_ROOT`.
///
/// `docs/openapi.json` in the repository is the one source: the server never carries a copy of
/// its own. Configuration: `DOCS_ROOT` (path, default `docs` under the working directory).
struct InterfaceDocuments {
    /// The documents by URL path, with their media types.
    let files: [(path: String, contentType: String, body: ByteBuffer)]

    /// Reads `openapi.json` (required) and `asyncapi.yaml` (when present) from `root`.
    init(root: String) throws {
        var files: [(String, String, ByteBuffer)] = []
        for (name, type, required) in [("openapi.json", "application/json", true), ("asyncapi.yaml", "application/yaml", false)] {
            let url = URL(fileURLWithPath: root).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if required { throw InterfaceDocumentMissing(path: url.path) }
                continue
            }
            files.append((name, type, ByteBuffer(bytes: data)))
        }
        self.files = files
    }

    /// Adds one GET route per document.
    func add(to router: Router<some RequestContext>) {
        for file in self.files {
            router.get(RouterPath(file.path)) { _, _ in
                Response(status: .ok, headers: [.contentType: file.contentType], body: .init(byteBuffer: file.body))
            }
        }
    }
}

/// `DOCS_ROOT` does not hold the OpenAPI document.
struct InterfaceDocumentMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "DOCS_ROOT: \(self.path) is missing (intake serves the repository's docs/openapi.json)" }
}
