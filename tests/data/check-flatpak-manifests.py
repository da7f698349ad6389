#!/usr/bin/env python3
"""Check the Flatpak manifests.

Usage: check-flatpak-manifests.py MANIFEST.json...

Each manifest must parse as JSON and
  * have app-id, runtime, runtime-version, sdk and command "udha";
  * grant no network access (--share=network) and no file-system access
    (--filesystem=...), in finish-args or in build-args / test-args;
  * contain a module named "libsodium" whose archive/file sources are pinned by
    sha256 (or whose git sources are pinned by tag and commit), and whose
    patch sources exist next to the manifest;
  * contain a module named "udha" built with meson that runs the tests.
"""

import json
import pathlib
import re
import sys

SHA256 = re.compile(r'^[0-9a-f]{64}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')


def forbidden(arg):
    return (arg.startswith('--share=network') or arg.startswith('--filesystem')
            or arg.startswith('--socket=session-bus') or arg.startswith('--socket=system-bus'))


def walk_modules(modules):
    for m in modules:
        if isinstance(m, dict):
            yield m
            yield from walk_modules(m.get('modules', []))


def build_option_args(obj):
    opts = obj.get('build-options', {})
    args = list(opts.get('build-args', [])) + list(opts.get('test-args', []))
    for arch in opts.get('arch', {}).values():
        args += list(arch.get('build-args', [])) + list(arch.get('test-args', []))
    return args


def check(path):
    errors = []
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        return [f'{path}: does not parse as JSON: {e}']

    app_id = manifest.get('app-id') or manifest.get('id')
    if not app_id or not app_id.startswith('io.github.udha.Udha'):
        errors.append(f'{path}: app-id is {app_id!r}')
    for key in ('runtime', 'runtime-version', 'sdk'):
        if not manifest.get(key):
            errors.append(f'{path}: {key} is missing')
    if manifest.get('command') != 'udha':
        errors.append(f'{path}: command is {manifest.get("command")!r}, expected "udha"')

    modules = list(walk_modules(manifest.get('modules', [])))

    args = list(manifest.get('finish-args', [])) + build_option_args(manifest)
    for m in modules:
        args += build_option_args(m)
    for arg in args:
        if forbidden(arg):
            errors.append(f'{path}: forbidden permission {arg}')

    by_name = {m.get('name'): m for m in modules}

    sodium = by_name.get('libsodium')
    if sodium is None:
        errors.append(f'{path}: no module named "libsodium"')
    else:
        sources = sodium.get('sources', [])
        if not sources:
            errors.append(f'{path}: libsodium has no sources')
        for s in sources:
            if not isinstance(s, dict):
                errors.append(f'{path}: libsodium: external source file {s!r} is not allowed')
                continue
            kind = s.get('type')
            if kind in ('archive', 'file'):
                if not SHA256.match(s.get('sha256', '')):
                    errors.append(f'{path}: libsodium {kind} source {s.get("url") or s.get("path")} '
                                  'is not pinned by sha256')
            elif kind == 'git':
                if not s.get('tag') or not COMMIT.match(s.get('commit', '')):
                    errors.append(f'{path}: libsodium git source must pin tag and commit')
            elif kind == 'patch':
                for p in [s.get('path')] + list(s.get('paths', [])):
                    if p and not (pathlib.Path(path).parent / p).is_file():
                        errors.append(f'{path}: libsodium patch {p} does not exist')
            elif kind != 'shell':
                errors.append(f'{path}: libsodium source type {kind!r} is not pinned')
        if not any(isinstance(s, dict) and s.get('type') in ('archive', 'git') for s in sources):
            errors.append(f'{path}: libsodium has no archive or git source')

    udha = by_name.get('udha')
    if udha is None:
        errors.append(f'{path}: no module named "udha"')
    else:
        if udha.get('buildsystem') != 'meson':
            errors.append(f'{path}: udha module is not built with meson')
        if not udha.get('run-tests'):
            errors.append(f'{path}: udha module does not set "run-tests": true')

    return errors


def main(args):
    if not args:
        print('usage: check-flatpak-manifests.py MANIFEST.json...', file=sys.stderr)
        return 2
    errors = []
    for a in args:
        errors += check(a)
    for e in errors:
        print(e, file=sys.stderr)
    if not errors:
        print(f'{len(args)} manifest(s): OK')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
