import Auth
import CryptoPrimitives
import Foundation
import Testing

func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

@Suite("Published test vectors")
struct VectorTests {
    /// RFC 4231 test cases 1, 2 and 6 (HMAC-SHA-256).
    @Test func hmacSHA256RFC4231() throws {
        #expect(
            try Crypto.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
                == hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"))
        #expect(
            try Crypto.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
                == hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))
        #expect(
            try Crypto.hmacSHA256(
                key: [UInt8](repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
                == hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"))
    }

    /// RFC 7914 section 11: PBKDF2-HMAC-SHA256.
    @Test func pbkdf2SHA256RFC7914() throws {
        #expect(
            try Crypto.pbkdf2SHA256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64)
                == hex(
                    """
                    55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05 f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc
                    49 ca 9c cc f1 79 b6 45 99 16 64 b3 9d 77 ef 31 7c 71 b8 45 b1 e3 0b d5 09 11 20 41 d3 a1 97 83
                    """))
    }

    /// RFC 7914 section 12: scrypt, including the N=16384 vector that needs more than OpenSSL's default memory cap.
    @Test func scryptRFC7914() throws {
        #expect(
            try Crypto.scrypt(password: [], salt: [], n: 16, r: 1, p: 1, length: 64, maxMemory: 0)
                == hex(
                    """
                    77 d6 57 62 38 65 7b 20 3b 19 ca 42 c1 8a 04 97 f1 6b 48 44 e3 07 4a e8 df df fa 3f ed e2 14 42
                    fc d0 06 9d ed 09 48 f8 32 6a 75 3a 0f c8 1f 17 e8 d3 e0 fb 2e 0d 36 28 cf 35 e2 0c 38 d1 89 06
                    """))
        #expect(
            try Crypto.scrypt(
                password: Array("pleaseletmein".utf8), salt: Array("SodiumChloride".utf8), n: 16384, r: 8, p: 1, length: 64, maxMemory: 64 << 20)
                == hex(
                    """
                    70 23 bd cb 3a fd 73 48 46 1c 06 cd 81 fd 38 eb fd a8 fb ba 90 4f 8e 3e a9 b5 43 f6 54 5d a1 f2
                    d5 43 29 55 61 3f 0f cf 62 d4 97 05 24 2a 9a f9 e6 1e 85 dc 0d 65 1e 40 df cf 01 7b 45 57 58 87
                    """))
    }

    /// RFC 7515 appendix A.1: the HS256 JWS example verifies with its key, and fails when a byte changes.
    @Test func jwsHS256RFC7515() throws {
        let key = try #require(
            Data(
                base64Encoded: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
                    .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=="))
        let token =
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let signer = try JWTSigner(secret: Array(key))
        let before = Date(timeIntervalSince1970: 1_300_819_000)
        // The signature is valid; the example simply has no `sub`, which this product requires.
        #expect(throws: JWTSigner.Failure.missingClaim("sub")) { try signer.verify(token, now: before) }
        var tampered = Array(token.utf8)
        tampered[tampered.count - 2] = tampered[tampered.count - 2] == UInt8(ascii: "X") ? UInt8(ascii: "Y") : UInt8(ascii: "X")
        #expect(throws: JWTSigner.Failure.badSignature) { try signer.verify(String(decoding: tampered, as: UTF8.self), now: before) }
    }
}

@Suite("Tokens and password hashes")
struct AuthTests {
    let signer: JWTSigner

    init() throws {
        signer = try JWTSigner(secret: Array("0123456789abcdef0123456789abcdef".utf8))
    }

    @Test func shortSecretsAreRefused() {
        #expect(throws: ConfigurationError.self) { try JWTSigner(secret: Array("short".utf8)) }
    }

    @Test func roundTripAndExpiry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let token = try signer.sign(subject: "42", issuedAt: now, lifetime: 60)
        let claims = try signer.verify(token, now: now)
        #expect(claims.subject == "42")
        #expect(claims.issuedAt == now)
        #expect(claims.expiresAt == now.addingTimeInterval(60))
        #expect(throws: JWTSigner.Failure.expired) { try signer.verify(token, now: now.addingTimeInterval(60 + 31)) }
        #expect(throws: JWTSigner.Failure.notYetValid) { try signer.verify(token, now: now.addingTimeInterval(-120)) }
    }

    @Test func algNoneAndOtherAlgorithmsAreRejected() throws {
        let payload = Data(#"{"sub":"1","exp":9999999999}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        for header in [#"{"alg":"none"}"#, #"{"alg":"HS512"}"#, #"{"alg":"hs256"}"#, #"{"typ":"JWT"}"#] {
            let encoded = Data(header.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            #expect(throws: JWTSigner.Failure.unsupportedAlgorithm) { try signer.verify("\(encoded).\(payload).") }
        }
        #expect(throws: JWTSigner.Failure.malformed) { try signer.verify("not.a.token.at.all") }
        #expect(throws: JWTSigner.Failure.malformed) { try signer.verify("") }
    }

    @Test func missingExpIsRejected() throws {
        let other = try JWTSigner(secret: Array("0123456789abcdef0123456789abcdef".utf8))
        let header = "eyJhbGciOiJIUzI1NiJ9"
        let payload = Data(#"{"sub":"1"}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let signature = try Crypto.hmacSHA256(key: Array("0123456789abcdef0123456789abcdef".utf8), message: Array("\(header).\(payload)".utf8))
        let encoded = Data(signature).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        #expect(throws: JWTSigner.Failure.missingClaim("exp")) { try other.verify("\(header).\(payload).\(encoded)") }
    }

    @Test func passwordHashesAreSelfDescribingAndUpgradable() throws {
        let fast = PasswordHasher(algorithm: .pbkdf2SHA256(iterations: 1_000))
        let hash = try fast.hash("correct horse")
        #expect(hash.hasPrefix("$pbkdf2-sha256$i=1000$"))
        #expect(fast.verify("correct horse", against: hash))
        #expect(!fast.verify("correct horsE", against: hash))
        #expect(!fast.verify("correct horse", against: "$pbkdf2-sha256$i=1000$garbage"))
        #expect(try fast.hash("correct horse") != hash, "salts differ")
        #expect(PasswordHasher.recommended.needsRehash(hash))
        #expect(!fast.needsRehash(hash))
        let scrypt = PasswordHasher(algorithm: .scrypt(logN: 10, r: 8, p: 1))
        let scryptHash = try scrypt.hash("pw")
        #expect(scryptHash.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(fast.verify("pw", against: scryptHash), "any supported hash verifies, whatever the current parameters")
    }
}
