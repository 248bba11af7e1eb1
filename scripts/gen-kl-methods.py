#!/usr/bin/env python3
"""Writes Tools/kl/MethodRegistry+All.swift: every rpc of proto/**/*_service.proto with its types.
Run by `make proto` after generating the Swift code, so kl knows every method the contracts have."""
import glob, os, re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = []
for path in sorted(glob.glob(os.path.join(root, "proto/kunskapsloop/*/v1/*_service.proto"))):
    src = open(path, encoding="utf-8").read()
    area = re.search(r"package\s+kunskapsloop\.(\w+)\.v1;", src).group(1)
    prefix = "Kunskapsloop_%s_V1_" % area.capitalize()
    for m in re.finditer(r"rpc\s+(\w+)\s*\(\s*(\w+)\s*\)\s*returns\s*\(\s*(\w+)\s*\)", src):
        rows.append((area, m.group(1), prefix + m.group(2), prefix + m.group(3)))
lines = ["// Generated from proto/**/*_service.proto by scripts/gen-kl-methods.py; do not edit.",
         "import Contracts", "", "extension MethodRegistry {", "    static let all: [String: MethodRegistry.Entry] = ["]
lines += ['        "%s.%s": .init(%s.self, %s.self),' % row for row in rows]
lines += ["    ]", "}", ""]
open(os.path.join(root, "Tools/kl/MethodRegistry+All.swift"), "w", encoding="utf-8").write("\n".join(lines))
