import APIRuntime
import Foundation
import Logging

/// `LOG_FORMAT=json`: one JSON object per line on standard output, for log shippers:
/// `{"time":"2026-11-26T15:32:14.123Z","level":"info","logger":"todo-api","message":"request","request_id":...}`.
/// Metadata keys become members (after the fixed ones); integer and finite floating-point values are numbers.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private static let output = LockedStandardOutput()

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        var object = JSONObject()
        object.append("time", .string(RFC3339.format(Date())))
        object.append("level", .string(event.level.rawValue))
        object.append("logger", .string(label))
        object.append("message", .string(event.message.description))
        for key in merged.keys.sorted() where !["time", "level", "logger", "message"].contains(key) {
            object.append(key, Self.json(merged[key]!))
        }
        if event.level >= .error { object.append("source", .string("\(event.file):\(event.line)")) }
        var line = JSONWriter.write(.object(object))
        line.append(UInt8(ascii: "\n"))
        Self.output.write(line)
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let value as any BinaryInteger): .number(value.description)
        case .stringConvertible(let value as Double) where value.isFinite: .number(value.description)
        case .stringConvertible(let value): .string(value.description)
        case .array(let items): .array(items.map(json))
        case .dictionary(let members): .object(JSONObject(members.keys.sorted().map { ($0, json(members[$0]!)) }))
        }
    }
}

/// Whole lines to standard output under a lock, so lines from different threads never interleave.
final class LockedStandardOutput: Sendable {
    private let lock = NSLock()

    func write(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
