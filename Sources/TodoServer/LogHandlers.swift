import APIRuntime
import Foundation
import Logging

/// The server's log handler: one line per event on standard output, written whole under a lock, in either
/// `LOG_FORMAT`. It costs less per line than swift-log's `StreamLogHandler`, which showed in request-log A/B runs
/// (see README).
/// - `text`: `2026-11-26T15:32:14.123456Z info todo-api: request method=GET route=/health status=200 ...`: the
///   time, level, logger and message, then the metadata as `key=value`, keys sorted.
/// - `json`: `{"time":"2026-11-26T15:32:14.123456Z","level":"info","logger":"todo-api","message":"request",...}`,
///   for log shippers: metadata keys become members (after the fixed ones); integer and finite floating-point
///   values are numbers.
public struct ServerLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let format: ServerConfiguration.LogFormat

    public init(label: String, format: ServerConfiguration.LogFormat, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.format = format
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // The handler's own metadata, then the provider's, then the event's: later ones win.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        let time = RFC3339.format(Date())
        switch format {
        case .text:
            var line = time + " " + event.level.rawValue + " " + label + ": " + event.message.description
            for key in merged.keys.sorted() {
                line += " " + key + "=" + merged[key]!.description
            }
            if event.level >= .error { line += " source=\(event.file):\(event.line)" }
            line += "\n"
            LockedStandardOutput.shared.write(Array(line.utf8))
        case .json:
            var object = JSONObject()
            object.append("time", .string(time))
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
