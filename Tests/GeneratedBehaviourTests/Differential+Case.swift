import APIRuntime
import Foundation

/// One instance of the cases file, with the reference's verdict (see Tests/differential/cases.py for the fields).
struct DifferentialCase {
    var document: String
    /// The document's OpenAPI version.
    var openapi: String
    var schema: String
    /// Parsed by our own parser, so numbers keep the text the reference read (`1.0`, `1e400`, 20-digit integers).
    var instance: JSONValue
    var valid: Bool
    var label: String
    /// The reference's errors, as "keyword at /pointer".
    var errors: [String]
    var expected: JSONValue?
    var datetimes: [String]
    var doubles: [String]

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func load(path: String) throws -> [DifferentialCase] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard case .array(let items) = try JSONValue.parse(text) else { throw Malformed(description: "\(path) is not a JSON array") }
        return try items.enumerated().map { index, item in
            guard case .object(let object) = item, case .string(let document)? = object["document"], case .string(let schema)? = object["schema"],
                let instance = object["instance"], case .bool(let valid)? = object["valid"], case .string(let label)? = object["label"]
            else { throw Malformed(description: "case \(index) of \(path) lacks document, schema, instance, valid or label") }
            guard case .string(let openapi)? = object["openapi"] else { throw Malformed(description: "case \(index) of \(path) lacks openapi") }
            return DifferentialCase(
                document: document, openapi: openapi, schema: schema, instance: instance, valid: valid, label: label,
                errors: strings(object["errors"]),
                expected: object["expected"], datetimes: strings(object["datetimes"]), doubles: strings(object["doubles"]))
        }
    }

    private static func strings(_ json: JSONValue?) -> [String] {
        guard case .array(let items)? = json else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    /// The part of the instance at a JSON pointer ("" or "/" is the whole), or nil.
    func instance(at pointer: String) -> JSONValue? {
        var value = instance
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch value {
            case .object(let object):
                guard let member = object[key] else { return nil }
                value = member
            case .array(let items):
                guard let index = Int(key), items.indices.contains(index) else { return nil }
                value = items[index]
            default:
                return nil
            }
        }
        return value
    }
}

/// A case on which our decoder and the reference part ways.
struct Disagreement: CustomStringConvertible {
    enum Kind: Equatable {
        /// The reference refuses the instance; our decoder accepts it.
        case acceptedInvalid
        /// The reference accepts the instance; our decoder refuses it.
        case refusedValid
        /// Both accept, but the decoded value does not encode back to what the spec allows; the detail says where.
        case roundTrip(String)
        /// A value with issues, or neither.
        case inconsistent

        var name: String {
            switch self {
            case .acceptedInvalid: "accepted-invalid"
            case .refusedValid: "refused-valid"
            case .roundTrip: "round-trip"
            case .inconsistent: "inconsistent"
            }
        }
    }

    var kind: Kind
    var differentialCase: DifferentialCase
    var outcome: DecodeOutcome

    /// Our issues as "type at /pointer" (the loc without its leading "body").
    var issues: [String] {
        outcome.issues.map { issue in
            let pointer = Self.pointer(issue.loc.dropFirst())
            return "\(issue.type) at \(pointer.isEmpty ? "/" : pointer)"
        }
    }

    /// A loc (after "body") as a JSON pointer; "" for the whole instance.
    static func pointer(_ loc: ArraySlice<PathComponent>) -> String {
        loc.map { component -> String in
            switch component {
            case .key(let key): "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            case .index(let index): "/\(index)"
            }
        }.joined()
    }

    var description: String {
        let c = differentialCase
        var text = "\(kind.name) \(c.document) \(c.schema) [\(c.label)] \(String(decoding: JSONWriter.write(c.instance), as: UTF8.self))"
        if case .roundTrip(let detail) = kind { text += " -- \(detail)" }
        text += " -- ours: \(issues.isEmpty ? "accepted" : issues.joined(separator: ", "))"
        text += "; reference: \(c.errors.isEmpty ? "valid" : c.errors.joined(separator: ", "))"
        return text
    }
}
