#!/usr/bin/env python3
"""Links promptscan statically from the objects of an existing debug build.

CI builds promptscan in debug for its tests; a release build would compile every module a second
time (minutes). This script takes the debug build's own link command for the promptscan product
from SwiftPM's build manifest (.build/debug.yaml), writes the output elsewhere and adds what
`--static-swift-stdlib` adds at link time: the static Swift runtime, Foundation and its parts (which
the debug objects name as shared libraries), and libgcc linked in. A folder of .a archives given
with --archives is searched first, so -lpcre2-8, -lz and -lstdc++ find the archives.
`scripts/release.sh --from-debug-build` packages the result exactly as it packages a release build.

Usage: link_debug_static.py MANIFEST OUTPUT [--archives DIR]
Exit codes: 0 linked, 2 the manifest has no promptscan link command, 1 the link failed.
"""

import json
import re
import subprocess
import sys

# What the static Foundation needs beyond the libraries the objects name (the toolchain's
# static-stdlib-args.lnk names the runtime's own), in link order.
STATIC_FOUNDATION = [
    "-lFoundation",
    "-lFoundationInternationalization",
    "-lFoundationEssentials",
    "-lCoreFoundation",
    "-l_FoundationICU",
    "-l_FoundationCShims",
    "-l_FoundationCollections",
    "-lswiftSynchronization",
    # ICU is C++: with libstdc++ from its archive it has to come after the libraries that need it.
    "-lstdc++",
]


def link_arguments(manifest_text):
    """The args list of the promptscan executable's link command, or None."""
    lines = manifest_text.splitlines()
    header = re.compile(r'^  "C\.promptscan-[^"]*-debug\.exe":$')
    for index, line in enumerate(lines):
        if not header.match(line):
            continue
        for following in lines[index + 1 : index + 12]:
            stripped = following.strip()
            if stripped.startswith("args: "):
                return json.loads(stripped[len("args: ") :])
            if not stripped:
                break
    return None


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--archives"):
        print("usage: link_debug_static.py MANIFEST OUTPUT [--archives DIR]", file=sys.stderr)
        return 64
    manifest, output = argv[1], argv[2]
    archives = argv[4] if len(argv) == 5 else None
    try:
        with open(manifest, encoding="utf-8") as handle:
            arguments = link_arguments(handle.read())
    except OSError as error:
        print(f"link_debug_static.py: {manifest}: {error.strerror}", file=sys.stderr)
        return 2
    if not arguments or "-o" not in arguments:
        print(f"link_debug_static.py: {manifest}: no link command for the promptscan product (build it in debug first)", file=sys.stderr)
        return 2
    arguments[arguments.index("-o") + 1] = output
    compiler, rest = arguments[0], arguments[1:]
    searched_first = ["-L", archives] if archives else []
    command = [compiler, *searched_first, *rest, "-static-stdlib", *STATIC_FOUNDATION, "-Xclang-linker", "-static-libgcc"]
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        print(f"link_debug_static.py: the static link failed: {errors[0] if errors else result.returncode}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
