import CLibPQ

/// One request's statement on its way through a pipelined connection: sent as (prepare if this connection
/// has not yet) + execute + sync, so its failure never aborts another request's statement.
struct PipelineJob: Sendable {
    let name: String
    let sql: String
    let bindings: PGBindings
    /// Called exactly once, on the connection's thread: with the result (valid only during the call; decode
    /// it there) or with why the statement did not run to completion.
    let finish: @Sendable (PipelineOutcome) -> Void
}

/// A statement's result, borrowed for the duration of `PipelineJob.finish`, or its failure.
enum PipelineOutcome {
    case result(OpaquePointer)
    case failure(PGError)
    /// The connection failed before the statement was sent: nothing reached the server, so the client may
    /// safely send it again on a new connection.
    case unsent(PGError)
}

/// What the connection expects next from the server, in the order the requests were sent.
enum PipelineEntry {
    case prepare(name: String)
    case execute(PipelineJob?)
    case sync
}
