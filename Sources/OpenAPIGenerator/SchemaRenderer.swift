/// Writes declarations as Swift text.
enum SchemaRenderer {
    static func render(_ decl: Decl, remark: (Origin) -> String, into w: inout CodeWriter) {
        switch decl {
        case .structure(let s): renderStruct(s, remark: remark, into: &w)
        case .enumeration(let e): renderEnum(e, remark: remark, into: &w)
        case .union(let u): renderUnion(u, remark: remark, into: &w)
        case .alias(let a):
            w.doc(a.doc + [remark(a.origin)])
            w.line("public typealias \(a.name) = \(a.type.spelling)")
        }
    }

    static func renderStruct(_ s: StructDecl, remark: (Origin) -> String, into w: inout CodeWriter) {
        w.doc(s.doc + [remark(s.origin)])
        w.block("public struct \(s.name): Hashable, Sendable, \(Runtime.jsonValueCodable)") { w in
            for p in s.properties {
                var notes = p.doc
                if p.writeOnly { notes.append("Write-only: accepted in requests, never encoded into a response.") }
                w.doc(notes)
                w.line("public var \(Naming.escaped(p.swiftName)): \(p.declaredType)")
            }
            let extra = s.additionalMembers
            if let extra {
                w.doc(["The members the schema does not declare (`additionalProperties`), each checked by its schema."])
                w.line("public var \(Naming.escaped(extra.swiftName)): \(extra.type.spelling)")
                w.line("static let declaredMembers: Set<String> = [\(s.declaredWireNames)]")
            }
            if let constraint = s.constraint { w.line("static let constraint = \(constraint.rendered)") }
            if !s.properties.isEmpty { w.line() }
            var params = s.properties.map { p in
                "\(Naming.escaped(p.swiftName)): \(p.declaredType)" + (p.initDefault.map { " = \($0)" } ?? "")
            }
            if let extra { params.append("\(Naming.escaped(extra.swiftName)): \(extra.type.spelling) = [:]") }
            w.block("public init(\(params.joined(separator: ", ")))") { w in
                for p in s.properties { w.line("self.\(Naming.escaped(p.swiftName)) = \(Naming.escaped(p.swiftName))") }
                if let extra { w.line("self.\(Naming.escaped(extra.swiftName)) = \(Naming.escaped(extra.swiftName))") }
            }
            w.line()
            renderEquality(s, into: &w)
            let coded = s.properties.filter { !$0.writeOnly }
            w.line()
            // `jsonValue` is JSONValueCodable's: these bytes, read back.
            w.line("/// The members in spec order, written straight to bytes; write-only members are never written.")
            w.block("public func writeJSON(to out: inout \(Runtime.jsonOutput))") { w in
                w.line("out.beginObject()")
                for p in coded {
                    let (key, label, value) = memberArguments(p)
                    w.line("out.member(\(key), \(label)\(value))")
                }
                if let extra { w.line("out.additionalMembers(self.\(Naming.escaped(extra.swiftName)), declared: Self.declaredMembers)") }
                w.line("out.endObject()")
            }
            w.line()
            renderStructDecoder(s, into: &w)
            for nested in s.nested {
                w.line()
                render(nested, remark: remark, into: &w)
            }
        }
    }

    /// `==` member by member, as the synthesized one compares, written out: each member through one generic
    /// function, which the type checker resolves at once (`lhs.x == rhs.x` makes it choose among every `==` in
    /// scope; on 09-spotify's output the synthesized bodies took a third of the time spent type-checking function
    /// bodies).
    static func renderEquality(_ s: StructDecl, into w: inout CodeWriter) {
        var names = s.properties.map { Naming.escaped($0.swiftName) }
        if let extra = s.additionalMembers { names.append(Naming.escaped(extra.swiftName)) }
        w.block("public static func == (lhs: Self, rhs: Self) -> Bool") { w in
            for name in names { w.line("guard \(Runtime.equality).same(lhs.\(name), rhs.\(name)) else { return false }") }
            w.line("return true")
        }
    }

    /// A member's wire key, value and the label both writers take for it: `ifPresent: ` for an optional member
    /// (written only when present), `field: ` for a `Field` (absent, null or a value), none otherwise.
    static func memberArguments(_ p: PropertyDecl) -> (key: String, label: String, value: String) {
        let label: String
        switch p.presence {
        case .optional: label = "ifPresent: "
        case .field: label = "field: "
        default: label = ""
        }
        return (Naming.literal(p.wireName), label, "self.\(Naming.escaped(p.swiftName))")
    }

