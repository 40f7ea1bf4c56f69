#!/usr/bin/env python3
"""The README's speed table from the logs readme-table.sh writes (one benchmark invocation each).

Usage: flowforge-benchmark/readme-table.py DIR
Each cell is a scenario's median rows/s as a multiple of the driver floor measured in the same
invocation and, in brackets, its process CPU per row as a multiple of the floor's; one row gives the
pipelined run's CPU without JIT and GC threads ("rest CPU x floor").
"""
import os
import sys

COLUMNS = [("copy", "PostgreSQL (`postgresql` connector, binary COPY)"),
           ("pgjdbc", "PostgreSQL (`postgresql` connector, JDBC path)"),
           ("generic", "PostgreSQL (generic `jdbc`)"),
           ("mariadb", "MariaDB (generic `jdbc`)"),
           ("pin", "PostgreSQL (generic `jdbc`), `--pin`")]
S3_OF = {"copy": "s3copy", "generic": "s3generic"}
FLOOR = "driver floor (plain JDBC)"


def parse(path):
    """Scenario label -> its table row's cells, and the load-average line."""
    rows, load = {}, ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("| ") and not line.startswith("| scenario"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                rows[cells[0]] = cells
            elif line.startswith("load average"):
                load = line.strip()
    if FLOOR not in rows:
        sys.exit(f"{path}: no '{FLOOR}' row; did the invocation finish?")
    return rows, load


def ratio(rows, scenario, bold, cpu=True):
    if scenario not in rows:
        return "–"
    c = rows[scenario]
    x = f"**{c[3]}x**" if bold else f"{c[3]}x"
    return f"{x} ({c[10]}x)" if cpu else x


def main(directory):
    logs = {}
    for name in [n for n, _ in COLUMNS] + list(S3_OF.values()):
        path = os.path.join(directory, name + ".log")
        if os.path.exists(path):
            logs[name] = parse(path)
    cols = [(n, title) for n, title in COLUMNS if n in logs]
    if not cols:
        sys.exit(f"no benchmark logs in {directory}")
    out = ["| | " + " | ".join(t for _, t in cols) + " |", "|---|" + "---:|" * len(cols)]
    out.append("| driver floor, rows/s | " + " | ".join(logs[n][0][FLOOR][1] for n, _ in cols) + " |")

    def row(label, scenario, source=None, cpu=True):
        cells = []
        for n, _ in cols:
            src = source(n) if source else n
            bold = n == "copy" and label.startswith("FlowForge")  # the fastest FlowForge path stands out
            cells.append(ratio(logs[src][0], scenario, bold=bold, cpu=cpu) if src in logs else "–")
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    row("FlowForge read into Arrow", "FlowForge read only")
    row("arrow-jdbc default", "arrow-jdbc default (read only)", source=S3_OF.get)
    row("FlowForge → local Snappy Parquet", "FlowForge -> local Parquet")
    row("FlowForge → local Snappy Parquet, pipelined", "FlowForge -> local, pipelined")
    rest = []
    for n, _ in cols:
        c = logs[n][0].get("FlowForge -> local, pipelined")
        rest.append(f"{c[14]}x" if c and len(c) > 14 else "–")
    out.append("| pipelined: CPU of the application's threads (process minus JIT and GC) x floor's | "
               + " | ".join(rest) + " |")
    row("FlowForge → S3 (S3Proxy in the same JVM)", "FlowForge -> S3 (S3Proxy)", source=S3_OF.get, cpu=False)
    row("FlowForge → S3, pipelined", "FlowForge -> S3, pipelined", source=S3_OF.get, cpu=False)
    print("\n".join(out))
    print()
    for name, (rows, load) in logs.items():
        print(f"{name}: floor {rows[FLOOR][1]} rows/s; {load}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
