import APIRuntime
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// How long a client may take, and how much it may send, before the server gives up on it.
public struct ConnectionLimits: Sendable {
    /// From the first byte of a request to the end of its headers (slowloris).
    public var headerTimeout: TimeAmount = .seconds(10)
    /// From the end of the headers to the end of the body (trickled bodies).
    public var bodyTimeout: TimeAmount = .seconds(30)
    /// A kept-alive connection with no request in progress.
    public var idleTimeout: TimeAmount = .seconds(60)
    /// A larger `Content-Length` (or a longer chunked body) is answered 413 before the body is read. The
    /// largest valid request of this API is a few KiB; 64 KiB bounds what 1,000 slow clients can make the
    /// server hold to 64 MiB.
    public var maximumBodySize = 64 * 1024
    /// A longer request target is answered 414.
    public var maximumURILength = 8 * 1024
    /// All header lines together; more is answered 431.
    public var maximumHeaderSize = 32 * 1024

    public init() {}

    /// How often each connection checks its deadlines: often enough for the shortest timeout to be kept
    /// within a quarter of itself, at most once a second.
    var tick: TimeAmount {
        let shortest = min(headerTimeout, bodyTimeout, idleTimeout)
        return max(.milliseconds(50), min(.seconds(1), .nanoseconds(shortest.nanoseconds / 4)))
    }
}

/// Hummingbird's HTTP/1 child channel with guards in front of the router, for what a router cannot see:
/// clients that are slow or silent, bodies announced too large, requests the parser refuses, `HEAD`,
/// `Expect: 100-continue` and HTTP/1.0 without keep-alive. Every refusal is a JSON answer, then a close.
///
/// The pipeline, head to tail: `RawGuard` (bytes: deadlines, raw error answers), NIO's HTTP/1 codec,
/// `HTTPGuard` (request heads: limits and protocol edges), the conversion to HTTP types, Hummingbird's
/// connection-state handler (graceful shutdown) and the async channel the router reads.
struct GuardedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let limits: ConnectionLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let timeline = ConnectionTimeline(limits: limits)
            var decoderLimits = NIOHTTPDecoderLimitConfiguration()
            decoderLimits.maxHeaderFieldSize = limits.maximumHeaderSize
            decoderLimits.maxHeaderListSize = limits.maximumHeaderSize
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(RawGuard(timeline: timeline))
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: decoderLimits)
            try pipeline.addHandler(HTTPGuard(timeline: timeline))
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}

/// What both guards of one connection know about it; touched only on the connection's event loop.
final class ConnectionTimeline {
    let limits: ConnectionLimits
    /// Heads received, request ends received, response heads and ends sent.
    var requestsStarted = 0
    var requestsEnded = 0
    var responsesStarted = 0
    var responsesEnded = 0
    var lastHead = NIODeadline.now()
    var lastResponseEnd = NIODeadline.now()
    /// When bytes of a request whose head is not complete yet first arrived.
    var pendingHeadSince: NIODeadline?
    /// Whether the pending request's first line has ended (a parser overflow is then 431, not 414).
    var pendingRequestLineEnded = false
    /// Set by the raw guard so the HTTP guard can answer in bytes when the codec cannot.
    var answer: ((RawAnswer) -> Void)?

    init(limits: ConnectionLimits) { self.limits = limits }

    var isAnswering: Bool { responsesStarted > responsesEnded }

    /// What to do at `now`: nothing, close quietly, or answer and close.
    func expired(at now: NIODeadline) -> RawAnswer?? {
        if requestsStarted > requestsEnded {
            guard now - lastHead > limits.bodyTimeout else { return nil }
            return responsesStarted >= requestsStarted
                ? .some(nil) : RawAnswer.timeout("the request body was not received within \(limits.bodyTimeout.seconds) s")
        }
        if responsesEnded < requestsEnded { return nil }  // the handler is at work; its statements have deadlines
        if let pendingHeadSince {
            guard now - pendingHeadSince > limits.headerTimeout else { return nil }
            return RawAnswer.timeout("the request headers were not received within \(limits.headerTimeout.seconds) s")
        }
        return now - lastResponseEnd > limits.idleTimeout ? .some(nil) : nil
    }
}

