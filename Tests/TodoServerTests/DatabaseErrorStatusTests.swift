import APIRuntime
import PostgresClient
import Testing

@testable import TodoServer

/// How database failures reach the wire: what may heal by itself is a 503 with `Retry-After`, anything else a 500
/// with a generic body; the database's own text never does.
@Suite("Database errors as HTTP statuses")
struct DatabaseErrorStatusTests {
    @Test(arguments: [
        PGError(.connection, message: "server closed the connection unexpectedly"),
        PGError(.overloaded, message: "256 statements already wait on every connection"),
        PGError(.timeout, message: "no answer"),
        PGError(.query, sqlState: "57014", message: "canceling statement due to statement timeout"),
        PGError(.query, sqlState: "57P01", message: "terminating connection due to administrator command"),
        PGError(.query, sqlState: "53300", message: "too many connections"),
        PGError(.query, sqlState: "40001", message: "could not serialize access"),
    ])
    func transientFailuresAre503WithRetryAfter(_ error: PGError) {
        #expect(error.publicStatus == 503)
        #expect(error.publicHeaders[.retryAfter] == "1")
        #expect(error.publicDetail == "Service temporarily unavailable")
    }

    @Test(arguments: [
        PGError(.query, sqlState: "23505", message: "duplicate key value violates unique constraint \"users_email_lower_key\""),
        PGError(.query, sqlState: "42P01", message: "relation \"tasks\" does not exist"),
        PGError(.decode, message: "column id has type oid 25, read as bigint"),
    ])
    func otherFailuresAre500WithAGenericBody(_ error: PGError) {
        #expect(error.publicStatus == 500)
        #expect(error.publicHeaders[.retryAfter] == nil)
        #expect(error.publicDetail == "Internal Server Error")
        #expect(!error.publicDetail.contains(error.message))
    }
}
