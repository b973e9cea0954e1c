"""Mutations at the boundary of every constraint of a schema, applied to one valid base instance.

Sites are found by walking the base with the schema: the root, every member and the first item of every array.
At each site: wrong types (null included), and per keyword values at and beyond the edge -- minLength/maxLength
+-1 (in ASCII, astral, precomposed and combining characters, as lengths count code points), pattern breakers (a
trailing "\\n", "\\r", U+2028, U+0085, a NUL, ...), minimum/maximum and exclusive bounds at, just inside and just
beyond the edge, multipleOf off by a little (and by less than a double can see), enum values changed, formats at
their edges, integers beyond int64 and int32 and in float spellings. At each object: every member removed, every
declared member the base lacks added (readOnly and writeOnly ones too), an undeclared member added. At a
discriminated union: the tag removed, changed, of another type, or the schema's name (implicit mapping).
"""

import copy
import decimal
from decimal import Decimal

from build import Builder, bounds
from raw import Raw

PREFIX = "#/components/schemas/"
INT64 = (-(1 << 63), (1 << 63) - 1)
INT32 = (-(1 << 31), (1 << 31) - 1)
decimal.getcontext().prec = 200  # "off by step*1e-20" must stay off, not round back onto the multiple

FORMAT_MUTATIONS = {
    "date-time": [
        "2024-02-29T23:59:59Z", "2023-02-29T12:00:00Z", "2024-04-31T12:00:00Z", "2024-13-01T12:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2016-12-31T23:59:60Z", "2024-01-01T12:00:60Z",
        "2024-01-01t12:00:00z", "2024-01-01 12:00:00Z", "2024-01-01T12:00:00", "2024-01-01T12:00:00+01:00",
        "2024-01-01T12:00:00-23:59", "2024-01-01T12:00:00+24:00", "2024-01-01T12:00:00+0100", "2024-01-01T12:00:00.Z",
        "2024-01-01T12:00:00.123456789Z", "2024-01-01T12:00:00.1234564999Z", "2024-01-01T12:00:00Z\n",
        " 2024-01-01T12:00:00Z", "2024-01-01T12:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.999999Z", "\uff12024-01-01T12:00:00Z",
        "2024-01-01", "20240101T120000Z",
    ],
    "date": ["2024-02-29", "2023-02-29", "2024-1-01", "2024-01-01T00:00:00Z", "0000-01-01", "2024-01-01\n"],
    "email": [
        "a@example.com", "a", "a@", "@example.com", "a@b", "a@b.c", "a@@example.com", "a.@example.com",
        "a..b@example.com", ".a@example.com", "a b@example.com", "a@-example.com", "a@example-.com", "a@example..com",
        "a@example.123", "\u00e9@example.com", "a@\u00e9xample.com", "a@example.com\n", '"a b"@example.com',
        "a+b@example.com", "a@[192.0.2.1]", "x" * 64 + "@example.com", "x" * 65 + "@example.com",
        "a@" + "x" * 63 + ".com", "a@" + "x" * 64 + ".com", "a@" + ".".join(["x" * 60] * 4) + ".com",
    ],
    "uuid": ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
             "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}", "123e4567"],
    "ipv4": ["192.0.2.1", "256.0.0.1", "01.0.0.1", "1.2.3", "1.2.3.4\n"],
    "ipv6": ["2001:db8::1", "::", "2001:db8::g", "1.2.3.4"],
}


def mutations(reference, name, valid_drawn):
    direction = reference.direction(name)
    root = {"$ref": PREFIX + name}
    builder = Builder(reference, direction, 20260707)
    built = builder.build(root)
    if reference.is_valid(name, built):
        base, label = built, "base (built)"
    elif valid_drawn:
        base, label = max(valid_drawn, key=lambda v: len(str(v))), "base (largest valid hypothesis instance)"
    else:
        base, label = built, "base (built; the reference refuses it)"
    out = [(label, base)]
    for path, schema, value in sites(reference, root, base, []):
        where = "at /" + "/".join(str(p) for p in path)
        for what, replacement in value_mutations(reference, schema, value):
            out.append((f"{what} {where}", replace(base, path, replacement)))
        for what, mutated in object_mutations(reference, builder, schema, value):
            out.append((f"{what} {where}", replace(base, path, mutated)))
    return out


