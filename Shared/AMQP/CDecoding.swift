internal import CRabbitMQ
import Foundation

/// Conversions from rabbitmq-c's decoded structures to this module's value types. The C memory
/// is only read here, never kept: every result is a Swift copy.
enum CDecoding {
    static func string(_ bytes: amqp_bytes_t) -> String {
        guard bytes.len > 0, let base = bytes.bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: bytes.len), as: UTF8.self)
    }

    static func array(_ bytes: amqp_bytes_t) -> [UInt8] {
        guard bytes.len > 0, let base = bytes.bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: bytes.len))
    }

    static func table(_ table: amqp_table_t) -> AMQPTable {
        var result: AMQPTable = [:]
        guard table.num_entries > 0, let entries = table.entries else { return result }
        result.reserveCapacity(Int(table.num_entries))
        for index in 0..<Int(table.num_entries) {
            let entry = entries[index]
            result[self.string(entry.key)] = self.value(entry.value)
        }
        return result
    }

    static func value(_ field: amqp_field_value_t) -> AMQPFieldValue {
        switch field.kind {
        case UInt8(ascii: "t"): return .bool(field.value.boolean != 0)
        case UInt8(ascii: "b"): return .int(Int32(field.value.i8))
        case UInt8(ascii: "B"): return .int(Int32(field.value.u8))
        case UInt8(ascii: "s"): return .int(Int32(field.value.i16))
        case UInt8(ascii: "u"): return .int(Int32(field.value.u16))
        case UInt8(ascii: "I"): return .int(field.value.i32)
        case UInt8(ascii: "i"): return .long(Int64(field.value.u32))
        case UInt8(ascii: "l"): return .long(field.value.i64)
        case UInt8(ascii: "L"), UInt8(ascii: "T"): return .long(Int64(truncatingIfNeeded: field.value.u64))
        case UInt8(ascii: "f"): return .double(Double(field.value.f32))
        case UInt8(ascii: "d"): return .double(field.value.f64)
        case UInt8(ascii: "D"):
            let decimal = field.value.decimal
            return .double(Double(decimal.value) / pow(10, Double(decimal.decimals)))
        case UInt8(ascii: "S"), UInt8(ascii: "x"): return .string(self.string(field.value.bytes))
        case UInt8(ascii: "F"): return .table(self.table(field.value.table))
        case UInt8(ascii: "A"):
            let array = field.value.array
            guard array.num_entries > 0, let entries = array.entries else { return .array([]) }
            return .array((0..<Int(array.num_entries)).map { self.value(entries[$0]) })
        default: return .void
        }
    }

    static func properties(_ c: amqp_basic_properties_t) -> AMQPProperties {
        let flags = c._flags
        func has(_ flag: Int32) -> Bool { flags & UInt32(flag) != 0 }
        return AMQPProperties(
            messageId: has(AMQP_BASIC_MESSAGE_ID_FLAG) ? self.string(c.message_id) : nil,
            type: has(AMQP_BASIC_TYPE_FLAG) ? self.string(c.type) : nil,
            contentType: has(AMQP_BASIC_CONTENT_TYPE_FLAG) ? self.string(c.content_type) : nil,
            correlationId: has(AMQP_BASIC_CORRELATION_ID_FLAG) ? self.string(c.correlation_id) : nil,
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && c.delivery_mode == 2,
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? self.table(c.headers) : [:],
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? Date(timeIntervalSince1970: Double(c.timestamp)) : nil
        )
    }

    static func timeval(_ duration: Duration) -> Glibc.timeval {
        let clamped = max(duration, .zero)
        let (seconds, attoseconds) = clamped.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
