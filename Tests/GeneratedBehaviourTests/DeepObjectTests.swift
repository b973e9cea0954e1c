import APIRuntime
import Testing

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

    @Test func everyParameterNameMayBePercentEncoded() async throws {
        let (status, body) = try await get("/search?pag%65=3&filter%5Bstatus%5D=open")
        #expect(status == 200)
        #expect(body == (try JSONValue.parse(#"{"filter":{"status":"open"},"page":3}"#)))
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
