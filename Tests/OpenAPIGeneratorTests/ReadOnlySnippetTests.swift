import Testing

/// `readOnly` members: OpenAPI 3.0.3 says `required` on one applies to responses only.
@Suite("Schemas: readOnly members")
struct ReadOnlySnippetTests {
    /// `Note` is a request body (through an array), `Item` only a response.
    static let spec = """
        openapi: 3.0.3
        info: {title: T, version: '1'}
        paths:
          /items:
            get:
              operationId: listItems
              responses:
                '200':
                  description: ok
                  content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
            post:
              operationId: addNotes
              requestBody:
                content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Note'}}}}
              responses:
                '204': {description: done}
        components:
          schemas:
            Item:
              type: object
              required: [id, name]
              properties:
                id: {type: integer, format: int64, readOnly: true}
                name: {type: string}
                etag: {type: string, readOnly: true}
            Note:
              type: object
              required: [id, text]
              properties:
                id: {type: string, format: uuid, readOnly: true}
                text: {type: string}
        """

    @Test func requiredInATypeOnlyResponsesCarry() {
        let (code, diagnostics) = generate(Self.spec)
        #expect(diagnostics.isEmpty)
        // A handler's `Item` does not compile without an id; the decoder (Codable's too) reads and type-checks it.
        expectContains(code, "/// Read-only: written by the server; required, as no request carries this type. public var id: Int64")
        expectContains(code, "public init(id: Int64, name: String, etag: String? = nil)")
        expectContains(code, #"let _id = Check.required(object, "id", at: loc, &ctx, Int64.self)"#)
        expectContains(code, #"let _etag = Check.optional(object, "etag", at: loc, &ctx, String.self)"#)
        expectContains(code, "return Self(id: _id, name: _name, etag: _etag)")
    }

    @Test func optionalButCheckedInATypeRequestsCarry() {
        let (code, _) = generate(Self.spec)
        // A client may leave it out of a request: optional, yet type-checked and kept when sent.
        expectContains(
            code,
            "/// Read-only: required in responses, optional here because requests, which leave it out, also carry this type. public var id: UUID?")
        expectContains(code, #"let _id = Check.optional(object, "id", at: loc, &ctx, UUID.self)"#)
        expectContains(code, "return Self(id: _id, text: _text)")
    }
}
