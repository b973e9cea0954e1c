"""A base instance to mutate: every declared member present (the direction's leaving out readOnly or writeOnly ones
in a 3.0 document), each leaf a plain value inside its constraints. Works for recursive schemas (bounded depth)."""

from decimal import Decimal

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

PREFIX = "#/components/schemas/"
FORMAT_SAMPLES = {
    "date-time": "2024-02-29T23:59:59.123456Z",
    "date": "2024-02-29",
    "email": "user@example.com",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uri": "https://example.com/a",
    "hostname": "example.com",
}


class Builder:
    def __init__(self, reference, direction, the_seed):
        self.reference = reference
        self.direction = direction
        self.seed = the_seed

    def build(self, schema, depth=0, stack=()):
        schema, names = self.reference.resolve(schema)
        if any(n in stack for n in names):
            depth += 2  # recursion: only required members from here on, soon none
        stack = stack + names
        alternatives = schema.get("oneOf", []) + schema.get("anyOf", [])
        if alternatives:
            discriminator = schema.get("discriminator")
            if isinstance(discriminator, dict) and discriminator.get("mapping"):
                tag, ref = next(iter(discriminator["mapping"].items()))
                value = self.build({"$ref": ref}, depth + 1, stack)
                if isinstance(value, dict):
                    value[discriminator["propertyName"]] = tag
                return value
            return self.build(alternatives[0], depth + 1, stack)
        if "enum" in schema:
            return next((v for v in schema["enum"] if v is not None), None)
        if "const" in schema:
            return schema["const"]
        types = self.reference.types(schema) - {"null"}
        properties, required, _ = self.reference.object_view(schema)
        if "object" in types or properties or (not types and schema.get("allOf")):
            value = {}
            for key, member in properties.items():
                if self.left_out(member) or (depth > 3 and key not in required):
                    continue
                value[key] = self.build(member, depth + 1, stack)
            return value
        if "array" in types:
            count = max(schema.get("minItems", 0), 1 if depth <= 3 else 0)
            if "maxItems" in schema:
                count = min(count, schema["maxItems"])
            return [self.build(schema.get("items", {}), depth + 1, stack) for _ in range(count)]
        if "string" in types:
            return self.string(schema)
        if "integer" in types:
            return int(self.number(schema, integer=True))
        if "number" in types:
            return float(self.number(schema, integer=False))
        if "boolean" in types:
            return True
        return "any"

    def left_out(self, member):
        if not self.reference.is30:
            return False
        member, _ = self.reference.resolve(member)
        flag = "readOnly" if self.direction == "request" else "writeOnly"
        return member.get(flag) is True

    def string(self, schema):
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        if schema.get("format") in FORMAT_SAMPLES:
            return FORMAT_SAMPLES[schema["format"]]
        if "pattern" in schema:
            strategy = st.from_regex(schema["pattern"], alphabet=st.characters(codec="utf-8", min_codepoint=32))
            strategy = strategy.filter(lambda s: low <= len(s) <= (high if high is not None else 1 << 30))
            return first_example(strategy, self.seed)
        text = "text"
        text = text * (low // len(text) + 1) if len(text) < low else text
        return text if high is None else text[:high]

    def number(self, schema, integer):
        step = Decimal(str(schema.get("multipleOf", 1)))
        value = step * 3
        low, high = bounds(self.reference, schema)
        if low is not None and value <= low[0]:
            value = (low[0] // step + 1) * step
        if high is not None and value >= high[0]:
            value = (high[0] // step - 1) * step
        return value if not integer else value.to_integral_value()


def bounds(reference, schema):
    """((lower, exclusive), (upper, exclusive)) as Decimals, either None; 3.0's boolean exclusives and 3.1's numbers."""
    def one(plain, exclusive):
        values = []
        if isinstance(schema.get(plain), (int, float)):
            values.append((Decimal(str(schema[plain])), reference.is30 and schema.get(exclusive) is True))
        if not reference.is30 and isinstance(schema.get(exclusive), (int, float)) and not isinstance(schema.get(exclusive), bool):
            values.append((Decimal(str(schema[exclusive])), True))
        return values
    lows, highs = one("minimum", "exclusiveMinimum"), one("maximum", "exclusiveMaximum")
    return (max(lows) if lows else None), (min(highs) if highs else None)


def first_example(strategy, the_seed):
    found = []

    @settings(max_examples=1, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @seed(the_seed)
    @given(strategy)
    def collect(value):
        found.append(value)

    collect()
    return found[0]
