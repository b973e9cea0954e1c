import APIRuntime
import Hummingbird
import Testing

@testable import OpenAPIGenerator

/// The generator spells APIRuntime's names through `Runtime`; each must name the declaration it stands for.
@Suite("The generator's runtime names are APIRuntime's")
struct RuntimeNamesTests {
    /// `Field<Int>` -> "Field": the name a generated file writes.
    static func name(_ type: Any.Type) -> String {
        String(String(describing: type).prefix { $0 != "<" })
    }

    /// Each constant beside the declaration it names. A rename in APIRuntime fails to compile here; a changed
    /// constant fails the comparison.
    static let table: [(constant: String, declared: String)] = [
        (Runtime.check, name(Check.self)),
        (Runtime.route, name(Route.self)),
        (Runtime.requestParts, name(RequestParts.self)),
        (Runtime.endpoint, name(Endpoint.self)),
        (Runtime.respond, name(Respond.self)),
        (Runtime.encodedResponse, name(EncodedResponse.self)),
        (Runtime.equality, name(Equality.self)),
        (Runtime.operationOutput, name((any OperationOutput).self).replacingOccurrences(of: "any ", with: "")),
        (Runtime.securitySchemeRef, name(SecuritySchemeRef.self)),
        (Runtime.authentication, name(Authentication<Int>.self)),
        (Runtime.authenticator, name((any Authenticator).self).replacingOccurrences(of: "any ", with: "")),
        (Runtime.errorMiddleware, name(JSONErrorMiddleware<BasicRequestContext>.self)),
        (Runtime.decodeContext, name(DecodeContext.self)),
        (Runtime.jsonValue, name(JSONValue.self)),
        (Runtime.jsonObject, name(JSONObject.self)),
        (Runtime.jsonOutput, name(JSONOutput.self)),
        // A typealias has no name at run time: referring to it here is the check that it exists.
        (
            Runtime.jsonPath,
            {
                let _: JSONPath.Type = JSONPath.self
                return "JSONPath"
            }()
        ),
        (Runtime.jsonValueCodable, name((any JSONValueCodable).self).replacingOccurrences(of: "any ", with: "")),
        (Runtime.field, name(Field<Int>.self)),
        (Runtime.box, name(Box<Int>.self)),
        (Runtime.rawBody, name(RawBody.self)),
        (Runtime.filePart, name(FilePart.self)),
        (Runtime.stringRules, name(StringRules.self)),
        (Runtime.numberRules, name(NumberRules.self)),
        (Runtime.arrayRules, name(ArrayRules.self)),
        (Runtime.constraint, name(Constraint.self)),
        (Runtime.subschema, name(Subschema.self)),
    ]

    @Test func everyConstantNamesItsDeclaration() {
        for entry in Self.table {
            #expect(entry.constant == entry.declared)
        }
    }

    @Test func everyConstantIsChecked() {
        #expect(Set(Self.table.map(\.constant)) == Set(Runtime.all))
        #expect(Runtime.all.count == Self.table.count)
    }

    @Test func noSchemaMayShadowThem() {
        #expect(Set(Runtime.all).isSubset(of: Naming.reservedTypeNames))
    }
}
