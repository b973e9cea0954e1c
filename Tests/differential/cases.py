"""Cases for the differential test of the generated validating decoders (GeneratedBehaviourTests/DifferentialTests).

For every component schema of openapi.yaml and of Tests/GeneratedBehaviourTests/behaviour.yaml (each has a generated
Swift type), writes instances -- valid-looking ones drawn by hypothesis-jsonschema and mutations at the boundary of
every constraint -- each labelled with openapi-schema-validator's verdict. Deterministic for a given seed.

    python3 Tests/differential/cases.py --out cases.json [--seed N] [--examples N]

The reference (see reference.py for the choices: validator class, direction, formats) judges each instance against
the whole document. The output is one JSON list of objects:

    document   "openapi.yaml" or "behaviour.yaml"
    openapi    the document's OpenAPI version ("3.1.0", "3.0.3")
    schema     the component schema's name
    instance   the JSON value (numbers exactly as written here: 1.0 stays 1.0, 1e400 stays 1e400)
    valid      the reference's verdict
    label      where the instance came from: "hypothesis #3", "maxLength+1 at /name", ...
    errors     the reference's errors as "keyword at /pointer" (empty when valid)
    expected   when valid: what the decoded value must encode back to (see expected.py)
    datetimes  when valid: pointers of `format: date-time` strings in `expected` (compared as instants)
    doubles    when valid: pointers of `type: number` values in `expected` (compared as Doubles)
"""

import argparse
import json
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the work tree

import yaml  # noqa: E402

from expected import expected_output  # noqa: E402
from generate import hypothesis_instances  # noqa: E402
from mutate import mutations  # noqa: E402
from raw import Raw, dumps  # noqa: E402
from reference import Reference  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
DOCUMENTS = [
    ("openapi.yaml", os.path.join(ROOT, "openapi.yaml")),
    ("behaviour.yaml", os.path.join(ROOT, "Tests", "GeneratedBehaviourTests", "behaviour.yaml")),
]


def main():
    # Sets iterate in hash order, and hypothesis-jsonschema builds strategies from sets: a fixed hash seed makes the
    # cases depend on --seed alone.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the cases file to write")
    parser.add_argument("--seed", type=int, default=20260707, help="hypothesis seed (default 20260707)")
    parser.add_argument("--examples", type=int, default=60, help="hypothesis examples per schema (default 60)")
    args = parser.parse_args()

    cases, skipped = [], []
    for document_name, path in DOCUMENTS:
        with open(path, encoding="utf-8") as file:
            document = yaml.safe_load(file)
        reference = Reference(document)
        for name in document.get("components", {}).get("schemas", {}):
            seed = args.seed ^ zlib.crc32(f"{document_name}#{name}".encode())
            drawn, reason = hypothesis_instances(reference, name, args.examples, seed)
            if reason:
                skipped.append(f"{document_name} {name}: no hypothesis instances ({reason}); mutations only")
            candidates = [(f"hypothesis #{i}", value) for i, value in enumerate(drawn)]
            candidates += mutations(reference, name, [value for value in drawn if reference.is_valid(name, value)])
            seen = set()
            for label, value in candidates:
                text = dumps(value)
                if text in seen:
                    continue
                seen.add(text)
                parsed = json.loads(text)  # what the reference judges: the same text the Swift side parses
                try:
                    errors = reference.errors(name, parsed)
                except Exception as error:  # noqa: BLE001 - a reference crash is reported, not labelled
                    skipped.append(f"{document_name} {name} {label}: the reference raised {type(error).__name__}: {error}")
                    continue
                case = {"document": document_name, "openapi": reference.version, "schema": name, "instance": Raw(text),
                        "valid": not errors, "label": label, "errors": errors}
                if not errors:
                    case["expected"], pointers = expected_output(reference, name, parsed, value)
                    case.update(pointers)
                cases.append(case)

    with open(args.out, "w", encoding="utf-8") as file:
        file.write("[\n" + ",\n".join(dumps(case) for case in cases) + "\n]\n")
    for line in skipped:
        print(f"cases.py: {line}", file=sys.stderr)
    by_document = {}
    for case in cases:
        counts = by_document.setdefault(case["document"], [0, 0])
        counts[0 if case["valid"] else 1] += 1
    summary = ", ".join(f"{doc}: {v + i} ({v} valid, {i} invalid)" for doc, (v, i) in by_document.items())
    print(f"cases.py: wrote {len(cases)} cases to {args.out} -- {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
