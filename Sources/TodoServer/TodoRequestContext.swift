import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basics plus the client's address (login throttling).
/// The body-size limit is the connection guard's (`MAX_BODY_SIZE`), enforced before the router reads a byte,
/// so the router's own limit is lifted rather than kept as a second, different number.
public struct TodoRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { .max }

    /// The client's IP address as text, or "unknown" (a Unix socket, a test without a channel).
    public var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
