import COpenSSL

/// A failure inside OpenSSL, with its error-queue text for the log (never for an HTTP client).
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var detail: String

    init(_ operation: String) {
        self.operation = operation
        var text = ""
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            text += (text.isEmpty ? "" : "; ") + String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        self.detail = text.isEmpty ? "unknown OpenSSL error" : text
    }

    public var description: String { "\(operation) failed: \(detail)" }
}

/// The few primitives the product needs from OpenSSL's libcrypto: HMAC-SHA256, SHA-256, scrypt,
/// PBKDF2-HMAC-SHA256, a CSPRNG and constant-time comparison. Nothing else crosses into C.
public enum Crypto {
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, &out, &length)
            }
        }
        guard ok != nil else { throw CryptoError("HMAC-SHA256") }
        return Array(out.prefix(Int(length)))
    }

    public static func sha256(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        message.withUnsafeBufferPointer { m in _ = SHA256(m.baseAddress, m.count, &out) }
        return out
    }

    /// scrypt (RFC 7914). `maxMemory` must cover 128 * N * r * p bytes: OpenSSL's default cap is 32 MiB.
    public static func scrypt(password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int, maxMemory: UInt64) throws(CryptoError)
        -> [UInt8]
    {
        var out = [UInt8](repeating: 0, count: length)
        let chars = password.map { CChar(bitPattern: $0) } + [0]
        let ok = salt.withUnsafeBufferPointer { s in
            EVP_PBE_scrypt(chars, password.count, s.baseAddress, s.count, n, r, p, maxMemory, &out, length)
        }
        guard ok == 1 else { throw CryptoError("scrypt") }
        return out
    }

    /// PBKDF2-HMAC-SHA256 (RFC 8018).
    public static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        // A trailing NUL keeps the pointer valid for an empty password; the length excludes it.
        let chars = password.map { CChar(bitPattern: $0) } + [0]
        let ok = salt.withUnsafeBufferPointer { s in
            PKCS5_PBKDF2_HMAC(chars, Int32(password.count), s.baseAddress, Int32(s.count), Int32(iterations), EVP_sha256(), Int32(length), &out)
        }
        guard ok == 1 else { throw CryptoError("PBKDF2") }
        return out
    }

    /// Bytes from OpenSSL's CSPRNG.
    public static func randomBytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&out, Int32(count)) == 1 else { throw CryptoError("RAND_bytes") }
        return out
    }

    /// Equality whose time depends only on the length, so a signature or hash check leaks nothing.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 } }
    }
}
