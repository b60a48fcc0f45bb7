"""Runs a differential scenario with CPython's own socket module and prints one outcome per statement.

A scenario is classroom Python, one statement per line, plus three directives:
  &NAME statement   start the statement on a thread of its own (its outcome is printed at 'join NAME')
  join NAME         wait for that statement
  sleep SECONDS     pause
A statement starting with '? ' prints only 'ok' or the error, for values that differ from run to run.
The Java engine runs the same file (DifferentialTest) and must print the same lines.
"""
import ast
import os
import select
import socket
import struct
import sys
import threading
import time

ns = {'socket': socket, 'select': select, 'os': os, 'struct': struct}


def fmt(v):
    if isinstance(v, socket.socket):
        for k, val in list(ns.items()):
            if val is v and not k.startswith('__'):
                return k
        return '<socket>'
    if isinstance(v, tuple):
        parts = [fmt(x) for x in v]
        return '(' + parts[0] + ',)' if len(parts) == 1 else '(' + ', '.join(parts) + ')'
    if isinstance(v, list):
        return '[' + ', '.join(fmt(x) for x in v) + ']'
    return repr(v)


def describe_error(e):
    t = type(e)
    name = t.__name__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__name__
    text = str(e)
    return name + ': ' + text if text else name


def run(stmt):
    quiet = stmt.startswith('? ')
    if quiet:
        stmt = stmt[2:]
    node = ast.parse(stmt, mode='exec').body[0]
    try:
        if isinstance(node, ast.Assign):
            value = eval(compile(ast.Expression(node.value), '<scenario>', 'eval'), ns)
            ns['__value'] = value
            exec(ast.unparse(node.targets[0]) + ' = __value', ns)
            del ns['__value']
        else:
            value = eval(compile(ast.Expression(node.value), '<scenario>', 'eval'), ns)
        return 'ok' if quiet else fmt(value)
    except Exception as e:  # the outcome is what we compare
        return describe_error(e)


def main(path):
    jobs = {}
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('sleep '):
            time.sleep(float(line.split()[1]))
        elif line.startswith('join '):
            name = line.split()[1]
            thread, start_line, box = jobs.pop(name)
            thread.join()
            print(f'{start_line}: {box[0]}', flush=True)
        elif line.startswith('&'):
            name, stmt = line[1:].split(None, 1)
            box = [None]

            def work(stmt=stmt, box=box):
                box[0] = run(stmt)
            thread = threading.Thread(target=work, daemon=True)
            thread.start()
            jobs[name] = (thread, number, box)
        else:
            print(f'{number}: {run(line)}', flush=True)


if __name__ == '__main__':
    main(sys.argv[1])
