#!/usr/bin/env python3
"""Reads the labelled test tables of Yelp detect-secrets' plugin tests (tests/plugins/*_test.py) without importing
detect-secrets or pytest: each module's top-level statements run with failing imports left out, then every
`pytest.mark.parametrize` table (a class's tables crossed with its methods') is evaluated in that namespace. Prints
one JSON line per case: {detector, name, input, positive, path?}, or {detector, name, error} for a table it cannot
evaluate. Standard library only (bench/outside/peers.mjs runs it; nothing of detect-secrets is kept here).

Which tables are cases, by their parameter names:
  - an input (line, payload, file_content) with a verdict (should_flag): positive when the verdict is true;
  - the keyword plugin's (file_extension, line, expected_secret): positive when a secret is expected, in a file of
    that extension;
  - the entropy plugins' (format, should_be_caught) crossed with the class's (plugin, non_secret, secret);
  - an input alone, in a test of what the plugin finds (test_analyze…, test_basic): positive.
Other tables (verification results, counts, limits) are not detection cases and are left out.
"""
import ast
import itertools
import json
import os
import sys

INPUTS = ('line', 'payload', 'file_content')


def parametrize_tables(decorators, ns):
    """[(names, rows)] of the parametrize decorators in `decorators`, evaluated in `ns`."""
    out = []
    for d in decorators:
        if not (isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == 'parametrize'):
            continue
        names = [n.strip() for n in eval(compile(ast.Expression(d.args[0]), '<names>', 'eval'), ns).split(',')]
        rows = list(eval(compile(ast.Expression(d.args[1]), '<rows>', 'eval'), ns))
        if len(names) == 1:
            rows = [(r,) for r in rows]
        out.append((names, [dict(zip(names, r)) for r in rows]))
    return out


def cases_of(detector, test, params):
    """The cases one test function's merged parameters give, or None when they are not detection cases."""
    if 'should_flag' in params:
        key = next((k for k in INPUTS if k in params), None)
        if key is None:
            return None
        return [{'input': params[key], 'positive': bool(params['should_flag'])}]
    if {'file_extension', 'line', 'expected_secret'} <= params.keys():
        ext = params['file_extension']
        case = {'input': params['line'], 'positive': params['expected_secret'] is not None}
        if ext:
            case['path'] = 'config.' + ext
        return [case]
    if {'format', 'should_be_caught', 'secret', 'non_secret'} <= params.keys():
        line = params['format'].format(secret=params['secret'], non_secret=params['non_secret'])
        return [{'input': line, 'positive': bool(params['should_be_caught'])}]
    keys = [k for k in INPUTS if k in params]
    if len(params) == 1 and keys and test.startswith(('test_analyze', 'test_basic')):
        return [{'input': params[keys[0]], 'positive': True}]
    return None


def module_cases(path, detector):
    tree = ast.parse(open(path, encoding='utf-8').read(), path)
    ns = {'__name__': 'keyhound_outside'}
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef):
            continue
        try:
            exec(compile(ast.Module([stmt], []), path, 'exec'), ns)
        except Exception:
            pass  # detect_secrets / pytest imports, and whatever needs them
    # Stand-ins for names only used as table values (the entropy tests' plugin classes).
    class Anything:
        def __getattr__(self, name):
            return self
    funcs = []  # (test name, tables from enclosing classes + its own)

    def collect(body, outer):
        for stmt in body:
            if isinstance(stmt, ast.FunctionDef):
                funcs.append((stmt.name, outer, stmt.decorator_list))
            elif isinstance(stmt, ast.ClassDef):
                collect(stmt.body, outer + stmt.decorator_list)

    collect(tree.body, [])
    for test, outer, own in funcs:
        try:
            local = dict(ns)
            for name in ('HexHighEntropyString', 'Base64HighEntropyString'):
                local.setdefault(name, Anything())
            tables = parametrize_tables(outer, local) + parametrize_tables(own, local)
        except Exception as e:  # noqa: BLE001
            yield {'detector': detector, 'name': test, 'error': f'{type(e).__name__}: {e}'}
            continue
        if not tables:
            continue
        for combo in itertools.product(*[rows for _, rows in tables]):
            params = {}
            for p in combo:
                params.update(p)
            got = cases_of(detector, test, params)
            if got is None:
                break
            for c in got:
                if not isinstance(c['input'], str):
                    continue
                yield {'detector': detector, 'name': test, **c}


def main():
    root = sys.argv[1]
    plugins = os.path.join(root, 'tests', 'plugins')
    for f in sorted(os.listdir(plugins)):
        if not f.endswith('_test.py') or f == 'base_test.py':
            continue
        for case in module_cases(os.path.join(plugins, f), f[: -len('_test.py')]):
            print(json.dumps(case))


if __name__ == '__main__':
    main()
