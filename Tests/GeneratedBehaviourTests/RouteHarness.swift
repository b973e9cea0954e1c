import APIRuntime
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

/// The generated routes of behaviour.yaml, served in process: `search` echoes the parameters it was given.
struct EchoHandler: APIHandler {
    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        .ok(SearchEcho(filter: input.query.filter, page: input.query.page))
    }

    func listItems(_ input: Operations.ListItems.Input) async throws -> Operations.ListItems.Output {
        .ok(Item(id: 1, name: "one"))
    }

    func upload(_ input: Operations.Upload.Input) async throws -> Operations.Upload.Output {
        let body = input.body
        return .ok(
            UploadEcho(
                title: body.title, copies: body.copies, tags: body.tags, fileName: body.file.filename, fileType: body.file.contentType,
                fileBytes: body.file.bytes.map(Int.init), attachmentNames: body.attachments?.map { $0.filename ?? "" },
                metaSource: body.meta?.source))
    }

    /// Stores nothing: gives each pet an id, as a server would.
    func addPet(_ input: Operations.AddPet.Input) async throws -> Operations.AddPet.Output {
        .created(Pet(id: 7, name: input.body.name))
    }

    func replacePets(_ input: Operations.ReplacePets.Input) async throws -> Operations.ReplacePets.Output {
        .ok(PetList(pets: input.body.pets.enumerated().map { index, pet in Pet(id: pet.id ?? Int64(index + 1), name: pet.name) }))
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

/// A request through the generated routes, in process (as Hummingbird's own router tests do): the status, and the
/// body as JSON.
func send(_ method: HTTPRequest.Method, _ path: String, contentType: String? = nil, body: [UInt8] = []) async throws -> (status: Int, body: JSONValue)
{
    let router = Router()
    EchoHandler().registerRoutes(on: router)
    var head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path)
    if let contentType { head.headerFields[.contentType] = contentType }
    head.headerFields[.contentLength] = String(body.count)
    let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body)))
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

func get(_ path: String) async throws -> (status: Int, body: JSONValue) {
    try await send(.get, path)
}
