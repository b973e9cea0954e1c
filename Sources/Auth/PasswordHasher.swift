import CryptoPrimitives

/// Password hashes as self-describing PHC strings, so parameters can be raised later and old hashes still
/// verify (and are rehashed at the next login):
/// `$pbkdf2-sha256$i=600000$<salt>$<hash>` or `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (unpadded base64).
public struct PasswordHasher: Sendable {
    public enum Algorithm: Sendable, Equatable {
        case pbkdf2SHA256(iterations: Int)
        case scrypt(logN: Int, r: Int, p: Int)
    }

    public var algorithm: Algorithm

    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256: ~0.2 s on this machine.
    public static let recommended = PasswordHasher(algorithm: .pbkdf2SHA256(iterations: 600_000))

    public init(algorithm: Algorithm) { self.algorithm = algorithm }

    public func hash(_ password: String) throws -> String {
        let salt = try Crypto.randomBytes(16)
        let derived = try derive(Array(password.utf8), salt: salt, algorithm)
        return Self.format(algorithm, salt: salt, hash: derived)
    }

    /// Whether `password` matches `encoded`; malformed hashes never match.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let parsed = Self.parse(encoded), let derived = try? derive(Array(password.utf8), salt: parsed.salt, parsed.algorithm) else {
            return false
        }
        return Crypto.constantTimeEquals(derived, parsed.hash)
    }

    /// True when `encoded` was made with other parameters than the current ones.
    public func needsRehash(_ encoded: String) -> Bool {
        Self.parse(encoded)?.algorithm != algorithm
    }

    private func derive(_ password: [UInt8], salt: [UInt8], _ algorithm: Algorithm) throws -> [UInt8] {
        switch algorithm {
        case .pbkdf2SHA256(let iterations):
            return try Crypto.pbkdf2SHA256(password: password, salt: salt, iterations: iterations, length: 32)
        case .scrypt(let logN, let r, let p):
            let n = UInt64(1) << UInt64(logN)
            let memory = 128 * n * UInt64(r) * UInt64(p) + 1 << 20 * UInt64(r)
            return try Crypto.scrypt(password: password, salt: salt, n: n, r: UInt64(r), p: UInt64(p), length: 32, maxMemory: memory * 2)
        }
    }

    static func format(_ algorithm: Algorithm, salt: [UInt8], hash: [UInt8]) -> String {
        let parameters: String
        switch algorithm {
        case .pbkdf2SHA256(let iterations): parameters = "$pbkdf2-sha256$i=\(iterations)"
        case .scrypt(let logN, let r, let p): parameters = "$scrypt$ln=\(logN),r=\(r),p=\(p)"
        }
        return parameters + "$" + base64(salt) + "$" + base64(hash)
    }

    static func parse(_ encoded: String) -> (algorithm: Algorithm, salt: [UInt8], hash: [UInt8])? {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, let salt = Base64URL.decode(parts[3].replacing("+", with: "-").replacing("/", with: "_")),
            let hash = Base64URL.decode(parts[4].replacing("+", with: "-").replacing("/", with: "_")), salt.count >= 8, hash.count >= 16
        else { return nil }
        var values: [String: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let value = Int(kv[1]) else { return nil }
            values[String(kv[0])] = value
        }
        switch parts[1] {
        case "pbkdf2-sha256":
            guard let iterations = values["i"], (1_000...10_000_000).contains(iterations) else { return nil }
            return (.pbkdf2SHA256(iterations: iterations), salt, hash)
        case "scrypt":
            guard let logN = values["ln"], let r = values["r"], let p = values["p"], (10...22).contains(logN), (1...32).contains(r),
                (1...16).contains(p)
            else { return nil }
            return (.scrypt(logN: logN, r: r, p: p), salt, hash)
        default:
            return nil
        }
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        Base64URL.encode(bytes).replacing("-", with: "+").replacing("_", with: "/")
    }
}
