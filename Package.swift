// swift-tools-version:6.1
// todo-api: a spec-first REST backend. `openapi.yaml` is the contract; the build plugin turns it into
// the `TodoAPI` target's types and routes, and the hand-written layers below implement them.
import PackageDescription

let package = Package(
    name: "todo-api",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "todo-api", targets: ["todo-api"]),
        .executable(name: "openapi-gen", targets: ["openapi-gen"]),
        .plugin(name: "OpenAPIBuildPlugin", targets: ["OpenAPIBuildPlugin"]),
        .plugin(name: "GenerateCodeCommand", targets: ["GenerateCodeCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // MARK: C libraries, wrapped thinly by the layer above each.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // MARK: The generator: spec text -> YAML tree -> OpenAPI model -> Swift (and TypeScript) files.
        .target(name: "YAMLTree", dependencies: ["CYAML"]),
        .target(name: "OpenAPIModel", dependencies: ["YAMLTree"]),
        .target(name: "OpenAPIGenerator", dependencies: ["OpenAPIModel"]),
        // The same model -> TypeScript types and a typed fetch client, for the frontend.
        .target(name: "OpenAPITypeScript", dependencies: ["OpenAPIModel"]),
        // Breaking-change report between two versions of a spec (`openapi-gen diff`).
        .target(name: "OpenAPIDiff", dependencies: ["OpenAPIModel"]),
        .executableTarget(
            name: "openapi-gen",
            dependencies: [
                "OpenAPIGenerator",
                "OpenAPITypeScript", "OpenAPIDiff",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .plugin(name: "OpenAPIBuildPlugin", capability: .buildTool(), dependencies: ["openapi-gen"]),
        .plugin(
            name: "GenerateCodeCommand",
            capability: .command(
                intent: .custom(verb: "generate-code", description: "Write the code generated from openapi.yaml into Generated/"),
                permissions: [.writeToPackageDirectory(reason: "Generated/ holds the reviewed copy of the generated code")]
            ),
            dependencies: ["openapi-gen"]
        ),

        // MARK: What generated code stands on, and the target that receives it.
        .target(
            name: "APIRuntime",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(name: "TodoAPI", dependencies: ["APIRuntime"], plugins: ["OpenAPIBuildPlugin"]),

        // MARK: The product: storage, auth, server, executable.
        .target(
            name: "PostgresClient",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(name: "CryptoPrimitives", dependencies: ["COpenSSL"]),
        .target(name: "Auth", dependencies: ["CryptoPrimitives"]),
        .target(name: "TodoStore", dependencies: ["PostgresClient", .product(name: "Logging", package: "swift-log")]),
        // posix_spawn's closefrom action, which Swift's Glibc module does not export.
        .target(name: "CSpawn"),
        .target(name: "ChildProcess", dependencies: ["CSpawn"]),
        .target(
            name: "TodoServer",
            dependencies: [
                "TodoAPI", "TodoStore", "Auth", "CryptoPrimitives", "APIRuntime", "ChildProcess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "todo-api",
            dependencies: ["TodoServer", "TodoStore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Tests.
        .testTarget(name: "OpenAPIGeneratorTests", dependencies: ["OpenAPIGenerator", "OpenAPITypeScript", "OpenAPIModel", "YAMLTree"]),
        .testTarget(name: "OpenAPIDiffTests", dependencies: ["OpenAPIDiff"]),
        .testTarget(name: "APIRuntimeTests", dependencies: ["APIRuntime", "TodoAPI"]),
        // Generated code for a fixture spec (Generated/ inside it, checked for drift by OpenAPIGeneratorTests), run;
        // with TodoAPI's, the differential test against a reference validator (scripts/differential.sh).
        .testTarget(
            name: "GeneratedBehaviourTests",
            dependencies: [
                "APIRuntime", "TodoAPI", "OpenAPIGenerator", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["behaviour.yaml"]),
        .testTarget(name: "AuthTests", dependencies: ["Auth", "CryptoPrimitives"]),
        .testTarget(name: "TodoServerTests", dependencies: ["TodoServer", "PostgresClient"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "PostgresClient", "TodoStore", "Auth", "CryptoPrimitives", "ChildProcess", .product(name: "Logging", package: "swift-log"),
            ]),
    ]
)
