#!/usr/bin/env python3
"""Check that user-visible literal text in GtkBuilder files is translatable.

Usage: check-ui-translatable.py FILE.ui|DIRECTORY...

Checked elements, when they hold a literal value:
  <property name="label|title|tooltip-text|tooltip-markup|placeholder-text|
                  description|subtitle|text|heading|body">
  <attribute name="label"> (menus)
  <item> inside <items> (GtkStringList)

They must carry translatable="yes" (GtkBuilder also accepts "true" and "1"),
unless the value is obviously not text:
  * it has no letters (a number, a symbol, a format such as "%d");
  * it is an icon name or an identifier ("go-next-symbolic",
    "io.github.udha.Udha");
  * it is the product name, "Udha";
  * the author said so with translatable="no" (or "false", "0").
"""

import pathlib
import re
import sys
import xml.parsers.expat

TEXT_PROPERTIES = {
    'label', 'title', 'tooltip-text', 'tooltip-markup', 'placeholder-text',
    'description', 'subtitle', 'text', 'heading', 'body',
}
YES = {'yes', 'true', '1'}
NO = {'no', 'false', '0'}
PRODUCT_NAMES = {'Udha'}

ICON_NAME = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*-symbolic$|^[a-z0-9]+(-[a-z0-9]+)+$')
IDENTIFIER = re.compile(r'^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$')
HAS_LETTER = re.compile(r'[^\W\d_]')


def obviously_not_text(value):
    return (not HAS_LETTER.search(value)
            or ICON_NAME.match(value) is not None
            or IDENTIFIER.match(value) is not None
            or value in PRODUCT_NAMES)


class Node:
    def __init__(self, tag, attrs, line, parent):
        self.tag, self.attrs, self.line, self.parent = tag, attrs, line, parent
        self.text = ''
        self.children = 0


def walk(path):
    """Yield every element of the file as a Node, with its line number."""
    nodes = []
    stack = []
    parser = xml.parsers.expat.ParserCreate()

    def start(tag, attrs):
        parent = stack[-1] if stack else None
        if parent is not None:
            parent.children += 1
        node = Node(tag, attrs, parser.CurrentLineNumber, parent)
        stack.append(node)
        nodes.append(node)

    def end(tag):
        stack.pop()

    def chars(data):
        if stack:
            stack[-1].text += data

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    with open(path, 'rb') as f:
        parser.ParseFile(f)
    return nodes


def owner_of(node):
    owner = node.parent
    while owner is not None and owner.tag not in ('object', 'template', 'menu'):
        owner = owner.parent
    if owner is None:
        return ''
    name = owner.attrs.get('class') or owner.tag
    if owner.attrs.get('id'):
        name += f' id="{owner.attrs["id"]}"'
    return f' ({name})'


def check_file(path):
    problems = []
    try:
        nodes = walk(path)
    except xml.parsers.expat.ExpatError as e:
        return [f'{path}: not well-formed XML: {e}']

    for node in nodes:
        name = node.attrs.get('name')
        if node.tag == 'property' and name in TEXT_PROPERTIES:
            what = f'property "{name}"'
        elif node.tag == 'attribute' and name == 'label':
            what = 'menu attribute "label"'
        elif node.tag == 'item' and node.parent is not None and node.parent.tag == 'items':
            what = 'string list item'
        else:
            continue

        value = node.text.strip()
        if not value or node.children:     # empty, or holds an object
            continue

        translatable = node.attrs.get('translatable', '').lower()
        if translatable in YES or translatable in NO:
            continue
        if obviously_not_text(value):
            continue

        problems.append(f'{path}:{node.line}: {what} "{value}"{owner_of(node)} '
                        'is not marked translatable="yes"')
    return problems


def main(args):
    if not args:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    files = []
    for arg in args:
        p = pathlib.Path(arg)
        files.extend(sorted(p.rglob('*.ui')) if p.is_dir() else [p])
    problems = []
    for f in files:
        problems.extend(check_file(f))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f'{len(problems)} untranslatable literal(s) in {len(files)} .ui file(s)', file=sys.stderr)
        return 1
    print(f'{len(files)} .ui file(s): OK')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
