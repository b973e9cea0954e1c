import Foundation
import HTTPTypes
import Hummingbird

/// A response as data: what a generated `Output` encodes to, before it becomes a Hummingbird `Response`.
public struct EncodedResponse: Equatable, Sendable {
    public var status: Int
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(status: Int, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var response: Response {
        body.isEmpty && headers[.contentType] == nil
            ? Response(status: .init(code: status), headers: headers)
            : Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// What every generated `Output` is: one documented response of its operation, encoded by `encoded()`.
/// Two outputs are equal when they are the same on the wire (status, headers, body bytes), so a handler's
/// result can be compared in tests without each `Output` carrying its own comparison code.
public protocol OperationOutput: Equatable, Sendable {
    func encoded() -> EncodedResponse
}

extension OperationOutput {
    /// The HTTP response for this output: its status, headers and encoded body.
    public func response() -> Response { encoded().response }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.encoded() == rhs.encoded() }
}

/// Builds responses for generated `Output` encoders.
public enum Respond {
    public static func json<Body: JSONValueEncodable>(
        _ status: Int, _ body: Body, contentType: String = "application/json", headers: HTTPFields = [:]
    ) -> EncodedResponse {
        var fields = headers
        fields[.contentType] = contentType
        var out = JSONOutput()
        body.writeJSON(to: &out)
        return EncodedResponse(status: status, headers: fields, body: out.bytes)
    }

    public static func json(_ status: Int, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    public static func empty(_ status: Int, headers: HTTPFields = [:]) -> EncodedResponse {
        EncodedResponse(status: status, headers: headers)
    }

    public static func raw(_ status: Int, _ body: RawBody, headers: HTTPFields = [:]) -> EncodedResponse {
        var fields = headers
        fields[.contentType] = body.contentType
        return EncodedResponse(status: status, headers: fields, body: body.bytes)
    }

    /// Adds a documented response header; nil (an absent optional header) adds nothing.
    public static func header(_ fields: inout HTTPFields, _ name: String, _ value: (any Sendable)?) {
        guard let value, let fieldName = HTTPField.Name(name) else { return }
        fields[fieldName] = headerText(value)
    }

    static func headerText(_ value: any Sendable) -> String {
        switch value {
        case let date as Date: return RFC3339.format(date)
        case let text as String: return text
        case let items as [any Sendable]: return items.map(headerText).joined(separator: ",")
        case let raw as any RawRepresentable: return "\(raw.rawValue)"
        default: return "\(value)"
        }
    }
}
