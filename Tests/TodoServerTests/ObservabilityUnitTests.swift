import APIRuntime
import Foundation
import Testing

@testable import TodoServer

@Suite("Request ids, entity tags and log settings, in process")
struct ObservabilityUnitTests {
    @Test func requestIDsAreTakenOnlyWhenSafeToLog() {
        for valid in ["a", "0af7651916cd43dd8448eb211c80319c", "trace-1.2:3_x", String(repeating: "x", count: 128)] {
            #expect(RequestID.accepting(valid) == valid)
        }
        for invalid in ["", " ", "a b", "x\"y", "a\nlevel=error", "é", String(repeating: "x", count: 129), "a/b"] {
            let generated = RequestID.accepting(invalid)
            #expect(generated != invalid)
            #expect(generated.count == 32 && generated.allSatisfy(\.isHexDigit), "\(generated)")
        }
        #expect(RequestID.accepting(nil).count == 32)
        #expect(RequestID.generate() != RequestID.generate())
    }

    @Test func ifNoneMatchUsesWeakComparison() {
        let tag = "\"0123abcd\""
        #expect(PublishedSpec.matches(tag, tag))
        #expect(PublishedSpec.matches("W/\(tag)", tag))
        #expect(PublishedSpec.matches("\"x\", \t\(tag) ", tag))
        #expect(PublishedSpec.matches("*", tag))
        #expect(!PublishedSpec.matches(nil, tag))
        #expect(!PublishedSpec.matches("", tag))
        #expect(!PublishedSpec.matches("0123abcd", tag), "an unquoted tag is another tag")
        #expect(!PublishedSpec.matches("\"0123abcD\"", tag), "tags compare exactly")
        #expect(!PublishedSpec.matches("w/\(tag)", tag), "the weak prefix is case-sensitive")
    }

    @Test func theTagsNameTheBytesSent() {
        let one = PublishedSpec(yamlText: "openapi: 3.1.0\n", jsonText: #"{"openapi":"3.1.0","info":{"title":"T"}}"#)
        let other = PublishedSpec(yamlText: "openapi: 3.1.1\n", jsonText: #"{"openapi":"3.1.1"}"#)
        #expect(one.yamlETag != other.yamlETag && one.jsonETag != other.jsonETag && one.yamlETag != one.jsonETag)
        #expect(one.yamlETag == PublishedSpec(yamlText: "openapi: 3.1.0\n", jsonText: "{}").yamlETag)
        #expect(one.yamlETag.count == 34 && one.yamlETag.hasPrefix("\"") && one.yamlETag.hasSuffix("\""))
    }

    @Test func logSettings() throws {
        #expect(try ServerConfiguration(environment: [:]).logFormat == .text)
        #expect(try ServerConfiguration(environment: ["LOG_FORMAT": "JSON"]).logFormat == .json)
        #expect(try ServerConfiguration(environment: ["METRICS_PORT": "9100"]).metricsPort == 9100)
        #expect(try ServerConfiguration(environment: [:]).metricsPort == nil)
        #expect(throws: ConfigurationProblem.self) { try ServerConfiguration(environment: ["LOG_FORMAT": "xml"]) }
        #expect(throws: ConfigurationProblem.self) { try ServerConfiguration(environment: ["METRICS_PORT": "70000"]) }
    }

    @Test func jsonLogValuesKeepTheirKind() {
        #expect(ServerLogHandler.json(.stringConvertible(200)) == .number("200"))
        #expect(ServerLogHandler.json(.stringConvertible(0.25)) == .number("0.25"))
        #expect(ServerLogHandler.json(.stringConvertible(Double.nan)) == .string("nan"))
        #expect(ServerLogHandler.json(.string("x")) == .string("x"))
        #expect(ServerLogHandler.json(.array([.string("a"), .stringConvertible(1)])) == .array([.string("a"), .number("1")]))
    }
}
