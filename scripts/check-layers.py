#!/usr/bin/env python3
"""Checks that each crate looks down only and that no crate's modules import each other in a cycle.

The allowed layers are the graph drawn in docs/ARCHITECTURE.md: a crate may depend on the crates
listed for it and nothing else of the workspace. Module cycles are found at the top level of each
crate (`crate::a` used in module `b` and `crate::b` in `a`, through any chain); tests are left out,
since a test may look at any part of the crate it tests.
"""

import json
import os
import re
import subprocess
import sys

ALLOWED = {
    "domain": set(),
    "simulator": {"domain"},
    "store": {"domain"},
    "jobs": set(),
    "ingest": {"domain", "store", "simulator"},
    "engine": {"domain", "store"},
    "api": {"domain", "store", "ingest", "engine", "jobs"},
    "powersave": {"domain", "store", "ingest", "engine", "jobs", "simulator", "api"},
}


def crate_dependencies(root):
    """Each workspace crate's normal dependencies on other workspace crates."""
    metadata = json.loads(
        subprocess.check_output(
            ["cargo", "metadata", "--no-deps", "--format-version", "1", "--offline"], cwd=root
        )
    )
    members = {package["name"] for package in metadata["packages"]}
    return {
        package["name"]: {
            dep["name"]
            for dep in package["dependencies"]
            if dep["name"] in members and dep["kind"] is None
        }
        for package in metadata["packages"]
    }


def module_graph(src):
    """Top-level modules of one crate and the top-level modules each of them uses."""
    graph = {}
    for folder, _, files in os.walk(src):
        if "/tests" in folder[len(src):]:
            continue
        for name in files:
            if not name.endswith(".rs") or name == "tests.rs":
                continue
            path = os.path.join(folder, name)
            parts = os.path.relpath(path, src)[:-3].split("/")
            if parts[-1] == "mod":
                parts = parts[:-1]
            if parts in (["lib"], ["main"]):
                continue
            with open(path, encoding="utf-8") as file:
                lines = [l for l in file.read().split("\n") if not l.strip().startswith("//")]
            text = "\n".join(lines).split("#[cfg(test)]")[0]
            used = set(re.findall(r"crate::(\w+)", text))
            for group in re.findall(r"crate::\{([^}]*)\}", text, re.S):
                used |= set(re.findall(r"(?:^|,)\s*(\w+)", group))
            depth = len(parts)
            if depth >= 2:
                used |= set(re.findall(r"\b" + "super::" * depth + r"(\w+)", text))
            top = parts[0]
            graph.setdefault(top, set()).update(used - {top, "self"})
    return {module: uses & set(graph) for module, uses in graph.items()}


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    problems = []
    for crate, deps in sorted(crate_dependencies(root).items()):
        allowed = ALLOWED.get(crate)
        if allowed is None:
            problems.append(f"{crate}: not in the layer table of scripts/check-layers.py")
            continue
        for dep in sorted(deps - allowed):
            problems.append(f"{crate} depends on {dep}, which is not below it")
    for crate in sorted(os.listdir(os.path.join(root, "crates"))):
        src = os.path.join(root, "crates", crate, "src")
        graph = module_graph(src)
        for component in cycles(graph):
            edges = "; ".join(f"{m} uses {sorted(graph[m] & set(component))}" for m in component)
            problems.append(f"{crate}: modules in a cycle: {edges}")
    for problem in problems:
        print(f"layers: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print("layers: every crate looks down only; no module cycles")


if __name__ == "__main__":
    main()
