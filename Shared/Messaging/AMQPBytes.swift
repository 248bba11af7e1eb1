import CRabbitMQ
import Foundation

/// C memory for one outgoing call: strings copied into `malloc`ed buffers that live until
/// `release()`. librabbitmq keeps raw pointers in `amqp_bytes_t`, so Swift strings (whose storage
/// may move) are never handed to it directly.
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    func bytes(_ string: String) -> amqp_bytes_t {
        var utf8 = Array(string.utf8)
        return bytes(&utf8)
    }

    func bytes(_ array: inout [UInt8]) -> amqp_bytes_t {
        guard !array.isEmpty else { return amqp_empty_bytes }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: array.count, alignment: 1)
        array.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        allocations.append(memory)
        return amqp_bytes_t(len: array.count, bytes: memory)
    }

    func table(_ headers: [String: MessageProperties.HeaderValue]) -> amqp_table_t {
        guard !headers.isEmpty else { return amqp_empty_table }
        let entries = UnsafeMutablePointer<amqp_table_entry_t>.allocate(capacity: headers.count)
        allocations.append(UnsafeMutableRawPointer(entries))
        for (index, (key, value)) in headers.sorted(by: { $0.key < $1.key }).enumerated() {
            var field = amqp_field_value_t()
            switch value {
            case .string(let s):
                field.kind = UInt8(ascii: "S")
                field.value.bytes = bytes(s)
            case .int(let i):
                field.kind = UInt8(ascii: "l")
                field.value.i64 = i
            case .bool(let b):
                field.kind = UInt8(ascii: "t")
                field.value.boolean = b ? 1 : 0
            }
            entries.advanced(by: index).initialize(to: amqp_table_entry_t(key: bytes(key), value: field))
        }
        return amqp_table_t(num_entries: Int32(headers.count), entries: entries)
    }

    /// Client properties for login: name, product and the capabilities we rely on. librabbitmq
    /// 0.11 does not ask for `connection.blocked` or `consumer_cancel_notify` by itself; without
    /// them the broker would neither report its alarms nor tell us about cancelled consumers.
    func clientProperties(connectionName: String) -> amqp_table_t {
        let capabilities = [
            "connection.blocked", "consumer_cancel_notify", "publisher_confirms",
            "authentication_failure_close", "exchange_exchange_bindings",
        ]
        let capabilityTable = table(Dictionary(uniqueKeysWithValues: capabilities.map { ($0, MessageProperties.HeaderValue.bool(true)) }))
        var nested = amqp_field_value_t()
        nested.kind = UInt8(ascii: "F")
        nested.value.table = capabilityTable
        var properties = table(["connection_name": .string(connectionName), "product": .string("kunskapsloop")])
        let entries = UnsafeMutablePointer<amqp_table_entry_t>.allocate(capacity: Int(properties.num_entries) + 1)
        allocations.append(UnsafeMutableRawPointer(entries))
        entries.update(from: properties.entries, count: Int(properties.num_entries))
        entries.advanced(by: Int(properties.num_entries)).initialize(to: amqp_table_entry_t(key: bytes("capabilities"), value: nested))
        properties.entries = entries
        properties.num_entries += 1
        return properties
    }

    func release() {
        for memory in allocations { memory.deallocate() }
        allocations.removeAll()
    }

    deinit { release() }
}

extension String {
    /// Copies the bytes out of librabbitmq's memory (which is reused after the next frame).
    /// Bytes that are not UTF-8, and NUL, read as U+FFFD: no property or header has a use for
    /// NUL, and PostgreSQL's text cannot hold it (a message id with one failed every insert).
    init(amqp bytes: amqp_bytes_t) {
        guard bytes.len > 0, let base = bytes.bytes else {
            self = ""
            return
        }
        let raw = UnsafeRawBufferPointer(start: base, count: bytes.len)
        let decoded = String(decoding: raw, as: UTF8.self)
        self = raw.contains(0) ? decoded.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : decoded
    }
}

