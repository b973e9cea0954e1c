// Generated code imports only APIRuntime; these are the types its routes and responses are made of.
@_exported import HTTPTypes
@_exported import Hummingbird