    static func renderStructDecoder(_ s: StructDecl, into w: inout CodeWriter) {
        w.block(
            "public static func decode(_ json: \(Runtime.jsonValue), at loc: \(Runtime.jsonPath), _ ctx: inout \(Runtime.decodeContext)) -> Self?"
        ) { w in
            w.line("guard let object = \(Runtime.check).object(json, at: loc, &ctx) else { return nil }")
            if s.constraint != nil { w.line("let satisfied = Self.constraint.check(json, at: loc, &ctx)") }
            let secrets = s.properties.filter(\.secret).map { Naming.literal($0.wireName) }
            if !secrets.isEmpty { w.line("let issuesBefore = ctx.issues.count") }
            for p in s.properties {
                let key = Naming.literal(p.wireName)
                let call: String
                switch p.presence {
                case .required: call = SwiftType.memberCheck("required", object: "object", key: key, loc: "loc", type: p.type)
                case .optional: call = SwiftType.memberCheck("optional", object: "object", key: key, loc: "loc", type: p.type.nonNull)
                case .field: call = SwiftType.memberCheck("field", object: "object", key: key, loc: "loc", type: p.type.nonNull)
                case .defaulted(let literal):
                    call = SwiftType.memberCheck("defaulted", object: "object", key: key, defaultValue: literal.rendered, loc: "loc", type: p.type)
                }
                w.line("let _\(p.swiftName) = \(call)")
            }
            if s.forbidsAdditionalProperties {
                w.line("let closed = \(Runtime.check).noAdditionalProperties(object, allowed: [\(s.declaredWireNames)], at: loc, &ctx)")
            }
            var bound = s.properties.map(\.swiftName)
            if let extra = s.additionalMembers {
                w.line(
                    "let _\(extra.swiftName) = \(Runtime.check).additionalMembers(object, declared: Self.declaredMembers, at: loc, &ctx) { v, loc, ctx in \(extra.valueType.decode("v", "loc")) }"
                )
                bound.append(extra.swiftName)
            }
            if !secrets.isEmpty { w.line("ctx.redact([\(secrets.joined(separator: ", "))], at: loc, since: issuesBefore)") }
            let conditions =
                (s.constraint == nil ? [] : ["satisfied"]) + (s.forbidsAdditionalProperties ? ["closed"] : []) + bound.map { "let _\($0)" }
            if !conditions.isEmpty {
                w.line("guard \(conditions.joined(separator: ", ")) else { return nil }")
            }
            let args = bound.map { "\($0): _\($0)" }
            w.line("return Self(\(args.joined(separator: ", ")))")
        }
    }

    static func renderEnum(_ e: EnumDecl, remark: (Origin) -> String, into w: inout CodeWriter) {
        w.doc(e.doc + [remark(e.origin)])
        let rawType = e.rawType == .string ? "String" : "Int"
        w.block("public enum \(e.name): \(rawType), Codable, Hashable, Sendable, CaseIterable, JSONValueDecodable, JSONValueEncodable") { w in
            for c in e.cases {
                switch c.raw {
                case .string(let text):
                    // A case named as its value needs no raw value written out.
                    w.line("case \(Naming.escaped(c.name))" + (c.name == text ? "" : " = \(Naming.literal(text))"))
                case .integer(let digits):
                    w.line("case \(Naming.escaped(c.name)) = \(digits)")
                }
            }
        }
    }

    static func renderUnion(_ u: UnionDecl, remark: (Origin) -> String, into w: inout CodeWriter) {
        w.doc(u.doc + [remark(u.origin)])
        w.block("public indirect enum \(u.name): Hashable, Sendable, \(Runtime.jsonValueCodable)") { w in
            for c in u.cases { w.line("case \(Naming.escaped(c.name))(\(c.type.spelling))") }
            w.line()
            w.block("public var jsonValue: \(Runtime.jsonValue)") { w in
                w.switchBlock("self") { w in
                    for c in u.cases { w.line("case .\(Naming.escaped(c.name))(let value): value.jsonValue") }
                }
            }
            w.line()
            w.block("public func writeJSON(to out: inout \(Runtime.jsonOutput))") { w in
                w.switchBlock("self") { w in
                    for c in u.cases { w.line("case .\(Naming.escaped(c.name))(let value): value.writeJSON(to: &out)") }
                }
            }
            w.line()
            if let constraint = u.constraint {
                w.line()
                w.line("static let constraint = \(constraint.rendered)")
            }
            w.block(
                "public static func decode(_ json: \(Runtime.jsonValue), at loc: \(Runtime.jsonPath), _ ctx: inout \(Runtime.decodeContext)) -> Self?"
            ) { w in
                if u.constraint != nil { w.line("guard Self.constraint.check(json, at: loc, &ctx) else { return nil }") }
                if let discriminator = u.discriminator {
                    let tags = discriminator.values.map { Naming.literal($0.value) }.joined(separator: ", ")
                    w.scope(
                        "return \(Runtime.check).discriminated(json, property: \(Naming.literal(discriminator.property)), tags: [\(tags)], at: loc, &ctx) { tag, v, loc, ctx in"
                    ) { w in
                        w.switchBlock("tag") { w in
                            for entry in discriminator.values {
                                guard let c = u.cases.first(where: { $0.name == entry.caseName }) else { continue }
                                w.line(
                                    "case \(Naming.literal(entry.value)): return \(c.type.decode("v", "loc")).map { Self.\(Naming.escaped(c.name))($0) }"
                                )
                            }
                            w.line("default: return nil")
                        }
                    }
                } else {
                    w.line("return \(Runtime.check).firstMatch(json, at: loc, &ctx, [")
                    for c in u.cases {
                        w.line("    { v, loc, ctx in \(c.type.decode("v", "loc")).map { Self.\(Naming.escaped(c.name))($0) } },")
                    }
                    w.line("])")
                }
            }
            for nested in u.nested {
                w.line()
                render(nested, remark: remark, into: &w)
            }
        }
    }
}
