"""The reference: openapi-schema-validator, and the few choices needed to make it judge what our decoders judge.

Validator class, by the document's `openapi` version:
  3.0.x  OAS30WriteValidator for a schema a request can carry (bodies and parameters, through $refs and nesting:
         the same reachability as the generator's Translator.reachable(from:) over parameters and request bodies), OAS30ReadValidator for every other
         schema. The generated decoder of a request type is what validates requests; a type no request carries is
         only ever a response. (Plain OAS30Validator skips *every* required readOnly and writeOnly member.)
  3.1.x  OAS31Validator (JSON Schema 2020-12: readOnly and writeOnly are annotations).
`$ref`s resolve against the whole document: the root schema is {"$ref": "#/components/schemas/NAME", "components": ...}.

Formats: asserted, but only these (the ones the generated code asserts and the reference can check):
  date-time (Date), date, email, ipv4, ipv6 (StringRules.Format), uuid (UUID), int32, int64 (Int32/Int64 ranges).
Not asserted: uri and hostname (our runtime checks them; openapi-schema-validator has no checker for either, and
neither document uses them) and every other format (annotations, as in JSON Schema; our runtime ignores them too).
Pattern: Python's `re` (the optional `regress` ECMA engine is not installed), so `$` also matches before a final
"\\n" -- a known quirk the Swift side's allow-list names.
"""

from jsonschema import FormatChecker
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator, OAS31Validator

FORMATS_CHECKED = ("date-time", "date", "email", "ipv4", "ipv6", "uuid", "int32", "int64")
PREFIX = "#/components/schemas/"


class Reference:
    def __init__(self, document):
        self.document = document
        self.version = str(document.get("openapi", ""))
        if not (self.version.startswith("3.0") or self.version.startswith("3.1")):
            raise ValueError(f"openapi {self.version!r}: only 3.0 and 3.1 documents are supported")
        self.schemas = document.get("components", {}).get("schemas", {})
        self.requests = self._request_schemas()
        self._validators = {}

    @property
    def is30(self):
        return self.version.startswith("3.0")

    def direction(self, name):
        """"request" when a request can carry the schema, else "response"."""
        return "request" if name in self.requests else "response"

    def validator(self, name):
        if name not in self._validators:
            self._validators[name] = self._make({"$ref": PREFIX + name}, self.direction(name))
        return self._validators[name]

    def accepts(self, schema, instance, direction="response"):
        """Whether `schema` (any schema of the document, e.g. one alternative of a union) accepts `instance`."""
        return self._make(schema, direction).is_valid(instance)

    def _make(self, schema, direction):
        if self.is30:
            cls = OAS30WriteValidator if direction == "request" else OAS30ReadValidator
        else:
            cls = OAS31Validator
        checker = FormatChecker(formats=())
        checker.checkers = {f: cls.FORMAT_CHECKER.checkers[f] for f in FORMATS_CHECKED if f in cls.FORMAT_CHECKER.checkers}
        return cls(dict(schema, components=self.document.get("components", {})), format_checker=checker)

    def errors(self, name, instance):
        """The reference's errors, as sorted unique "keyword at /pointer" strings; empty when valid."""
        found = set()
        for error in self.validator(name).iter_errors(instance):
            pointer = "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in error.absolute_path)
            found.add(f"{error.validator} at {pointer or '/'}")
        return sorted(found)

    def is_valid(self, name, instance):
        try:
            return not self.errors(name, instance)
        except Exception:  # noqa: BLE001
            return False

    # --- schema navigation ---------------------------------------------------------------------------------------

    def resolve(self, schema, seen=()):
        """Follows `$ref` (local component refs) to the schema it names; returns (schema, names passed through)."""
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if not ref.startswith(PREFIX):
                raise ValueError(f"unsupported $ref {ref!r}")
            name = ref[len(PREFIX):]
            if name in seen:
                raise RecursionError(name)
            seen = seen + (name,)
            schema = self.schemas[name]
        return schema, seen

    def object_view(self, schema, seen=()):
        """An object schema with its allOf members merged: (properties, required names, additionalProperties)."""
        schema, seen = self.resolve(schema, seen)
        properties, required, additional = {}, set(), True
        for member in schema.get("allOf", []):
            p, r, _ = self.object_view(member, seen)
            properties.update(p)
            required |= r
        properties.update(schema.get("properties", {}))
        required |= set(schema.get("required", []))
        if "additionalProperties" in schema:
            additional = schema["additionalProperties"]
        return properties, required, additional

    def types(self, schema):
        """The JSON types a resolved schema allows, with "null" when it is nullable; empty for any type."""
        declared = schema.get("type")
        types = set([declared] if isinstance(declared, str) else declared or [])
        if self.is30 and schema.get("nullable") is True and types:
            types.add("null")
        return types

    def _request_schemas(self):
        stack, reached = [], set()
        for item in self.document.get("paths", {}).values():
            if not isinstance(item, dict):
                continue
            shared = item.get("parameters", [])
            for method, operation in item.items():
                if method in ("parameters", "summary", "description", "servers") or not isinstance(operation, dict):
                    continue
                for parameter in shared + operation.get("parameters", []):
                    stack.append(self._component(parameter, "parameters").get("schema", {}))
                body = self._component(operation.get("requestBody", {}), "requestBodies")
                stack += [media.get("schema", {}) for media in body.get("content", {}).values()]
        visited = set()
        while stack:
            schema = stack.pop()
            if not isinstance(schema, dict) or id(schema) in visited:
                continue
            visited.add(id(schema))
            ref = schema.get("$ref")
            if isinstance(ref, str) and ref.startswith(PREFIX):
                reached.add(ref[len(PREFIX):])
                stack.append(self.schemas.get(ref[len(PREFIX):], {}))
            stack += list(schema.get("properties", {}).values())
            stack += schema.get("allOf", []) + schema.get("oneOf", []) + schema.get("anyOf", [])
            for key in ("items", "additionalProperties"):
                if isinstance(schema.get(key), dict):
                    stack.append(schema[key])
        return reached

    def _component(self, thing, kind):
        ref = thing.get("$ref") if isinstance(thing, dict) else None
        prefix = f"#/components/{kind}/"
        if isinstance(ref, str) and ref.startswith(prefix):
            return self.document["components"][kind][ref[len(prefix):]]
        return thing if isinstance(thing, dict) else {}
