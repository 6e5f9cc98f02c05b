#!/usr/bin/env python3
"""Builds a platform wheel that puts a prebuilt promptscan binary on PATH (as kingfisher-bin does).

usage: build_wheel.py BINARY VERSION OUTPUT-DIR [--license FILE] [--readme FILE]

The wheel `promptscan_bin-VERSION-py3-none-manylinux_2_X_ARCH.whl` carries the binary as a script
(`promptscan_bin-VERSION.data/scripts/promptscan`), which pip installs into the environment's bin
folder. X is the newest glibc symbol version the binary uses (read with objdump), so pip installs
it only where that glibc exists. Standard library only; the output is the same for the same input.
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
import zipfile

NAME = "promptscan_bin"
DIST = "promptscan-bin"
# A fixed timestamp for every entry, so that the same binary gives the same wheel.
STAMP = (2026, 1, 1, 0, 0, 0)


def glibc_tag(binary):
    """manylinux_2_X_ARCH for the newest GLIBC_2.X the binary's dynamic symbols need."""
    out = subprocess.run(["objdump", "-T", binary], check=True, capture_output=True, text=True).stdout
    minors = [int(m) for m in re.findall(r"GLIBC_2\.(\d+)", out)]
    arch = os.uname().machine
    return f"manylinux_2_{max(minors) if minors else 17}_{arch}"


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def main(argv):
    args = argv[1:]
    options = {}
    for key in ("--license", "--readme"):
        if key in args:
            i = args.index(key)
            options[key] = args[i + 1]
            del args[i:i + 2]
    if len(args) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    binary, version, out_dir = args
    if not re.fullmatch(r"[0-9][0-9A-Za-z.+]*", version):
        print(f"build_wheel.py: not a version: {version!r}", file=sys.stderr)
        return 64
    tag = f"py3-none-{glibc_tag(binary)}"
    data_dir = f"{NAME}-{version}.data"
    info_dir = f"{NAME}-{version}.dist-info"
    readme = open(options["--readme"], encoding="utf-8").read() if "--readme" in options else ""
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST}\n"
        f"Version: {version}\n"
        "Summary: promptscan: finds secrets, health and personal data in prompts, fixtures and AI-agent configs (prebuilt binary)\n"
        "License: Apache-2.0\n"
        "Requires-Python: >=3.8\n"
        + ("Description-Content-Type: text/markdown\n\n" + readme if readme else "")
    )
    wheel = f"Wheel-Version: 1.0\nGenerator: promptscan packaging/build_wheel.py\nRoot-Is-Purelib: false\nTag: {tag}\n"
    with open(binary, "rb") as f:
        executable = f.read()
    entries = [(f"{data_dir}/scripts/promptscan", executable, 0o755)]
    if "--license" in options:
        with open(options["--license"], "rb") as f:
            entries.append((f"{info_dir}/LICENSE", f.read(), 0o644))
    entries += [(f"{info_dir}/METADATA", metadata.encode(), 0o644), (f"{info_dir}/WHEEL", wheel.encode(), 0o644)]
    record = "\n".join([record_line(p, d) for p, d, _ in entries] + [f"{info_dir}/RECORD,,"]) + "\n"
    entries.append((f"{info_dir}/RECORD", record.encode(), 0o644))
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{NAME}-{version}-{tag}.whl")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
