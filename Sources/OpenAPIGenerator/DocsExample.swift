import Foundation
import OpenAPIModel
import YAMLTree

/// An example value built from a schema for the docs page: the spec's own `example`/`examples`, `default`,
/// `const` or first `enum` value when it has one, else a plausible value from type, format and bounds.
indirect enum DocsExample {
    case value(SpecValue)
    /// Members in the schema's order (a `SpecValue.object` has none).
    case object([(String, DocsExample)])
    case array([DocsExample])

    struct Builder {
        /// How many values one example may hold: a spec whose members fan out into many components at every
        /// level would otherwise build an example exponential in its depth.
        final class Budget {
            var remaining = 2_000
        }

        let components: [String: Schema]
        /// Requests leave out read-only members, answers write-only ones.
        let isRequest: Bool
        let budget = Budget()

        func example(_ schema: Schema, name: String? = nil, depth: Int = 0, seen: Set<String> = []) -> DocsExample {
            budget.remaining -= 1
            guard depth < 8, budget.remaining >= 0 else { return .value(.null) }
            if let ref = schema.ref {
                guard !seen.contains(ref), let target = components[ref] else { return .value(.null) }
                return example(target, name: name, depth: depth + 1, seen: seen.union([ref]))
            }
            if let given = schema.examples.first ?? schema.defaultValue ?? schema.constValue ?? schema.enumValues?.first(where: { $0 != .null }) {
                return .value(given)
            }
            if let first = schema.oneOf.first ?? schema.anyOf.first {
                return example(first, name: name, depth: depth + 1, seen: seen)
            }
            let type = schema.types.first ?? (schema.properties.isEmpty && schema.allOf.isEmpty ? (schema.items == nil ? nil : "array") : "object")
            switch type {
            case "string": return .value(.string(string(schema, name: name)))
            case "integer", "number": return .value(.number(SpecNumber(number(schema))))
            case "boolean": return .value(.bool(true))
            case "array":
                let item = schema.items.map { example($0, name: name, depth: depth + 1, seen: seen) } ?? .value(.string("value"))
                return .array(Array(repeating: item, count: max(1, schema.minItems ?? 1)))
            case "object": return object(schema, depth: depth, seen: seen)
            default: return .value(schema.nullable ? .null : .string("value"))
            }
        }

        func object(_ schema: Schema, depth: Int, seen: Set<String>) -> DocsExample {
            let merged = MergedObject(merging: schema, components: components)
            let members = merged.properties.compactMap { property -> (String, DocsExample)? in
                let target = property.schema.ref.flatMap { components[$0] } ?? property.schema
                if isRequest ? target.readOnly : target.writeOnly { return nil }
                return (property.name, example(property.schema, name: property.name, depth: depth + 1, seen: seen))
            }
            return .object(members)
        }

        func string(_ schema: Schema, name: String?) -> String {
            var text: String
            switch schema.format {
            case "email": text = "user@example.com"
            case "date-time": text = "2025-01-15T09:30:00Z"
            case "date": text = "2025-01-15"
            case "time": text = "09:30:00Z"
            case "uuid": text = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
            case "uri", "url": text = "https://example.com/"
            case "ipv4": text = "192.0.2.1"
            default: text = name.map { "example \($0.replacingOccurrences(of: "_", with: " "))" } ?? "string"
            }
            if let minimum = schema.minLength, text.count < minimum { text += String(repeating: "x", count: minimum - text.count) }
            if let maximum = schema.maxLength, text.count > maximum { text = String(text.prefix(maximum)) }
            return text
        }

        func number(_ schema: Schema) -> String {
            var value: Int64 = 1
            if let minimum = schema.minimum?.int64, minimum > value { value = minimum }
            if let minimum = schema.exclusiveMinimum?.int64, minimum >= value { value = minimum + 1 }
            if let maximum = schema.maximum?.int64, maximum < value { value = maximum }
            return String(value)
        }
    }

    /// Pretty JSON, two spaces per level, members in the schema's order.
    func json(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .value(let value): return Self.json(value, indent: indent)
        case .array(let items):
            return items.isEmpty ? "[]" : "[\n" + items.map { inner + $0.json(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            return members.isEmpty
                ? "{}"
                : "{\n" + members.map { inner + Self.quoted($0.0) + ": " + $0.1.json(indent: inner) }.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func json(_ value: SpecValue, indent: String) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.text
        case .string(let text): return quoted(text)
        case .array(let items): return DocsExample.array(items.map { .value($0) }).json(indent: indent)
        case .object(let members): return DocsExample.object(members.keys.sorted().map { ($0, .value(members[$0]!)) }).json(indent: indent)
        }
    }

    static func quoted(_ text: String) -> String {
        JSONString.quoted(text)
    }
}
