#!/usr/bin/env bash
# Builds the DocC catalog of the ScalingLaws module with the toolchain's own `docc` (no package
# plugin) and fails on any warning, then checks that the landing page curates every public
# top-level symbol, so that no new type lands without a place in the documentation.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/symbols"
swift build --target ScalingLaws --scratch-path .build-docc \
    -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$work/symbols" > "$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
docc convert Sources/ScalingLaws/ScalingLaws.docc --additional-symbol-graph-dir "$work/symbols" \
    --fallback-display-name ScalingLaws --fallback-bundle-identifier org.scalinglaws.ScalingLaws \
    --output-dir "$work/ScalingLaws.doccarchive" --warnings-as-errors

python3 - "$work/symbols/ScalingLaws.symbols.json" Sources/ScalingLaws/ScalingLaws.docc <<'PY'
import json, pathlib, re, sys
graph = json.load(open(sys.argv[1]))
top = sorted({s["pathComponents"][0] for s in graph["symbols"] if len(s["pathComponents"]) == 1})
text = "\n".join(p.read_text() for p in pathlib.Path(sys.argv[2]).glob("*.md") if not p.is_symlink())
curated = set(re.findall(r"``([^`]+?)(?:->[^`]*)?``", text))
curated |= {c.split("(")[0] + "(" + c.split("(", 1)[1] if "(" in c else c for c in curated}
missing = [name for name in top if name not in curated]
assert not missing, "public symbols missing from the DocC landing page's topics: %s" % ", ".join(missing)
print("docc: catalog built without warnings; %d public top-level symbols, all curated" % len(top))
PY
