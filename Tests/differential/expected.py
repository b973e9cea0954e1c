"""What a valid instance must encode back to after decoding (decode -> jsonValue), as the spec allows it to differ.

Starting from the instance, in every object that decodes to a generated struct (an object schema with properties,
allOf members merged):
  - members the schema does not declare are dropped, unless additionalProperties is a schema (then the struct
    keeps them in a dictionary, each as that schema decodes it; where it is false they made the instance invalid);
  - writeOnly members are dropped (generated `jsonValue` never writes them: they are secrets, never echoed);
  - an absent optional member whose schema (or the component it $refs) has a non-null `default` is added with it.
Free-form objects (no properties: `[String: JSONValue]`) and `{}` schemas (`JSONValue`) come back whole.
Also returned, as JSON pointers into `expected`: the `format: date-time` strings, which come back as the same
instant written in UTC with microseconds, and the numbers of `type: number` members, which come back as the Double
nearest to them (the Swift side compares these as instants and as Doubles; see Differential+Compare.swift).
Member order and the spelling of every other number are left to the Swift side's comparison (exact values).
"""

import copy

PREFIX = "#/components/schemas/"


def expected_output(reference, name, parsed, value):
    """(expected, {"datetimes": [pointer...], "doubles": [pointer...]})"""
    walker = _Walker(reference)
    expected = walker.walk({"$ref": PREFIX + name}, value, parsed, "")
    return expected, {"datetimes": walker.datetimes, "doubles": walker.doubles}


class _Walker:
    def __init__(self, reference):
        self.reference = reference
        self.datetimes = []
        self.doubles = []

    def walk(self, schema, value, parsed, pointer):
        schema, _ = self.reference.resolve(schema)
        if value is None or not isinstance(schema, dict):
            return value
        alternatives = schema.get("oneOf", []) + schema.get("anyOf", [])
        if alternatives:
            return self.walk(self._alternative(schema, alternatives, parsed), value, parsed, pointer)
        if isinstance(value, dict):
            return self._object(schema, value, parsed, pointer)
        if isinstance(value, list):
            items = schema.get("items", {})
            return [self.walk(items, v, p, f"{pointer}/{i}") for i, (v, p) in enumerate(zip(value, parsed))]
        if isinstance(value, str) and schema.get("format") == "date-time":
            self.datetimes.append(pointer)
        types = self.reference.types(schema)
        if "number" in types and "integer" not in types and not isinstance(value, (bool, str)):
            self.doubles.append(pointer)
        return value

    def _object(self, schema, value, parsed, pointer):
        properties, required, additional = self.reference.object_view(schema)
        if not properties:
            if isinstance(additional, dict):
                return {k: self.walk(additional, v, parsed[k], _join(pointer, k)) for k, v in value.items()}
            return copy.deepcopy(value)
        out = {}
        for key, item in value.items():
            member = properties.get(key)
            if member is None:
                # Kept beside the declared members when additionalProperties is a schema (a [String: T] member).
                if isinstance(additional, dict):
                    out[key] = self.walk(additional, item, parsed[key], _join(pointer, key))
                continue
            if self.reference.resolve(member)[0].get("writeOnly") is True:
                continue
            out[key] = self.walk(member, item, parsed[key], _join(pointer, key))
        for key, member in properties.items():
            if key in value or key in required:
                continue
            default = member.get("default") if isinstance(member, dict) else None
            if default is None:
                default = self.reference.resolve(member)[0].get("default")
            if default is not None and self.reference.resolve(member)[0].get("writeOnly") is not True:
                out[key] = copy.deepcopy(default)
                self.walk(member, out[key], out[key], _join(pointer, key))
        return out

    def _alternative(self, schema, alternatives, parsed):
        """The alternative the generated decoder takes: the discriminator's, else the first that accepts."""
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(parsed, dict):
            tag = parsed.get(discriminator["propertyName"])
            return {"$ref": discriminator.get("mapping", {}).get(tag) or PREFIX + str(tag)}
        for alternative in alternatives:
            if self.reference.accepts(alternative, parsed):
                return alternative
        return {}


def _join(pointer, key):
    return pointer + "/" + str(key).replace("~", "~0").replace("/", "~1")