/// A complete HTTP/1.1 answer written as bytes, for the moments when there is no request to answer through
/// the router: a deadline passed, or the parser gave up.
struct RawAnswer {
    var status: HTTPResponseStatus
    var detail: String
    var headers: [(String, String)] = []

    static func timeout(_ why: String) -> RawAnswer { RawAnswer(status: .requestTimeout, detail: "Request timeout: \(why)") }

    func bytes(allocator: ByteBufferAllocator) -> ByteBuffer {
        let body = JSONWriter.write(.object(JSONObject([("detail", .string(detail))])))
        var buffer = allocator.buffer(capacity: 256 + body.count)
        buffer.writeString("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n")
        buffer.writeString("Content-Type: application/json\r\nContent-Length: \(body.count)\r\n")
        buffer.writeString("Connection: close\r\nX-Content-Type-Options: nosniff\r\n")
        for (name, value) in headers { buffer.writeString("\(name): \(value)\r\n") }
        buffer.writeString("\r\n")
        buffer.writeBytes(body)
        return buffer
    }
}

extension TimeAmount {
    /// Whole seconds, for messages.
    var seconds: Int64 { nanoseconds / 1_000_000_000 }
}

/// First in the pipeline: sees every byte in, keeps the connection's deadlines, and writes raw answers.
final class RawGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    let timeline: ConnectionTimeline
    private var ticker: RepeatedTask?
    private var closing = false

    init(timeline: ConnectionTimeline) { self.timeline = timeline }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timeline.answer = { [weak self] answer in self?.answerAndClose(answer, context: loopBound.value) }
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        ticker?.cancel()
        ticker = nil
        timeline.answer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        ticker?.cancel()
        ticker = nil
        context.fireChannelInactive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard ticker == nil else { return }
        timeline.lastResponseEnd = .now()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ticker = context.eventLoop.scheduleRepeatedTask(initialDelay: timeline.limits.tick, delay: timeline.limits.tick) { _ in
            let (guardHandler, context) = loopBound.value
            guardHandler.check(context)
        }
    }

    private func check(_ context: ChannelHandlerContext) {
        guard !closing, let outcome = timeline.expired(at: .now()) else { return }
        if let answer = outcome {
            answerAndClose(answer, context: context)
        } else {
            closing = true
            context.close(promise: nil)
        }
    }

    func answerAndClose(_ answer: RawAnswer, context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        guard !timeline.isAnswering else {
            // A response is half written: another head would corrupt it, so the connection just ends.
            context.close(promise: nil)
            return
        }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(answer.bytes(allocator: context.channel.allocator)))).whenComplete { _ in
            // A lingering close: stop sending, then drop what the client still sends for a moment. Closing with
            // unread bytes in the socket (a body still on its way) would reset the connection, and the client
            // could lose the answer before reading it.
            bound.value.close(mode: .output).whenComplete { result in
                let context = bound.value
                guard case .success = result else { return context.close(promise: nil) }
                context.eventLoop.scheduleTask(in: .seconds(2)) { bound.value.close(promise: nil) }
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }  // after an answer and close, nothing more is read
        let bytes = unwrapInboundIn(data)
        if timeline.pendingHeadSince == nil, bytes.readableBytes > 0, timeline.requestsStarted == timeline.requestsEnded {
            timeline.pendingHeadSince = .now()
            timeline.pendingRequestLineEnded = false
        }
        if !timeline.pendingRequestLineEnded, bytes.readableBytesView.contains(UInt8(ascii: "\n")) {
            timeline.pendingRequestLineEnded = true
        }
        context.fireChannelRead(data)
    }
}

