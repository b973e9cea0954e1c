import Testing

/// `readOnly` members: OpenAPI 3.0.3 says `required` on one applies to responses only.
@Suite("Schemas: readOnly members")
struct ReadOnlySnippetTests {
    /// `Note` is a request body (through an array), `Item` only a response; `Pet`, carried both ways, is split.
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
          /pets:
            post:
              operationId: addPet
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
              responses:
                '201':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Owner'}}}
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
            Pet:
              type: object
              required: [id]
              properties:
                id: {type: integer, readOnly: true}
                owner: {$ref: '#/components/schemas/Owner'}
            Owner:
              type: object
              required: [id]
              properties:
                id: {type: integer, readOnly: true}
                pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
        """

    @Test func requiredInATypeOnlyResponsesCarry() {
        let (code, diagnostics) = generate(Self.spec)
        #expect(diagnostics.isEmpty)
        // A handler's `Item` does not compile without an id; the decoder (Codable's too) reads and type-checks it.
        expectContains(code, "/// Read-only: written by the server; required in this response type. public var id: Int64")
        expectContains(code, "public init(id: Int64, name: String, etag: String? = nil)")
        expectContains(code, #"let _id = Check.required(object, "id", at: loc, &ctx, Int64.self)"#)
        expectContains(code, #"let _etag = Check.optional(object, "etag", at: loc, &ctx, String.self)"#)
        expectContains(code, "return Self(id: _id, name: _name, etag: _etag)")
    }

    @Test func optionalButCheckedInATypeRequestsCarry() {
        let (code, _) = generate(Self.spec)
        // A client may leave it out of a request: optional, yet type-checked and kept when sent.
        expectContains(code, "/// Read-only: required in responses, optional in this request type (a client leaves it out). public var id: UUID?")
        expectContains(code, #"let _id = Check.optional(object, "id", at: loc, &ctx, UUID.self)"#)
        expectContains(code, "return Self(id: _id, text: _text)")
    }

    @Test func aTypeCarriedBothWaysIsSplitAndSoIsWhatHoldsIt() {
        let (code, diagnostics) = generate(Self.spec)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // Pet is a request body and (through Owner.pets) in a response; Owner is a response and (through Pet.owner) in
        // a request. Each gets a request type, and the request types refer to each other.
        expectContains(code, "public struct Pet: Hashable, Sendable, JSONValueCodable {")
        expectContains(code, "public struct PetRequest: Hashable, Sendable, JSONValueCodable {")
        expectContains(code, "public struct OwnerRequest: Hashable, Sendable, JSONValueCodable {")
        expectContains(code, "public init(id: Int, owner: Owner? = nil)")
        expectContains(code, "public init(id: Int? = nil, owner: OwnerRequest? = nil)")
        expectContains(code, "public init(id: Int, pets: [Pet]? = nil)")
        expectContains(code, "public init(id: Int? = nil, pets: [PetRequest]? = nil)")
        expectContains(code, "public let body: PetRequest?")
        expectContains(code, "case created(Owner)")
        // Note is carried by requests only: one type, the request shape, under its own name.
        #expect(!code.contains("NoteRequest"))
    }
}
