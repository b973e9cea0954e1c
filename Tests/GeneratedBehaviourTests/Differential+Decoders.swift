import APIRuntime
import Foundation
import TodoAPI

/// The generated validating decoder of every component schema the cases name, by document and schema name.
/// behaviour.yaml's types are this target's Generated/; openapi.yaml's are the `TodoAPI` module's (qualified, as
/// both modules declare types of their own with the same names).
enum DifferentialDecoders {
    typealias Decode = @Sendable (JSONValue) -> DecodeOutcome

    static let table: [String: [String: Decode]] = [
        "openapi.yaml": [
            "HealthResponse": decoder(TodoAPI.HealthResponse.self),
            "ReadyResponse": decoder(TodoAPI.ReadyResponse.self),
            "UserCreate": decoder(TodoAPI.UserCreate.self),
            "UserLogin": decoder(TodoAPI.UserLogin.self),
            "LoginForm": decoder(TodoAPI.LoginForm.self),
            // An alias (`typealias OpenAPIDocument = [String: JSONValue]`) has no `decode` of its own: this is what
            // the generator writes wherever it is used (SwiftType.dictionary(.any).decode in Declarations.swift).
            "OpenAPIDocument": { json in
                var ctx = DecodeContext()
                let value: TodoAPI.OpenAPIDocument? = Check.dictionary(json, at: ["body"], &ctx) { v, _, _ in Optional(v) }
                return DecodeOutcome(decoded: value != nil, issues: ctx.issues, encoded: value?.jsonValue)
            },
            "PasswordChange": decoder(TodoAPI.PasswordChange.self),
            "UserResponse": decoder(TodoAPI.UserResponse.self),
            "Token": decoder(TodoAPI.Token.self),
            "TaskFields": decoder(TodoAPI.TaskFields.self),
            "TaskCreate": decoder(TodoAPI.TaskCreate.self),
            "TaskUpdate": decoder(TodoAPI.TaskUpdate.self),
            "TaskResponse": decoder(TodoAPI.TaskResponse.self),
            "ErrorResponse": decoder(TodoAPI.ErrorResponse.self),
            "ValidationError": decoder(TodoAPI.ValidationError.self),
            "HTTPValidationError": decoder(TodoAPI.HTTPValidationError.self),
        ],
        "behaviour.yaml": [
            "Item": decoder(Item.self),
            "Node": decoder(Node.self),
            "Link": decoder(Link.self),
            "Entry": decoder(Entry.self),
            "Labels": decoder(Labels.self),
            "Shipping": decoder(Shipping.self),
            "SearchFilter": decoder(SearchFilter.self),
            "SearchEcho": decoder(SearchEcho.self),
            "UploadEcho": decoder(UploadEcho.self),
            // Carried both ways with a required readOnly member, so split: a schema a request can carry is checked in
            // the request direction (OAS30WriteValidator, Tests/differential/reference.py), so its request type.
            "Pet": decoder(PetRequest.self),
            "PetList": decoder(PetListRequest.self),
            // An alias component (`typealias UserName = String`): its `not` is checked where it is used, so it is
            // decoded as `Shipping.user` is, and read back from there.
            "UserName": { json in
                var ctx = DecodeContext()
                let shipping = Shipping.decode(.object(JSONObject([("country", "FR"), ("user", json)])), at: ["body"], &ctx)
                return DecodeOutcome(decoded: shipping != nil, issues: ctx.issues, encoded: shipping?.user?.jsonValue)
            },
        ],
    ]

    /// Decodes as a request body is decoded (`at: ["body"]`, JSON rules, not parameter coercion).
    static func decoder<T: JSONValueDecodable & JSONValueEncodable & Sendable>(_ type: T.Type) -> Decode {
        { json in
            var ctx = DecodeContext()
            let value = T.decode(json, at: ["body"], &ctx)
            return DecodeOutcome(decoded: value != nil, issues: ctx.issues, encoded: value?.jsonValue)
        }
    }
}