extension MessageProperties {
    /// Fills librabbitmq's struct; the strings live in `arena`.
    func cProperties(in arena: CArena) -> amqp_basic_properties_t {
        var p = amqp_basic_properties_t()
        var flags: amqp_flags_t = 0
        func set(_ value: String?, _ flag: amqp_flags_t, _ assign: (amqp_bytes_t) -> Void) {
            guard let value else { return }
            assign(arena.bytes(value))
            flags |= flag
        }
        set(contentType, KL_CONTENT_TYPE_FLAG) { p.content_type = $0 }
        set(type, KL_TYPE_FLAG) { p.type = $0 }
        set(messageID, KL_MESSAGE_ID_FLAG) { p.message_id = $0 }
        set(appID, KL_APP_ID_FLAG) { p.app_id = $0 }
        set(correlationID, KL_CORRELATION_ID_FLAG) { p.correlation_id = $0 }
        set(replyTo, KL_REPLY_TO_FLAG) { p.reply_to = $0 }
        set(expiration, KL_EXPIRATION_FLAG) { p.expiration = $0 }
        if let timestamp {
            p.timestamp = timestamp
            flags |= KL_TIMESTAMP_FLAG
        }
        p.delivery_mode = persistent ? 2 : 1
        flags |= KL_DELIVERY_MODE_FLAG
        if !headers.isEmpty {
            p.headers = arena.table(headers)
            flags |= KL_HEADERS_FLAG
        }
        p._flags = flags
        return p
    }

    /// Copies a received header frame's properties into a value.
    init(_ p: amqp_basic_properties_t) {
        func get(_ flag: amqp_flags_t, _ bytes: amqp_bytes_t) -> String? {
            p._flags & flag != 0 ? String(amqp: bytes) : nil
        }
        self.init(
            contentType: get(KL_CONTENT_TYPE_FLAG, p.content_type),
            type: get(KL_TYPE_FLAG, p.type),
            messageID: get(KL_MESSAGE_ID_FLAG, p.message_id),
            appID: get(KL_APP_ID_FLAG, p.app_id),
            correlationID: get(KL_CORRELATION_ID_FLAG, p.correlation_id),
            replyTo: get(KL_REPLY_TO_FLAG, p.reply_to),
            expiration: get(KL_EXPIRATION_FLAG, p.expiration),
            timestamp: p._flags & KL_TIMESTAMP_FLAG != 0 ? p.timestamp : nil,
            persistent: p._flags & KL_DELIVERY_MODE_FLAG != 0 && p.delivery_mode == 2,
            headers: p._flags & KL_HEADERS_FLAG != 0 ? Self.headers(p.headers) : [:]
        )
        // The reading differs from the bytes only where it replaced something (bytes that are not
        // UTF-8, or a NUL): compared in place, as nearly every id reads exactly.
        if let messageID, p.message_id.len > 0, let base = p.message_id.bytes {
            let raw = UnsafeRawBufferPointer(start: base, count: p.message_id.len)
            var id = messageID
            if !id.withUTF8({ $0.elementsEqual(raw) }) { unreadableMessageID = Array(raw) }
        }
    }

    private static func headers(_ table: amqp_table_t) -> [String: HeaderValue] {
        var result: [String: HeaderValue] = [:]
        guard table.num_entries > 0, let entries = table.entries else { return result }
        for i in 0..<Int(table.num_entries) {
            let entry = entries[i]
            let value = entry.value
            let decoded: HeaderValue? =
                switch value.kind {
                case UInt8(ascii: "S"), UInt8(ascii: "x"): .string(String(amqp: value.value.bytes))
                case UInt8(ascii: "t"): .bool(value.value.boolean != 0)
                case UInt8(ascii: "b"): .int(Int64(value.value.i8))
                case UInt8(ascii: "B"): .int(Int64(value.value.u8))
                case UInt8(ascii: "s"): .int(Int64(value.value.i16))
                case UInt8(ascii: "u"): .int(Int64(value.value.u16))
                case UInt8(ascii: "I"): .int(Int64(value.value.i32))
                case UInt8(ascii: "i"): .int(Int64(value.value.u32))
                case UInt8(ascii: "l"): .int(value.value.i64)
                case UInt8(ascii: "L"): .int(Int64(bitPattern: value.value.u64))
                default: nil  // floats, decimals, arrays, nested tables: not used by our contracts
                }
            if let decoded { result[String(amqp: entry.key)] = decoded }
        }
        return result
    }
}