/// After the HTTP/1 decoder: the request heads, before the router sees them.
final class HTTPGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let timeline: ConnectionTimeline
    /// Requests whose answers are still to be written, oldest first: was it `HEAD`, may the connection stay open.
    private var pending: [(isHead: Bool, keepAlive: Bool)] = []
    /// The body of a request answered here (413) is dropped, not passed on.
    private var discardingBody = false
    /// Bytes of the current request's body so far: a chunked body has no `Content-Length` to check up front.
    private var bodyBytes = 0

    init(timeline: ConnectionTimeline) { self.timeline = timeline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            timeline.requestsStarted += 1
            timeline.lastHead = .now()
            timeline.pendingHeadSince = nil
            bodyBytes = 0
            if let refusal = refusal(of: head) {
                timeline.requestsEnded = timeline.requestsStarted  // nothing more of it will be read
                timeline.answer?(refusal)
                discardingBody = true
                return
            }
            let isHead = head.method == .HEAD
            let keepAlive = head.isKeepAlive
            pending.append((isHead, keepAlive))
            let expectsContinue =
                head.headers.contains(name: "expect")
                && head.headers[canonicalForm: "expect"].contains { $0.lowercased() == "100-continue" }
            guard isHead || !keepAlive || expectsContinue else {
                context.fireChannelRead(data)  // the common case, passed on as it came
                return
            }
            if isHead { head.method = .GET }  // answered as GET, the body dropped on the way out
            if !keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
            if expectsContinue {
                head.headers.remove(name: "expect")
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body(let body):
            guard !discardingBody else { return }
            bodyBytes += body.readableBytes
            if bodyBytes > timeline.limits.maximumBodySize {
                discardingBody = true
                timeline.answer?(tooLarge)
                return
            }
            context.fireChannelRead(data)
        case .end:
            guard !discardingBody else { return }
            timeline.requestsEnded += 1
            context.fireChannelRead(data)
        }
    }

    /// A request refused from its head alone, before a byte of its body is read.
    private func refusal(of head: HTTPRequestHead) -> RawAnswer? {
        if head.version.major == 1, head.version.minor >= 1, !Self.hasOneHost(head.headers) {
            // RFC 9112 section 3.2: exactly one Host in HTTP/1.1.
            return RawAnswer(status: .badRequest, detail: "Bad Request: an HTTP/1.1 request needs exactly one Host header")
        }
        if head.uri.utf8.count > timeline.limits.maximumURILength {
            return RawAnswer(status: .uriTooLong, detail: "URI Too Long: at most \(timeline.limits.maximumURILength) bytes")
        }
        if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > timeline.limits.maximumBodySize {
            return tooLarge
        }
        return nil
    }

    /// Exactly one `Host` field, compared without allocating (this runs for every request).
    static func hasOneHost(_ headers: HTTPHeaders) -> Bool {
        var count = 0
        for (name, _) in headers where name.utf8.count == 4 {
            if name.utf8.elementsEqual("host".utf8, by: { $0 | 0x20 == $1 }) { count += 1 }
        }
        return count == 1
    }

    private var tooLarge: RawAnswer {
        RawAnswer(status: .payloadTooLarge, detail: "Content Too Large: the body may have at most \(timeline.limits.maximumBodySize) bytes")
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch part {
        case .head(let head) where head.status.code >= 200:
            timeline.responsesStarted += 1
            context.write(data, promise: promise)
        case .head:
            context.write(data, promise: promise)
        case .body:
            if pending.first?.isHead == true {
                promise?.succeed(())
            } else {
                context.write(data, promise: promise)
            }
        case .end:
            timeline.responsesEnded += 1
            timeline.lastResponseEnd = .now()
            let request = pending.isEmpty ? nil : pending.removeFirst()
            if let request, !request.keepAlive {
                // HTTP/1.0 without keep-alive (or `Connection: close`): the answer ends the connection.
                let written = promise ?? context.eventLoop.makePromise()
                context.write(data, promise: written)
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
            } else {
                context.write(data, promise: promise)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let answer: RawAnswer
        switch parserError {
        case .invalidEOFState:
            // The client went away in the middle of a request: nobody to answer.
            context.close(promise: nil)
            return
        case .invalidMethod:
            answer = RawAnswer(status: .notImplemented, detail: "Not Implemented: unknown HTTP method")
        case .headerOverflow where !timeline.pendingRequestLineEnded:
            answer = RawAnswer(status: .uriTooLong, detail: "URI Too Long: at most \(timeline.limits.maximumURILength) bytes")
        case .headerOverflow:
            answer = RawAnswer(
                status: .requestHeaderFieldsTooLarge,
                detail: "Request Header Fields Too Large: at most \(timeline.limits.maximumHeaderSize) bytes in all")
        default:
            answer = RawAnswer(status: .badRequest, detail: "Bad Request: malformed HTTP (\(parserError))")
        }
        timeline.answer?(answer)
    }
}
