#!/usr/bin/env python3
"""Compares freshly drawn figures (argument 1, a folder) with the committed ones under
Documentation/figures: the same files, the same SVG text, and every number within 0.02 absolute or
1e-6 relative, so that a last-digit difference of a C library's exp or log between machines does not
count, but a figure that no longer matches the code that draws it does."""
import os
import re
import sys

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def tokens(text):
    return NUMBER.split(text), [float(n) for n in NUMBER.findall(text)]


def main():
    fresh, committed = sys.argv[1], "Documentation/figures"
    names = sorted(n for n in os.listdir(committed) if n.endswith(".svg"))
    drawn = sorted(n for n in os.listdir(fresh) if n.endswith(".svg"))
    assert names == drawn, "committed figures %s differ from the drawn ones %s" % (names, drawn)
    for name in names:
        old_text, old_numbers = tokens(open(os.path.join(committed, name), encoding="utf-8").read())
        new_text, new_numbers = tokens(open(os.path.join(fresh, name), encoding="utf-8").read())
        assert old_text == new_text, "%s: the committed figure's text differs from a fresh drawing (run `swift run -c release Figures`)" % name
        for old, new in zip(old_numbers, new_numbers):
            assert abs(old - new) <= max(0.02, 1e-6 * abs(old)), "%s: %r committed, %r drawn" % (name, old, new)
    print("%d figures match a fresh drawing" % len(names))


if __name__ == "__main__":
    main()
