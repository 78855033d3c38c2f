#!/usr/bin/env python3
"""Copy Wycheproof test vectors into tests/vectors/wycheproof/, data only.

Reads every *.json in SOURCE (default /work/shared/vectors/wycheproof) and
writes tests/vectors/wycheproof/<same name>.json keeping only what a test
runs on: the algorithm, the test count, the group parameters (sizes, curve,
hash, public key values) and, per test, tcId, the hex inputs and the result.
Comments, notes, flags, headers and redundant key encodings (DER, PEM, JWK)
are dropped. The LICENSE file is copied as is.

tests/unit/crypto/wycheproof_files_test.cpp applies the same rules to check
that the committed files still match the source. Output is deterministic:
keys in source order, one test case per line.

Usage: scripts/convert-wycheproof.py [SOURCE] [DEST]
"""

import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = pathlib.Path("/work/shared/vectors/wycheproof")
DEFAULT_DEST = ROOT / "tests" / "vectors" / "wycheproof"

TOP_KEEP = ("algorithm", "numberOfTests")
GROUP_DROP = {"source", "publicKeyDer", "publicKeyPem", "publicKeyJwk", "tests"}
TEST_DROP = {"comment", "flags"}


def convert(doc):
    groups = []
    for group in doc["testGroups"]:
        out = {k: v for k, v in group.items() if k not in GROUP_DROP}
        out["tests"] = [{k: v for k, v in t.items() if k not in TEST_DROP} for t in group["tests"]]
        groups.append(out)
    result = {k: doc[k] for k in TOP_KEEP if k in doc}
    result["testGroups"] = groups
    return result


def dump(doc):
    """JSON with one test per line, so diffs stay readable."""
    lines = ["{"]
    for k in TOP_KEEP:
        if k in doc:
            lines.append(f"  {json.dumps(k)}: {json.dumps(doc[k])},")
    lines.append('  "testGroups": [')
    for gi, group in enumerate(doc["testGroups"]):
        lines.append("    {")
        for k, v in group.items():
            if k != "tests":
                lines.append(f"      {json.dumps(k)}: {json.dumps(v)},")
        lines.append('      "tests": [')
        tests = group["tests"]
        for ti, t in enumerate(tests):
            sep = "," if ti + 1 < len(tests) else ""
            lines.append(f"        {json.dumps(t)}{sep}")
        lines.append("      ]")
        lines.append("    }" + ("," if gi + 1 < len(doc["testGroups"]) else ""))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv):
    source = pathlib.Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    dest = pathlib.Path(argv[2]) if len(argv) > 2 else DEFAULT_DEST
    files = sorted(source.glob("*.json"))
    if not files:
        print(f"no *.json in {source}", file=sys.stderr)
        return 1
    dest.mkdir(parents=True, exist_ok=True)
    for path in files:
        doc = convert(json.loads(path.read_text()))
        count = sum(len(g["tests"]) for g in doc["testGroups"])
        (dest / path.name).write_text(dump(doc))
        print(f"{path.name}: {count} cases")
    shutil.copyfile(source / "LICENSE", dest / "LICENSE")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
