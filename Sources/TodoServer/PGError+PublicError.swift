import APIRuntime
import PostgresClient

/// A database that cannot answer now (down, overloaded, too slow) is a 503 the client may retry; anything
/// else the database says stays in the log and is a 500.
extension PGError: PublicError {
    public var publicStatus: Int { isTransient ? 503 : 500 }

    public var publicDetail: String {
        publicStatus == 503 ? "Service temporarily unavailable" : "Internal Server Error"
    }

    public var publicHeaders: HTTPFields {
        var headers = HTTPFields()
        if publicStatus == 503 { headers[.retryAfter] = "1" }
        return headers
    }
}
