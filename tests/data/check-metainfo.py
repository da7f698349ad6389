#!/usr/bin/env python3
"""Validate an AppStream metainfo file, failing on errors, warnings and infos.

Usage: check-metainfo.py APPSTREAMCLI METAINFO

Runs `appstreamcli validate --no-net --pedantic --explain` (its exit status
already fails on errors and warnings), then reads the YAML report and also
fails on any issue of severity "info", except two that come from supporting
both AppStream 0.16 (Debian 12) and AppStream 1.x (the Flatpak SDK):

  unknown-tag developer           0.16 does not know <developer> (added in 1.0);
  developer-name-tag-deprecated   1.x deprecates <developer_name>, which 0.16
                                  readers still need.

Pedantic hints are printed but never fail the test (the upper-case letters in
the application ID cannot be avoided).
"""

import subprocess
import sys

ALLOWED_INFOS = {
    ('unknown-tag', 'developer'),
    ('developer-name-tag-deprecated', None),
}


def parse_issues(report):
    """Read tag/severity/hint from appstreamcli's YAML report, without PyYAML."""
    issues = []
    current = None
    for line in report.splitlines():
        stripped = line.strip()
        if stripped.startswith('- tag:'):
            current = {'tag': stripped.split(':', 1)[1].strip()}
            issues.append(current)
        elif current is not None and ':' in stripped and line.startswith('  ') and not line.startswith('    '):
            key, value = stripped.split(':', 1)
            if key in ('severity', 'hint', 'line'):
                current[key] = value.strip()
    return issues


def main(args):
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    appstreamcli, metainfo = args

    text = subprocess.run([appstreamcli, 'validate', '--no-net', '--pedantic', '--explain', metainfo])
    yaml = subprocess.run([appstreamcli, 'validate', '--no-net', '--pedantic', '--format=yaml', metainfo],
                          stdout=subprocess.PIPE, universal_newlines=True)

    failed = text.returncode != 0
    for issue in parse_issues(yaml.stdout):
        severity = issue.get('severity', '')
        if severity in ('error', 'warning'):
            failed = True
        elif severity == 'info':
            key = (issue['tag'], issue.get('hint'))
            if key not in ALLOWED_INFOS and (issue['tag'], None) not in ALLOWED_INFOS:
                print(f'info not allowed here: {issue["tag"]} {issue.get("hint", "")} '
                      f'(line {issue.get("line", "?")})', file=sys.stderr)
                failed = True

    if failed:
        print(f'{metainfo}: validation failed', file=sys.stderr)
        return 1
    print(f'{metainfo}: OK')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
