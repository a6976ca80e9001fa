internal import CRabbitMQ
import Foundation

/// Memory for the C structures of one outgoing call (properties, field tables, strings), taken
/// from an `amqp_pool_t` and given back all at once by ``reset()``.
///
/// Owned by one ``AMQPConnection`` and used only by the thread that owns it; not Sendable.
final class CArena {
    private let pool: UnsafeMutablePointer<amqp_pool_t>

    init() {
        self.pool = .allocate(capacity: 1)
        init_amqp_pool(self.pool, 4096)
    }

    deinit {
        empty_amqp_pool(self.pool)
        self.pool.deallocate()
    }

    /// Makes the memory handed out so far reusable; pointers from before are invalid afterwards.
    func reset() {
        recycle_amqp_pool(self.pool)
    }

    private func allocate(_ count: Int) throws -> UnsafeMutableRawPointer {
        guard let pointer = amqp_pool_alloc(self.pool, max(count, 1)) else {
            throw AMQPError("out of memory building an AMQP frame")
        }
        return pointer
    }

    /// A copy of `text` as `amqp_bytes_t` (not NUL-terminated).
    func bytes(_ text: String) throws -> amqp_bytes_t {
        var text = text
        return try text.withUTF8 { utf8 in
            let pointer = try self.allocate(utf8.count)
            if let base = utf8.baseAddress { pointer.copyMemory(from: base, byteCount: utf8.count) }
            return amqp_bytes_t(len: utf8.count, bytes: pointer)
        }
    }

    /// A NUL-terminated copy of `text`.
    func cString(_ text: String) throws -> UnsafePointer<CChar> {
        let utf8 = Array(text.utf8)
        let pointer = try self.allocate(utf8.count + 1)
        utf8.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: utf8.count) }
        pointer.storeBytes(of: 0, toByteOffset: utf8.count, as: UInt8.self)
        return UnsafePointer(pointer.assumingMemoryBound(to: CChar.self))
    }

    /// The C form of a field table, entries sorted by key so that the wire form is stable.
    func table(_ table: AMQPTable) throws -> amqp_table_t {
        guard !table.isEmpty else { return amqp_empty_table }
        let entries = try self.allocate(MemoryLayout<amqp_table_entry_t>.stride * table.count)
            .bindMemory(to: amqp_table_entry_t.self, capacity: table.count)
        for (offset, key) in table.keys.sorted().enumerated() {
            (entries + offset).initialize(to: amqp_table_entry_t(key: try self.bytes(key), value: try self.value(table[key]!)))
        }
        return amqp_table_t(num_entries: Int32(table.count), entries: entries)
    }

    private func value(_ value: AMQPFieldValue) throws -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .string(let text):
            field.kind = UInt8(ascii: "S")
            field.value.bytes = try self.bytes(text)
        case .int(let number):
            field.kind = UInt8(ascii: "I")
            field.value.i32 = number
        case .long(let number):
            field.kind = UInt8(ascii: "l")
            field.value.i64 = number
        case .bool(let flag):
            field.kind = UInt8(ascii: "t")
            field.value.boolean = flag ? 1 : 0
        case .double(let number):
            field.kind = UInt8(ascii: "d")
            field.value.f64 = number
        case .table(let nested):
            field.kind = UInt8(ascii: "F")
            field.value.table = try self.table(nested)
        case .array(let items):
            field.kind = UInt8(ascii: "A")
            if items.isEmpty {
                field.value.array = amqp_empty_array
            } else {
                let entries = try self.allocate(MemoryLayout<amqp_field_value_t>.stride * items.count)
                    .bindMemory(to: amqp_field_value_t.self, capacity: items.count)
                for (offset, item) in items.enumerated() {
                    (entries + offset).initialize(to: try self.value(item))
                }
                field.value.array = amqp_array_t(num_entries: Int32(items.count), entries: entries)
            }
        case .void:
            field.kind = UInt8(ascii: "V")
        }
        return field
    }

    /// The C form of `properties`; valid until the next ``reset()``.
    func properties(_ properties: AMQPProperties) throws -> amqp_basic_properties_t {
        var c = amqp_basic_properties_t()
        var flags = UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
        c.delivery_mode = properties.persistent ? 2 : 1
        if let contentType = properties.contentType {
            c.content_type = try self.bytes(contentType)
            flags |= UInt32(AMQP_BASIC_CONTENT_TYPE_FLAG)
        }
        if let messageId = properties.messageId {
            c.message_id = try self.bytes(messageId)
            flags |= UInt32(AMQP_BASIC_MESSAGE_ID_FLAG)
        }
        if let type = properties.type {
            c.type = try self.bytes(type)
            flags |= UInt32(AMQP_BASIC_TYPE_FLAG)
        }
        if let correlationId = properties.correlationId {
            c.correlation_id = try self.bytes(correlationId)
            flags |= UInt32(AMQP_BASIC_CORRELATION_ID_FLAG)
        }
        if let timestamp = properties.timestamp {
            c.timestamp = UInt64(max(0, timestamp.timeIntervalSince1970.rounded(.down)))
            flags |= UInt32(AMQP_BASIC_TIMESTAMP_FLAG)
        }
        if !properties.headers.isEmpty {
            c.headers = try self.table(properties.headers)
            flags |= UInt32(AMQP_BASIC_HEADERS_FLAG)
        }
        c._flags = flags
        return c
    }
}
