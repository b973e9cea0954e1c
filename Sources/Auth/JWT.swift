import CryptoPrimitives
import Foundation

/// HS256 JSON Web Tokens (RFC 7519 over RFC 7515): what login issues and the bearer hook checks.
/// Only `alg: HS256` is accepted (never `none`, never another algorithm), the signature is compared in
/// constant time, `exp` and `iat` are required, `nbf` is honoured, all with a small leeway, and a token may
/// not claim a longer life (`exp - iat`) than this signer issues. `ver` is the user's token version when the
/// token was issued: raising it in the database (logout, password change) revokes every earlier token.
public struct JWTSigner: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        case malformed
        case unsupportedAlgorithm
        case badSignature
        case expired
        case notYetValid
        case missingClaim(String)
        case lifetimeTooLong
    }

    /// What a valid token says.
    public struct Claims: Sendable, Equatable {
        public var subject: String
        public var issuedAt: Date
        public var expiresAt: Date
        /// The user's token version at issue; 0 when the token has no `ver`.
        public var version: Int
    }

    private let key: [UInt8]
    public let leeway: TimeInterval
    /// The longest `exp - iat` accepted (plus the leeway): the lifetime this server issues.
    public let maximumLifetime: TimeInterval

    /// The header this signer writes, and its encoding: a token that carries exactly these bytes needs no
    /// JSON decoding of its header (the common case, checked on every authenticated request).
    static let header = #"{"alg":"HS256","typ":"JWT"}"#
    static let encodedHeader = Base64URL.encode(Array(header.utf8))

    /// Secrets shorter than this are refused: HS256 keys should be at least as long as the hash.
    public static let minimumSecretLength = 32

    public init(secret: [UInt8], leeway: TimeInterval = 30, maximumLifetime: TimeInterval = 24 * 3600) throws(ConfigurationError) {
        guard secret.count >= Self.minimumSecretLength else {
            throw ConfigurationError(message: "JWT_SECRET must be at least \(Self.minimumSecretLength) bytes, got \(secret.count)")
        }
        self.key = secret
        self.leeway = leeway
        self.maximumLifetime = maximumLifetime
    }

    public func sign(subject: String, version: Int = 0, issuedAt: Date = Date(), lifetime: TimeInterval) throws -> String {
        let header = Self.header
        let payload = try JSONSerialization.data(
            withJSONObject: [
                "sub": subject,
                "iat": Int(issuedAt.timeIntervalSince1970),
                "exp": Int(issuedAt.timeIntervalSince1970 + lifetime),
                "ver": version,
            ], options: [.sortedKeys])
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload))
        let signature = try Crypto.hmacSHA256(key: key, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    public func verify(_ token: String, now: Date = Date()) throws(Failure) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count <= 8192,
            let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2])
        else {
            throw .malformed
        }
        if parts[0] != Self.encodedHeader {
            guard let header = try? JSONDecoder().decode(RawHeader.self, from: Data(headerBytes)) else { throw .malformed }
            guard header.alg == "HS256" else { throw .unsupportedAlgorithm }
        }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard let expected = try? Crypto.hmacSHA256(key: key, message: signingInput),
            Crypto.constantTimeEquals(expected, signature)
        else { throw .badSignature }
        guard let claims = Self.ownClaims(payloadBytes) ?? (try? JSONDecoder().decode(RawClaims.self, from: Data(payloadBytes))) else {
            throw .malformed
        }
        guard let exp = claims.exp else { throw .missingClaim("exp") }
        guard let sub = claims.sub, !sub.isEmpty else { throw .missingClaim("sub") }
        let nowSeconds = now.timeIntervalSince1970
        if nowSeconds > exp + leeway { throw .expired }
        if let nbf = claims.nbf, nowSeconds + leeway < nbf { throw .notYetValid }
        guard let iat = claims.iat else { throw .missingClaim("iat") }
        if nowSeconds + leeway < iat { throw .notYetValid }
        if exp - iat > maximumLifetime + leeway { throw .lifetimeTooLong }
        guard let version = Int(exactly: claims.ver ?? 0), version >= 0 else { throw .malformed }
        return Claims(subject: sub, issuedAt: Date(timeIntervalSince1970: iat), expiresAt: Date(timeIntervalSince1970: exp), version: version)
    }

    /// The claims in exactly the layout `sign` writes (`{"exp":N,"iat":N,"sub":"...","ver":N}`), read without a JSON
    /// decoder; nil for anything else, which then goes through `JSONDecoder`. Only called on signed payloads.
    static func ownClaims(_ bytes: [UInt8]) -> RawClaims? {
        var index = 0
        func expect(_ literal: String) -> Bool {
            for byte in literal.utf8 {
                guard index < bytes.count, bytes[index] == byte else { return false }
                index += 1
            }
            return true
        }
        func number() -> Double? {
            var value = 0
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), index - start < 15 {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return index > start ? Double(value) : nil
        }
        guard expect(#"{"exp":"#), let exp = number(), expect(#","iat":"#), let iat = number(), expect(#","sub":""#) else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
        let subject = String(decoding: bytes[start..<index], as: UTF8.self)
        guard expect(#"","ver":"#), let version = number(), expect("}"), index == bytes.count else { return nil }
        return RawClaims(sub: subject, exp: exp, iat: iat, nbf: nil, ver: version)
    }

    private struct RawHeader: Decodable { var alg: String? }
    struct RawClaims: Decodable {
        var sub: String?
        var exp: Double?
        var iat: Double?
        var nbf: Double?
        var ver: Double?
    }
}

/// A setting that makes the server refuse to start.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
