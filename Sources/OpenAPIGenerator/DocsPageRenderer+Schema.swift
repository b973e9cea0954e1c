import OpenAPIModel

extension DocsPageRenderer {
    /// A schema's type in a few words: a link for a component, `array of X`, `string | null`.
    func type(_ schema: Schema) -> String {
        if let ref = schema.ref {
            return "<a class=\"type\" href=\"#\(HTML.anchor("schema", ref))\">\(HTML.escape(ref))</a>"
        }
        var words: [String] = []
        if !schema.allOf.isEmpty && schema.types.isEmpty && schema.properties.isEmpty {
            words.append(schema.allOf.map(type).joined(separator: " &amp; "))
        } else if !schema.oneOf.isEmpty || !schema.anyOf.isEmpty {
            let alternatives = schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf
            words.append((schema.oneOf.isEmpty ? "any of " : "one of ") + alternatives.map(type).joined(separator: ", "))
        } else if schema.types == ["array"] || (schema.types.isEmpty && schema.items != nil) {
            words.append("array of " + (schema.items.map(type) ?? "any"))
        } else if schema.types.isEmpty {
            words.append(schema.properties.isEmpty ? "any" : "object")
        } else {
            words += schema.types.map { "<span class=\"type\">\(HTML.escape($0))</span>" }
        }
        if let format = schema.format { words[words.count - 1] += " <span class=\"format\">(\(HTML.escape(format)))</span>" }
        if schema.nullable { words.append("<span class=\"type\">null</span>") }
        return words.joined(separator: " | ")
    }

    /// Every validation keyword of the schema, by its spec name, as small chips.
    func constraints(_ schema: Schema) -> String {
        var chips: [String] = []
        func chip(_ keyword: String, _ value: String) { chips.append("<span class=\"chip\"><span class=\"kw\">\(keyword)</span> \(value)</span>") }
        func code(_ value: SpecValue) -> String { "<code>\(HTML.escape(DocsExample.json(value, indent: "")))</code>" }
        if let values = schema.enumValues { chip("enum", values.map(code).joined(separator: " ")) }
        if let value = schema.constValue { chip("const", code(value)) }
        if let format = schema.format { chip("format", HTML.escape(format)) }
        for (keyword, value) in [
            ("minLength", schema.minLength), ("maxLength", schema.maxLength), ("minItems", schema.minItems), ("maxItems", schema.maxItems),
        ] {
            if let value { chip(keyword, String(value)) }
        }
        for (keyword, value) in [
            ("minimum", schema.minimum), ("exclusiveMinimum", schema.exclusiveMinimum), ("maximum", schema.maximum),
            ("exclusiveMaximum", schema.exclusiveMaximum), ("multipleOf", schema.multipleOf),
        ] {
            if let value { chip(keyword, HTML.escape(value.text)) }
        }
        if let pattern = schema.pattern { chip("pattern", "<code>\(HTML.escape(pattern))</code>") }
        if schema.uniqueItems { chip("uniqueItems", "") }
        if schema.nullable { chip("nullable", "") }
        if let value = schema.defaultValue { chip("default", code(value)) }
        if schema.readOnly { chip("readOnly", "") }
        if schema.writeOnly { chip("writeOnly", "") }
        if schema.deprecated { chip("deprecated", "") }
        return chips.joined(separator: " ")
    }

    /// The members of an object body, `allOf` merged, with nested inline objects as `parent.child` rows; a
    /// component is followed one level so a body's own limits show where the request is described.
    func fieldsTable(_ schema: Schema) -> String {
        let target = schema.ref.flatMap { components[$0] } ?? schema
        let rows = fieldRows(target, prefix: "", depth: 0)
        guard !rows.isEmpty else { return "" }
        return "<table class=\"fields\"><thead><tr><th>Field</th><th>Type</th><th>Constraints</th><th>Description</th></tr></thead><tbody>\n"
            + rows + "</tbody></table>\n"
    }

    func fieldRows(_ schema: Schema, prefix: String, depth: Int) -> String {
        guard depth < 4 else { return "" }
        let merged = MergedObject(merging: schema, components: components)
        var html = ""
        for (name, property) in merged.properties {
            let required = merged.requires(name) ? " <span class=\"req\">required</span>" : ""
            html += "<tr><td><code class=\"name\">\(HTML.escape(prefix + name))</code>\(required)</td><td>\(type(property))</td>"
            html += "<td>\(constraints(property))</td><td>\(property.description.map(HTML.prose) ?? "")</td></tr>\n"
            if property.ref == nil && !property.properties.isEmpty {
                html += fieldRows(property, prefix: prefix + name + ".", depth: depth + 1)
            } else if let items = property.items, items.ref == nil, !items.properties.isEmpty {
                html += fieldRows(items, prefix: prefix + name + "[].", depth: depth + 1)
            }
        }
        return html
    }

    func schemasSection() -> String {
        guard !document.schemas.isEmpty else { return "" }
        var html = "<section class=\"schemas\" id=\"schemas\">\n<h2>Schemas</h2>\n"
        for (name, schema) in document.schemas {
            html += "<article class=\"schema\" id=\"\(HTML.anchor("schema", name))\" data-search=\"\(HTML.escape(name.lowercased()))\">\n"
            html += "<h3>\(HTML.escape(name)) <span class=\"muted\">\(type(schema))</span></h3>\n"
            html += schema.description.map(HTML.prose) ?? ""
            let own = constraints(schema)
            if !own.isEmpty { html += "<p>\(own)</p>\n" }
            html += fieldsTable(schema)
            if let items = schema.items { html += fieldsTable(items) }
            html += "</article>\n"
        }
        return html + "</section>\n"
    }
}
