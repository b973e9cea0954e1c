"""JSON text with literals Python's json module cannot write: `Raw("1e400")`, `Raw("1.0e0")` stay as written."""

import json


class Raw:
    """A JSON literal written verbatim (a number whose text matters, or an already serialised value)."""

    def __init__(self, text):
        json.loads(text)  # must be one JSON value
        self.text = text

    def __repr__(self):
        return f"Raw({self.text!r})"

    def __eq__(self, other):
        return isinstance(other, Raw) and other.text == self.text

    def __hash__(self):
        return hash(self.text)


def dumps(value):
    """Compact JSON, ASCII only (non-ASCII as \\u escapes), keys in insertion order, `Raw` verbatim."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(_string(key) + ":" + dumps(item) for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(item) for item in value) + "]"
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value, allow_nan=False)


def _string(text):
    text.encode("utf-8")  # raises on a lone surrogate, which JSON parsers (ours included) refuse
    return json.dumps(text, ensure_ascii=True)