def sites(reference, schema, value, path):
    """(path, resolved schema, value) for every place in `value` that a schema governs."""
    schema, _ = reference.resolve(schema)
    yield path, schema, value
    alternatives = schema.get("oneOf", []) + schema.get("anyOf", [])
    if alternatives:
        discriminator = schema.get("discriminator")
        chosen = None
        if isinstance(discriminator, dict) and isinstance(value, dict):
            tag = value.get(discriminator["propertyName"])
            ref = discriminator.get("mapping", {}).get(tag)
            chosen = {"$ref": ref} if ref else None
        else:
            chosen = next((a for a in alternatives if reference.accepts(a, value)), None)
        if chosen is not None:
            yield from sites(reference, chosen, value, path)  # the same path again: repeats are dropped later
        return
    if isinstance(value, dict):
        properties, _, additional = reference.object_view(schema)
        for key, item in value.items():
            member = properties.get(key, additional if isinstance(additional, dict) else None)
            if member is not None:
                yield from sites(reference, member, item, path + [key])
    elif isinstance(value, list) and value and isinstance(schema.get("items"), dict):
        yield from sites(reference, schema["items"], value[0], path + [0])


def value_mutations(reference, schema, value):
    out = [("null", None), ("true", True), ("0", 0), ("1.5", 1.5), ('"text"', "text"), ("[]", []), ("{}", {})]
    types = reference.types(schema)
    if "enum" in schema:
        for option in schema["enum"]:
            out.append((f"enum value {option!r}", option))
            if isinstance(option, str):
                out += [(f"enum {option!r} changed", changed) for changed in
                        (option + "x", option.upper(), option.capitalize(), " " + option, option + "\n", option[:-1])]
    if "string" in types or (not types and isinstance(value, str)):
        out += string_mutations(schema, value if isinstance(value, str) else "a")
    if "integer" in types:
        out += integer_mutations(reference, schema)
    elif "number" in types:
        out += number_mutations(reference, schema)
    return out


