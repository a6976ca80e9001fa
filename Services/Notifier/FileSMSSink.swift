import Foundation
import HotlineDomain
import ServiceSupport
import Synchronization

/// Appends each SMS as one JSON line to a file: the gateway of a machine without one
/// (`SMS_GATEWAY_URL` unset). Always accepts.
final class FileSMSSink: SMSGateway {
    private let handle: Mutex<FileHandle>

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw SettingsError(key: "SMS_SINK_FILE", message: "cannot write \(path)")
        }
        handle.seekToEndOfFile()
        self.handle = Mutex(handle)
    }

    func send(_ sms: OutboundSMS) async -> SendOutcome {
        struct Line: Encodable {
            var messageId, to, text, kind: String
            var ticketNumber: String?
            var sentAt: Date
        }
        let line = Line(messageId: sms.messageId, to: sms.to, text: sms.text, kind: sms.kind, ticketNumber: sms.ticketNumber, sentAt: Date())
        guard let data = try? HotlineJSON.encoder().encode(line) else { return .permanent("unencodable") }
        self.handle.withLock { $0.write(data + Data("\n".utf8)) }
        return .accepted
    }

    func shutdown() async {
        self.handle.withLock { try? $0.synchronize() }
    }
}
