#!/usr/bin/env python3
"""Writes the worst cases for the memory of a load, each just under the 16 MiB limit, the same
on every run (benches/load_memory.sh).

    python3 benches/gen_worst.py CASE > file.ron

Cases:
- dense:         a list of 4 million tiny numbers where records belong (refused with its line);
- dense_checked: review thresholds that do not rise, every one an error to place on its line;
- warned:        review thresholds at 0 written tightly, every one an error and a warning;
- tiny_parties:  parties with short ids and names, every one a warning (a member of no scheme),
                 and one error at the end (so that the load, not the calculation, is measured);
- unknown_ids:   one scenario listing the unknown risk "" over and over, every item an error;
- long_strings:  a name of 16 MB of text with escapes, and one error after it;
- nested:        brackets nested 16 million deep;
- syntax_end:    dense_checked with a syntax error at its very end;
- comments:      16 MB of line comments around a few errors;
- unclosed:      an agreement followed by a /* comment that is never closed.
"""
import sys

LIMIT = 16 * 1024 * 1024 - 4096
case = sys.argv[1]
out = sys.stdout


def repeated(head, row, tail, size=LIMIT):
    """head, then rows made by row(i) until the file is nearly `size` bytes, then tail."""
    parts = [head]
    total = len(head) + len(tail)
    i = 0
    while True:
        r = row(i)
        if total + len(r) > size:
            break
        parts.append(r)
        total += len(r)
        i += 1
    parts.append(tail)
    out.write("".join(parts))


head = '(format: 1, name: "worst", '
if case == "tiny_parties":
    head = '(name: "worst", '
if case == "dense":
    n = 4_000_000
    out.write(head + "review_thresholds: [" + "1," * n + "1])\n")
elif case == "dense_checked":
    repeated(head + "review_thresholds: [",
             lambda i: '(at: %d.0, action: "a"),' % (i % 7), "])\n")
elif case == "warned":
    repeated(head + "review_thresholds: [", lambda i: '(at:0,action:""),', "])\n")
elif case == "tiny_parties":
    repeated(head + "parties: [",
             lambda i: '(id:"%x",name:"",kind:Voluntary),' % i, "], format: 0)\n")
elif case == "unknown_ids":
    repeated(head + 'scenarios: [(name: "s", risks: [', lambda i: '"",', "])])\n")
elif case == "long_strings":
    repeated('(name: "', lambda i: 'text \\t with \\"escapes\\" ', '", format: 0)\n')
elif case == "nested":
    n = LIMIT // 2
    out.write("[" * n + "]" * n)
elif case == "syntax_end":
    repeated(head + "review_thresholds: [",
             lambda i: '(at: %d.0, action: "a"),' % (i % 7), "]) @\n")
elif case == "comments":
    repeated(head + "review_thresholds: [\n",
             lambda i: "// a comment on its own line, a line of notes\n"
             if i % 1000 else "(at: 0.0, action: \"a\"),\n", "])\n")
elif case == "unclosed":
    repeated(head + "review_thresholds: [(at: 1.0, action: \"a\")])\n/*",
             lambda i: "the rest of the file is a comment that never ends ( [ {\n", "\n")
else:
    sys.exit("unknown case " + case)
