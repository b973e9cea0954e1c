import APIRuntime
import PostgresClient

/// A database that cannot be reached (or a pool with no free connection) is a 503 the client may retry;
/// anything else the database says stays in the log and is a 500.
extension PGError: PublicError {
    public var publicStatus: Int {
        switch kind {
        case .connection, .poolTimeout: 503
        case .query, .decode: 500
        }
    }

    public var publicDetail: String {
        publicStatus == 503 ? "Service temporarily unavailable" : "Internal Server Error"
    }

    public var publicHeaders: HTTPFields {
        var headers = HTTPFields()
        if publicStatus == 503 { headers[.retryAfter] = "1" }
        return headers
    }
}
