"""Valid-looking instances from hypothesis-jsonschema, which reads JSON Schema draft 4-7, not OpenAPI.

The component schema is rewritten first: local `$ref`s inlined (a recursive schema is skipped, with the reason),
3.0's `nullable: true` turned into a type union (and `null` added to an `enum`), a discriminated `oneOf`/`anyOf`
turned into one alternative per mapping entry with its tag as a `const` (so most draws pick a real tag), and in a
3.0 document the members the direction leaves out dropped (readOnly ones in request types, writeOnly ones in
response types). The verdict still comes from the reference on the original schema.
"""

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis_jsonschema import from_schema

OPENAPI_ONLY = {"discriminator", "readOnly", "writeOnly", "xml", "example", "externalDocs", "deprecated", "nullable"}


class Recursive(Exception):
    pass


def draft7(reference, schema, direction, stack=()):
    """The schema as plain JSON Schema draft 7, refs inlined."""
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        ref = schema["$ref"]
        name = ref.rsplit("/", 1)[-1]
        if name in stack:
            raise Recursive(f"{' -> '.join(stack + (name,))} is recursive")
        target = draft7(reference, reference.schemas[name], direction, stack + (name,))
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        if reference.is30 or not siblings:
            return target  # 3.0 ignores a $ref's siblings
        return {"allOf": [target, draft7(reference, siblings, direction, stack)]}
    out = {}
    for key, value in schema.items():
        if key in OPENAPI_ONLY:
            continue
        if key == "properties":
            out[key] = {p: draft7(reference, s, direction, stack) for p, s in value.items() if not _left_out(reference, s, direction)}
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            out[key] = draft7(reference, value, direction, stack)
        elif key in ("allOf", "oneOf", "anyOf"):
            out[key] = [draft7(reference, s, direction, stack) for s in value]
        else:
            out[key] = value
    if "required" in out and "properties" in schema:
        dropped = {p for p, s in schema["properties"].items() if _left_out(reference, s, direction)}
        out["required"] = [p for p in out["required"] if p not in dropped]
    if reference.is30 and schema.get("nullable") is True and "type" in out:
        out["type"] = [out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    discriminator = schema.get("discriminator")
    if isinstance(discriminator, dict) and discriminator.get("mapping"):
        keyword = "oneOf" if "oneOf" in schema else "anyOf"
        prop = discriminator["propertyName"]
        out[keyword] = [
            {"allOf": [draft7(reference, {"$ref": ref}, direction, stack), {"properties": {prop: {"const": tag}}, "required": [prop]}]}
            for tag, ref in discriminator["mapping"].items()
        ]
    return out


def _left_out(reference, schema, direction):
    if not reference.is30 or not isinstance(schema, dict):
        return False
    resolved = schema
    return (direction == "request" and resolved.get("readOnly") is True) or (direction == "response" and resolved.get("writeOnly") is True)


def hypothesis_instances(reference, name, count, the_seed):
    """`count` instances (cases.py drops repeats), or none and the reason."""
    try:
        schema = draft7(reference, {"$ref": "#/components/schemas/" + name}, reference.direction(name))
    except Recursive as error:
        return [], str(error)
    found = []

    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @seed(the_seed)
    @given(from_schema(schema, codec="utf-8"))
    def collect(value):
        found.append(value)

    collect()
    return found, None
