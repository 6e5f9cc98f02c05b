#!/bin/sh
# Builds the Linux release: dist/promptscan-VERSION-linux-ARCH.tar.gz (the binary, LICENSE, README,
# CHANGELOG, bash/zsh/fish completions and a man page), the same binary as a platform wheel
# (packaging/build_wheel.py: `pip install promptscan-bin` puts it on PATH) and dist/SHA256SUMS.
#
# The binary needs no Swift toolchain: the Swift runtime and Foundation are linked with
# --static-swift-stdlib, and libpcre2-8, zlib, libstdc++ and libgcc from their .a files: a folder
# holding only those archives, named by pkg-config files of its own (found first through
# PKG_CONFIG_PATH), comes before the system's on the linker's search path, so -lpcre2-8, -lz and
# -lstdc++ find the archives. The script checks that the binary's only shared libraries are glibc's, then runs it
# with the toolchain's folder hidden (a mount namespace, where unshare is permitted).
#
# Usage: scripts/release.sh [--from-debug-build] [OUTPUT-DIR]   (default: dist; takes several minutes)
#
# --from-debug-build links the binary from the objects of the existing debug build instead
# (scripts/link_debug_static.py; seconds, not minutes; unoptimised). CI uses it so the release checks
# (ReleaseTests: contents, checksum, glibc-only, the install path with the toolchain hidden) run on
# every change; what it packages and checks is the same as for a release build.
set -eu
cd "$(dirname "$0")/.."
from_debug=false
if [ "${1:-}" = "--from-debug-build" ]; then
  from_debug=true
  shift
fi
out=${1:-dist}
version=$(sed -n 's/.*static let current = "\([^"]*\)".*/\1/p' Sources/PromptScanCore/Reporters/Reporter.swift)
[ -n "$version" ] || { echo "release.sh: cannot read the version from Reporter.swift" >&2; exit 2; }
arch=$(uname -m)
name="promptscan-$version-linux-$arch"

sh .ci/setup
archives=.build/release-static-libs
rm -rf "$archives" && mkdir -p "$archives"
mkdir -p "$archives/pkgconfig"
for lib in pcre2-8 z; do
  package=$([ "$lib" = z ] && echo zlib || echo "lib$lib")
  archive="$(pkg-config --variable=libdir "$package")/lib$lib.a"
  [ -f "$archive" ] || { echo "release.sh: $archive is missing (install the -dev package)" >&2; exit 2; }
  ln -s "$archive" "$archives/"
  printf 'Name: %s\nDescription: %s, linked statically\nVersion: %s\nLibs: -L%s -l%s\nCflags: %s\n' \
    "$package" "$package" "$(pkg-config --modversion "$package")" "$PWD/$archives" "$lib" "$(pkg-config --cflags "$package")" \
    > "$archives/pkgconfig/$package.pc"
done
export PKG_CONFIG_PATH="$PWD/$archives/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
for lib in stdc++; do
  archive=$(clang -print-file-name="lib$lib.a")
  [ -f "$archive" ] || { echo "release.sh: lib$lib.a not found (install libstdc++-dev)" >&2; exit 2; }
  ln -s "$archive" "$archives/"
done

if $from_debug; then
  echo "linking $name from the debug build's objects (static) ..." >&2
  swift build --product promptscan
  binary=$PWD/.build/promptscan-static-debug
  python3 scripts/link_debug_static.py .build/debug.yaml "$binary" --archives "$PWD/$archives"
else
  echo "building $name (release, static) ..." >&2
  swift build -c release --product promptscan --static-swift-stdlib \
    -Xlinker -L"$PWD/$archives" -Xswiftc -Xclang-linker -Xswiftc -static-libgcc
  binary=$(swift build -c release --show-bin-path)/promptscan
fi

# Shared libraries: glibc's own only.
unexpected=$(ldd "$binary" | awk '{print $1}' | grep -Ev '^(linux-vdso\.so|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libutil\.so|/lib64/ld-linux|ld-linux)' || true)
if [ -n "$unexpected" ]; then
  echo "release.sh: $binary needs shared libraries other than glibc's: $(echo $unexpected)" >&2
  exit 1
fi

# Runs without the toolchain: hide its folder in a private mount namespace.
toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")
empty=$(mktemp -d)
if unshare -m true 2>/dev/null; then
  unshare -m sh -c 'mount --bind "$1" "$2" && exec "$3" scan demo --no-color' sh "$empty" "$toolchain" "$binary" >/dev/null \
    && status=0 || status=$?
  rmdir "$empty"
  if [ "$status" -ne 1 ]; then
    echo "release.sh: the binary did not scan demo/ with $toolchain hidden (exit $status; 1 expected: demo has findings)" >&2
    exit 1
  fi
else
  rmdir "$empty"
  echo "release.sh: unshare is not permitted here; the run without the toolchain was not checked" >&2
fi

# The manual, from swift-argument-parser's generate-manual plugin (it builds promptscan in debug).
swift package generate-manual --configuration debug >/dev/null
manual=.build/plugins/GenerateManual/outputs/promptscan/promptscan.1

stage=$(mktemp -d)
mkdir -p "$stage/$name/completions" "$stage/$name/man/man1"
cp "$binary" "$stage/$name/promptscan"
strip "$stage/$name/promptscan" 2>/dev/null || true
cp LICENSE README.md CHANGELOG.md "$stage/$name/"
cp "$manual" "$stage/$name/man/man1/promptscan.1"
"$binary" --generate-completion-script bash > "$stage/$name/completions/promptscan.bash"
"$binary" --generate-completion-script zsh > "$stage/$name/completions/_promptscan"
"$binary" --generate-completion-script fish > "$stage/$name/completions/promptscan.fish"

mkdir -p "$out"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00Z' \
  -C "$stage" -czf "$out/$name.tar.gz" "$name"
wheel=$(python3 packaging/build_wheel.py "$stage/$name/promptscan" "$version" "$out" --license LICENSE --readme README.md)
rm -rf "$stage"
(cd "$out" && sha256sum "$name.tar.gz" "$(basename "$wheel")" > SHA256SUMS)
echo "$out/$name.tar.gz" >&2
echo "$wheel" >&2
cat "$out/SHA256SUMS"
