import Foundation
import HTTPTypes
import Hummingbird

/// Builds responses for generated `Output` encoders.
public enum Respond {
    public static func json<Body: JSONValueEncodable>(
        _ status: Int, _ body: Body, contentType: String = "application/json", headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        var out = JSONOutput()
        body.writeJSON(to: &out)
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: out.bytes)))
    }

    public static func json(_ status: Int, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    public static func empty(_ status: Int, headers: HTTPFields = [:]) -> Response {
        Response(status: .init(code: status), headers: headers)
    }

    public static func raw(_ status: Int, _ body: RawBody, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = body.contentType
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body.bytes)))
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
