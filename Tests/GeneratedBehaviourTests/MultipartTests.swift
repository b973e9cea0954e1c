import APIRuntime
import Testing

/// A `multipart/form-data` body: each part `(name, filename, content type, content)`.
func multipart(_ parts: [(name: String, filename: String?, contentType: String?, content: [UInt8])], boundary: String = "b0undary")
    -> [UInt8]
{
    var body: [UInt8] = []
    for part in parts {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
        if let filename = part.filename { head += "; filename=\"\(filename)\"" }
        head += "\r\n"
        if let contentType = part.contentType { head += "Content-Type: \(contentType)\r\n" }
        body += Array((head + "\r\n").utf8) + part.content + Array("\r\n".utf8)
    }
    return body + Array("--\(boundary)--\r\n".utf8)
}

func text(_ name: String, _ value: String) -> (name: String, filename: String?, contentType: String?, content: [UInt8]) {
    (name, nil, nil, Array(value.utf8))
}

func file(_ name: String, _ filename: String, _ bytes: [UInt8], type: String = "application/octet-stream")
    -> (name: String, filename: String?, contentType: String?, content: [UInt8])
{
    (name, filename, type, bytes)
}

func upload(_ body: [UInt8], contentType: String = "multipart/form-data; boundary=b0undary") async throws -> (status: Int, body: JSONValue) {
    try await send(.post, "/uploads", contentType: contentType, body: body)
}

@Suite("multipart/form-data bodies with typed parts, through the generated routes")
struct MultipartTests {
    /// Bytes that would break a text reading: CR LF, a NUL, something like a boundary, and invalid UTF-8.
    static let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x00, 0x2D, 0x2D, 0x62, 0x30, 0xFF, 0xFE]

    @Test func everyPartIsReadConvertedAndTyped() async throws {
        let body = multipart([
            text("title", "Report"), text("copies", "3"), text("tags", "a"), text("tags", "b"),
            file("file", "chart.png", Self.binary, type: "image/png"),
            file("attachments", "one.txt", Array("1".utf8)), file("attachments", "two.txt", Array("2".utf8)),
            ("meta", nil, "application/json", Array(#"{"source": "scanner"}"#.utf8)),
        ])
        let (status, answer) = try await upload(body)
        #expect(status == 200, "\(answer)")
        let expected = try JSONValue.parse(
            #"{"title":"Report","copies":3,"tags":["a","b"],"fileName":"chart.png","fileType":"image/png","fileBytes":[137,80,78,71,13,10,0,45,45,98,48,255,254],"attachmentNames":["one.txt","two.txt"],"metaSource":"scanner"}"#
        )
        #expect(answer == expected)
    }

    @Test func aQuoteInAFileNameSentAsBrowsersSendItIsDecoded() async throws {
        let (status, answer) = try await upload(multipart([text("title", "T"), file("file", "chart %221%22.png", [1])]))
        #expect(status == 200)
        guard case .object(let echo) = answer else {
            Issue.record("not an object: \(answer)")
            return
        }
        #expect(echo["fileName"] == .string("chart \"1\".png"))
    }

    @Test func defaultsApplyAndAFileSentAsPlainTextIsItsBytesAQuotedBoundaryIsRead() async throws {
        let body = multipart([text("title", "T"), text("file", "plain")], boundary: "with space")
        let (status, answer) = try await upload(body, contentType: "multipart/form-data; charset=utf-8; boundary=\"with space\"")
        #expect(status == 200, "\(answer)")
        let expected = try JSONValue.parse(#"{"title":"T","copies":1,"fileName":null,"fileType":null,"fileBytes":[112,108,97,105,110]}"#)
        #expect(answer == expected)
    }

    @Test(arguments: [
        ([text("title", "T")], ["missing body.file"]),
        ([text("title", ""), file("file", "f", [1])], ["string_too_short body.title"]),
        ([text("title", "T"), text("copies", "zero"), file("file", "f", [1])], ["int_parsing body.copies"]),
        ([text("title", "T"), text("color", "red"), file("file", "f", [1])], ["extra_forbidden body.color"]),
        (
            [text("title", "T"), file("file", "f", [1]), ("meta", nil, "application/json", Array(#"{"other": 1}"#.utf8))],
            ["missing body.meta.source"]
        ),
        (
            [
                text("title", "T"), file("file", "f", [1]), file("attachments", "1", [1]), file("attachments", "2", [2]),
                file("attachments", "3", [3]),
            ],
            ["too_long body.attachments"]
        ),
    ])
    func eachBadPartIsA422AtItsOwnPlace(parts: [(name: String, filename: String?, contentType: String?, content: [UInt8])], expected: [String])
        async throws
    {
        let (status, answer) = try await upload(multipart(parts))
        #expect(status == 422)
        #expect(issues(answer) == expected, "\(answer)")
    }

    @Test(arguments: [
        ("multipart/form-data", multipart([text("title", "T")])),  // no boundary parameter
        ("multipart/form-data; boundary=other", multipart([text("title", "T")])),  // a boundary not in the body
        ("multipart/form-data; boundary=b0undary", Array(multipart([text("title", "T")]).dropLast(14))),  // no closing boundary
        ("multipart/form-data; boundary=b0undary", multipart([("meta", nil, "application/json", Array("{not json".utf8))])),
        ("multipart/form-data; boundary=b0undary", multipart([("title", nil, nil, [0xFF, 0xFE])])),  // text that is not UTF-8
        ("multipart/form-data; boundary=b0undary", Array("--b0undary\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0undary--".utf8)),  // no name
    ])
    func aMalformedBodyIsA422WithTheReason(contentType: String, body: [UInt8]) async throws {
        let (status, answer) = try await upload(body, contentType: contentType)
        #expect(status == 422)
        #expect(issues(answer) == ["multipart_invalid body"], "\(answer)")
    }

    @Test func anotherMediaTypeIs415AndAnEmptyBodyIsMissing() async throws {
        #expect(try await upload(Array(#"{"title": "T"}"#.utf8), contentType: "application/json").status == 415)
        let (status, answer) = try await upload([])
        #expect(status == 422)
        #expect(issues(answer) == ["missing body"])
    }
}
