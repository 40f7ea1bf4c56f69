#!/usr/bin/env python3
"""Lines a connector author writes: non-blank, non-comment lines of Java main sources (package and
import lines included; Javadoc and // comments not).

Usage: .ci/connector-lines.py            -> per connector, per file, and totals
       .ci/connector-lines.py FILE...    -> those files and their total
"""
import glob, sys
def count(path):
    n = 0; in_block = False
    for line in open(path, encoding='utf-8'):
        s = line.strip()
        if in_block:
            if '*/' in s:
                in_block = False
                s = s[s.index('*/')+2:].strip()
            else:
                continue
        if s.startswith('/*'):
            if '*/' not in s:
                in_block = True
                continue
            s = s[s.index('*/')+2:].strip()
        if not s or s.startswith('//'):
            continue
        n += 1
    return n
def report(files):
    total = 0
    for p in files:
        c = count(p); total += c
        print(f"{c:5d}  {p}")
    print(f"{total:5d}  total")

M = "src/main/java/io/flowforge/connector"
GROUPS = {
    # MySQL's module, plus the MySQL-protocol classes the jdbc module keeps for the generic connector too.
    "mysql": sorted(glob.glob(f"flowforge-connector-mysql/{M}/mysql/*.java"))
             + sorted(glob.glob(f"flowforge-connector-jdbc/{M}/jdbc/MySqlProtocol*.java")),
    # PostgreSQL's JDBC part: its PostgreSql* classes (the binary COPY path is Pg*, CopyFieldDecoder, StagedVarWidth).
    "postgresql (JDBC part)": sorted(glob.glob(f"flowforge-connector-postgresql/{M}/postgresql/PostgreSql*.java")),
    "postgresql (all, COPY included)": sorted(glob.glob(f"flowforge-connector-postgresql/{M}/postgresql/*.java")),
    "sql-server": sorted(glob.glob(f"flowforge-connector-sqlserver/{M}/sqlserver/*.java")),
}

if len(sys.argv) > 1:
    report(sys.argv[1:])
else:
    for name, files in GROUPS.items():
        print(f"== {name}")
        report(files)
