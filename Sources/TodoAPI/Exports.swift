// The types, operations and routes of this target are generated from the package-root openapi.yaml by
// OpenAPIBuildPlugin on every build; `Generated/` holds a reviewed copy. Handlers see the runtime through here.
@_exported import APIRuntime
