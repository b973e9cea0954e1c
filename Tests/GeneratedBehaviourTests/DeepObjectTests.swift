import APIRuntime
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Testing

/// The generated routes of behaviour.yaml, served in process: `search` echoes the parameters it was given.
struct EchoHandler: APIHandler {
    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        .ok(SearchEcho(filter: input.query.filter, page: input.query.page))
    }

    func listItems(_ input: Operations.ListItems.Input) async throws -> Operations.ListItems.Output {
        .ok(Item(id: 1, name: "one"))
    }

    func addEntries(_ input: Operations.AddEntries.Input) async throws -> Operations.AddEntries.Output { .noContent }
    func putLabels(_ input: Operations.PutLabels.Input) async throws -> Operations.PutLabels.Output { .ok(input.body) }
    func ship(_ input: Operations.Ship.Input) async throws -> Operations.Ship.Output { .noContent }
}

/// A response body, collected.
final class CollectedBody: @unchecked Sendable {  // written by one writer, read after it has finished
    var buffer = ByteBuffer()
}

struct BodyCollector: ResponseBodyWriter {
    let collected: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collected.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// `GET path` through the generated routes, in process (as Hummingbird's own router tests do): the status, and the
/// body as JSON.
func get(_ path: String) async throws -> (status: Int, body: JSONValue) {
    let router = Router()
    EchoHandler().registerRoutes(on: router)
    let request = Request(
        head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path), body: RequestBody(buffer: ByteBuffer()))
    let context = BasicRequestContext(source: .init(channel: NIOAsyncTestingChannel(), logger: Logger(label: "test")))
    let response = try await router.buildResponder().respond(to: request, context: context)
    let collected = CollectedBody()
    try await response.body.write(BodyCollector(collected: collected))
    return (response.status.code, try JSONValue.parse(String(buffer: collected.buffer)))
}

/// The `loc` and `type` of each issue of a 422 body, as "type query.filter.status".
func issues(_ body: JSONValue) -> [String] {
    guard case .object(let object) = body, case .array(let details)? = object["detail"] else { return [] }
    return details.compactMap { detail -> String? in
        guard case .object(let issue) = detail, case .string(let type)? = issue["type"], case .array(let loc)? = issue["loc"] else { return nil }
        let path = loc.map { part -> String in
            switch part {
            case .string(let text): text
            default: String(decoding: JSONWriter.write(part), as: UTF8.self)
            }
        }
        return type + " " + path.joined(separator: ".")
    }
}

@Suite("style: deepObject query parameters, through the generated routes")
struct DeepObjectTests {
    @Test func everyMemberIsReadConvertedAndTyped() async throws {
        let (status, body) = try await get(
            "/search?filter[status]=open&filter[minPriority]=2&filter[tags]=a&filter[tags]=b&filter[due]=2026-01-31&page=3")
        #expect(status == 200)
        let expected = #"{"filter":{"status":"open","minPriority":2,"tags":["a","b"],"due":"2026-01-31"},"page":3}"#
        #expect(body == (try JSONValue.parse(expected)))
    }

    @Test func percentEncodedBracketsAndASingleArrayValueAreRead() async throws {
        let (status, body) = try await get("/search?filter%5Bstatus%5D=done&filter%5Btags%5D=only")
        #expect(status == 200)
        #expect(body == (try JSONValue.parse(#"{"filter":{"status":"done","tags":["only"]},"page":1}"#)))
    }

    @Test func anAbsentObjectIsNilAndTheOtherParametersKeepTheirDefaults() async throws {
        let (status, body) = try await get("/search")
        #expect(status == 200)
        #expect(body == (try JSONValue.parse(#"{"page":1}"#)))
    }

    @Test(arguments: [
        ("/search?filter[status]=closed", ["enum query.filter.status"]),
        ("/search?filter[status]=open&filter[minPriority]=9", ["less_than_equal query.filter.minPriority"]),
        ("/search?filter[status]=open&filter[minPriority]=two", ["int_parsing query.filter.minPriority"]),
        ("/search?filter[minPriority]=2", ["missing query.filter.status"]),
        ("/search?filter[status]=open&filter[color]=red", ["extra_forbidden query.filter.color"]),
        ("/search?filter[status]=open&filter[a][b]=1", ["extra_forbidden query.filter.a][b"]),
        ("/search?filter[status]=open&filter[tags]=1&filter[tags]=2&filter[tags]=3&filter[tags]=4", ["too_long query.filter.tags"]),
        ("/search?filter[status]=open&filter[due]=2026-02-30", ["date_from_datetime_parsing query.filter.due"]),
    ])
    func eachBadMemberIsA422AtItsOwnPlace(path: String, expected: [String]) async throws {
        let (status, body) = try await get(path)
        #expect(status == 422)
        #expect(issues(body) == expected)
    }
}