def string_mutations(schema, value):
    # NUL in place of the last character: the same length, so only the NUL can be wrong with it.
    out = [("NUL for the last character", value[:-1] + "\u0000"), ("empty string", "")]
    fill = value[:1] or "a"
    for keyword, delta in (("minLength", -1), ("minLength", 0), ("maxLength", 0), ("maxLength", 1)):
        if keyword not in schema:
            continue
        length = schema[keyword] + delta
        if length < 0:
            continue
        sign = f"{delta:+d}" if delta else ""
        out.append((f"{keyword}{sign} ({length} x {fill!r})", fill * length))
        out.append((f"{keyword}{sign} ({length} astral)", "\U0001F600" * length))
        out.append((f"{keyword}{sign} ({length} precomposed)", "\u00e9" * length))
        out.append((f"{keyword}{sign} ({length} code points, combining)", "e\u0301" * (length // 2) + "e" * (length % 2)))
    if "pattern" in schema:
        for what, text in (("trailing \\n", value + "\n"), ("trailing \\r\\n", value + "\r\n"), ("trailing \\r", value + "\r"),
                           ("trailing U+2028", value + "\u2028"), ("trailing U+0085", value + "\u0085"),
                           ("leading \\n", "\n" + value), ("trailing !", value + "!"), ("trailing space", value + " "),
                           ("only \\n", "\n"), ("trailing NUL", value + "\u0000"), ("astral", value + "\U0001F600")):
            out.append((f"pattern breaker: {what}", text))
    for text in FORMAT_MUTATIONS.get(schema.get("format"), []):
        out.append((f"format {schema['format']}: {text!r}", text))
    return out


def integer_mutations(reference, schema):
    out = []
    low, high = bounds(reference, schema)
    for edge in (low, high):
        if edge is not None:
            b = int(edge[0])
            out += [(f"bound {b}{d:+d}", b + d) for d in (-1, 0, 1)]
    if "multipleOf" in schema:
        step = int(schema["multipleOf"])
        out += [("multipleOf x7", step * 7), ("multipleOf x7 + 1", step * 7 + 1)]
    limits = INT32 if schema.get("format") == "int32" else INT64
    for edge in limits:
        out += [(f"integer limit {edge}{d:+d}", edge + d) for d in (-1, 0, 1)]
    out += [("beyond 64 bits", 10**20), ("far beyond 64 bits", -(10**40))]
    for text in ("1.0", "-0", "-0.0", "1e2", "1E+2", "100e-2", "1.5", "1e400", "9223372036854775807.0",
                 "9.223372036854775807e18", "9007199254740993.0", "9007199254740993e0", "-9223372036854775808.0",
                 "12345678901234567890123e-10", "1e-400", "1.0000000000000000000001", "1e19"):
        out.append((f"integer spelt {text}", Raw(text)))
    return out


def number_mutations(reference, schema):
    out = []
    low, high = bounds(reference, schema)
    step = Decimal(str(schema["multipleOf"])) if "multipleOf" in schema else None
    tiny = step / 1000 if step else Decimal("0.001")
    for edge in (low, high):
        if edge is not None:
            b = edge[0]
            out += [(f"bound {b} {d:+}", Raw(str(b + d))) for d in (-tiny, Decimal(0), tiny)]
    if step is not None:
        k = step * 2000000001
        out += [("multipleOf x2000000001", Raw(str(k))), ("multipleOf off by step/1000", Raw(str(k + tiny))),
                ("multipleOf off by step*1e-20", Raw(str(k + step * Decimal("1e-20")))),
                ("multipleOf x3, exponent spelling", Raw(f"{step * 3}e0")), ("multipleOf x1e30", Raw(str(step * Decimal("1e30"))))]
    for text in ("-0.0", "1e308", "1e400", "-1e400", "5e-324", "1e-400", "1E2", "12345678901234567890123456789012345678901234567890"):
        out.append((f"number spelt {text}", Raw(text)))
    return out


def object_mutations(reference, builder, schema, value):
    out = []
    if isinstance(value, dict):
        alternatives = schema.get("oneOf", []) + schema.get("anyOf", [])
        discriminator = schema.get("discriminator")
        if alternatives and isinstance(discriminator, dict):
            prop = discriminator["propertyName"]
            without = {k: v for k, v in value.items() if k != prop}
            out.append((f"discriminator {prop!r} removed", without))
            tags = list(discriminator.get("mapping", {}).items())
            for tag, ref in tags:
                out.append((f"discriminator tag {tag!r}", dict(value, **{prop: tag})))
                out.append((f"discriminator tag {ref.rsplit('/', 1)[-1]!r} (implicit, schema name)", dict(value, **{prop: ref.rsplit("/", 1)[-1]})))
            for bad in ("", "unknown", str(value.get(prop, "")).upper(), 5, None, True):
                out.append((f"discriminator tag {bad!r}", dict(value, **{prop: bad})))
            return out
        properties, required, additional = reference.object_view(schema)
        if properties:
            for key in value:
                kind = "required" if key in required else "optional"
                out.append((f"{kind} member {key!r} removed", {k: v for k, v in value.items() if k != key}))
            for key, member in properties.items():
                if key not in value:
                    flags = [f for f in ("readOnly", "writeOnly") if reference.resolve(member)[0].get(f) is True]
                    added = builder.build(member, 2)
                    out.append((f"member {key!r} added{' (' + ', '.join(flags) + ')' if flags else ''}", dict(value, **{key: added})))
        kind = "additionalProperties false" if additional is False else "undeclared"
        out.append((f"{kind} member added", dict(value, extra_member=1)))
    elif isinstance(value, list):
        item = value[0] if value else None
        for keyword, delta in (("minItems", -1), ("minItems", 0), ("maxItems", 0), ("maxItems", 1)):
            if keyword in schema and item is not None and schema[keyword] + delta >= 0:
                out.append((f"{keyword}{delta:+d}", [item] * (schema[keyword] + delta)))
        out.append(("empty array", []))
        if item is not None:
            out.append(("item repeated", [item, item]))
    return out


def replace(base, path, replacement):
    if not path:
        return copy.deepcopy(replacement)
    result = copy.deepcopy(base)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = copy.deepcopy(replacement)
    return result
