"""Writes the node tables of lib/interp/pylib/_ast.py (between its `# BEGIN GENERATED` and
`# END GENERATED` lines) from ast_nodes_3.14.txt and ast_nodes_3.12.txt, the output of
dump_ast_nodes.py under CPython 3.14.8 (the oracle root) and CPython 3.12.7 (pyodide 0.27.7).
usage: python3 lib/interp/tools/gen_ast_nodes.py"""
import ast
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, '..', 'pylib', '_ast.py')


def table(ver):
    with open(os.path.join(HERE, 'ast_nodes_%s.txt' % ver)) as f:
        data = ast.literal_eval(f.read())
    lines = ['_NODES_%s = (  # CPython %s' % (ver.replace('.', ''), data['version'])]
    for row in data['classes']:
        lines.append('    %r,' % (row,))
    lines.append(')')
    lines.append('_CONSTANTS_%s = %r' % (ver.replace('.', ''), data['constants']))
    return lines


def main():
    with open(TARGET) as f:
        text = f.read()
    head, rest = text.split('# BEGIN GENERATED\n')
    _, tail = rest.split('# END GENERATED\n')
    body = ['# by lib/interp/tools/gen_ast_nodes.py: do not edit.',
            '# (name, base, __doc__, _fields, _attributes or None, field types or None,',
            '#  names bound to None in the class)']
    body += table('3.14') + table('3.12')
    with open(TARGET, 'w') as f:
        f.write(head + '# BEGIN GENERATED\n' + '\n'.join(body) + '\n# END GENERATED\n' + tail)


main()
