#!/usr/bin/env python3
"""Issue 22: error codes as constants of the catalogue (domain.ErrorCode enums).

Rewrites, in the given Java files (or the whole app when none is given), each string literal that
is a code of the catalogue into its constant, and adds the import:
  "X".equals(expr)          -> Owner.X.is(expr)
  expr.code().equals("X")   -> Owner.X.is(expr.code())
  "X" (a code argument)     -> Owner.X
Line-level edits only, so that it can be re-applied after a file is split. The catalogue is read
from the enums themselves (every `enum ... implements ErrorCode`). Literals that are not error codes
although spelled like one (a lookup status "INVALID", a line status "ERROR", bulk skip reasons, gRPC status names) are
listed in EXCLUDED. Check the result with the compiler and with ErrorCatalogueTest.
"""
import os, re, sys

APP = os.path.join(os.path.dirname(__file__), '..', '..', 'app', 'src', 'main', 'java')
ROOT = os.path.normpath(os.path.join(APP, 'io', 'passerelle'))
SKIP_FILES = ('web/pages/FrenchMessages.java', 'web/pages/Labels.java')
EXCLUDED = {
    ('onboarding/BulkPreview.java', None),
    ('dossiercreation/CompanyPrefill.java', None),
    # the SIRET lookup's outcome on the "nouveau dossier" page (split out of DossierCreationController)
    ('dossiercreation/web/SiretLookup.java', 'INVALID'),
    ('dossiercreation/web/SiretLookup.java', 'NOT_FOUND'),
    # an import report line's status "OK" / "ERROR" (split out of DossierImportService)
    ('dossierimport/ImportReports.java', 'ERROR'),
    ('engine/EngineErrors.java', None),
}


def catalogue():
    owners = {}
    for d, _, fs in os.walk(ROOT):
        for f in fs:
            if not f.endswith('.java'):
                continue
            text = open(os.path.join(d, f), encoding='utf-8').read()
            m = re.search(r'public enum (\w+) implements ErrorCode \{(.*?)\}', text, re.S)
            if not m:
                continue
            pkg = re.search(r'^package ([\w.]+);', text, re.M).group(1)
            for name in re.findall(r'\b([A-Z][A-Z0-9_]+)\b', m.group(2)):
                if name in owners:
                    sys.exit(f'{name} is declared twice: {owners[name]} and {pkg}.{m.group(1)}')
                owners[name] = (pkg, m.group(1))
    return owners


def balanced(text, start):
    """The index just past the parenthesis closing the one at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == '(':
            depth += 1
        elif text[i] == ')':
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def rewrite(path, owners):
    rel = os.path.relpath(path, ROOT).replace(os.sep, '/')
    if rel in SKIP_FILES:
        return False
    text = open(path, encoding='utf-8').read()
    if re.search(r'enum \w+ implements ErrorCode', text):
        return False
    pkg = re.search(r'^package ([\w.]+);', text, re.M).group(1)
    used = set()

    def excluded(code):
        return (rel, None) in EXCLUDED or (rel, code) in EXCLUDED

    def const(code):
        used.add(owners[code])
        return f'{owners[code][1]}.{code}'

    out, i = [], 0
    lit = re.compile(r'"([A-Z][A-Z0-9_]{3,})"')
    while True:
        m = lit.search(text, i)
        if not m:
            out.append(text[i:])
            break
        code = m.group(1)
        if code not in owners or excluded(code):
            out.append(text[i:m.end()])
            i = m.end()
            continue
        # "X".equals(expr) -> Owner.X.is(expr)
        if text.startswith('.equals(', m.end()):
            end = balanced(text, m.end() + len('.equals'))
            out.append(text[i:m.start()] + const(code) + '.is' + text[m.end() + len('.equals'):end])
            i = end
            continue
        # expr.code().equals("X") -> Owner.X.is(expr.code())
        before = text[i:m.start()]
        e = re.search(r'([\w.]*(?:\([\w.]*\))?\.code\(\))\.equals\($', before)
        if e and text.startswith(')', m.end()):
            out.append(before[:e.start()] + const(code) + '.is(' + e.group(1) + ')')
            i = m.end() + 1
            continue
        out.append(before + const(code))
        i = m.end()
    new = ''.join(out)
    if new == text:
        return False
    imports = sorted(
        f'import {p}.{c};' for p, c in used if p != pkg and f'import {p}.{c};' not in new)
    if imports:
        last = list(re.finditer(r'^import [\w.]+;\n', new, re.M))
        at = last[-1].end() if last else re.search(r'^package [\w.]+;\n', new, re.M).end()
        block = ''.join(s + '\n' for s in imports)
        new = new[:at] + ('' if last else '\n') + block + new[at:]
    open(path, 'w', encoding='utf-8').write(new)
    return True


def main(files):
    owners = {k: ('io.passerelle.' + p[len('io.passerelle.'):], c) for k, (p, c) in catalogue().items()}
    if not files:
        files = [os.path.join(d, f) for d, _, fs in os.walk(ROOT) for f in fs if f.endswith('.java')]
    changed = [f for f in files if rewrite(os.path.abspath(f), owners)]
    print('\n'.join(changed))


if __name__ == '__main__':
    main(sys.argv[1:])
