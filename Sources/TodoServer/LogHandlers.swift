import APIRuntime
import Foundation
import Logging

/// The server's two log formats, one line per event on standard output, written whole under a lock:
/// `LOG_FORMAT=text` (`TextLogHandler`) for people, `LOG_FORMAT=json` (`JSONLogHandler`) for log shippers. Both
/// cost less per line than swift-log's `StreamLogHandler`, which showed in request-log A/B runs (see README).

/// `LOG_FORMAT=text`: `2026-11-26T15:32:14.123456Z info todo-api: request method=GET route=/health status=200 ...`:
/// the time, level, logger and message, then the metadata as `key=value`, keys sorted.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = mergedMetadata(metadata, metadataProvider, event.metadata)
        var line = RFC3339.format(Date()) + " " + event.level.rawValue + " " + label + ": " + event.message.description
        for key in merged.keys.sorted() {
            line += " " + key + "=" + merged[key]!.description
        }
        if event.level >= .error { line += " source=\(event.file):\(event.line)" }
        line += "\n"
        LockedStandardOutput.shared.write(Array(line.utf8))
    }
}

/// The handler's own metadata, then the provider's, then the event's: later ones win.
func mergedMetadata(_ own: Logger.Metadata, _ provider: Logger.MetadataProvider?, _ event: Logger.Metadata?) -> Logger.Metadata {
    var merged = own
    if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
    if let event { merged.merge(event) { _, new in new } }
    return merged
}

/// `LOG_FORMAT=json`: one JSON object per line on standard output, for log shippers:
/// `{"time":"2026-11-26T15:32:14.123Z","level":"info","logger":"todo-api","message":"request","request_id":...}`.
/// Metadata keys become members (after the fixed ones); integer and finite floating-point values are numbers.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = mergedMetadata(metadata, metadataProvider, event.metadata)
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
        LockedStandardOutput.shared.write(line)
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
    static let shared = LockedStandardOutput()
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
