#!/usr/bin/python3
"""text-seeds-summary.py OUT: the accuracy table of examples/scripts/text-seeds.sh (Markdown on stdout)."""
import glob
import json
import os
import re
import statistics
import sys


def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read().strip() or "{}")
    except (OSError, ValueError):
        return {}


def peers(d):
    """Peer tool -> test accuracy for one dataset folder."""
    out = {}
    sk = load(os.path.join(d, "sklearn.json"))
    for m in sk.get("models", {}).values():
        if "accuracy" in m:
            out[m["tool"]] = m["accuracy"]
    for name in ("fasttext.json", "fasttext-autotune.json"):
        ft = load(os.path.join(d, name))
        if "accuracy" in ft:
            out["fasttext"] = ft["accuracy"]
        auto = ft.get("models", {}).get("autotune", {})
        if "accuracy" in auto:
            out["fasttext-autotune"] = auto["accuracy"]
    return out


def main(out):
    seeds = sorted((p for p in glob.glob(os.path.join(out, "s*")) if re.fullmatch(r"s\d+", os.path.basename(p))),
                   key=lambda p: int(os.path.basename(p)[1:]))
    table = {}
    for s in seeds:
        log = open(os.path.join(s, "mercato.log")).read() if os.path.exists(os.path.join(s, "mercato.log")) else ""
        for m in re.finditer(r"\] (\S+): AUTO accuracy ([0-9.]+)", log):
            ds, acc = m.group(1), float(m.group(2))
            row = table.setdefault(ds, [])
            row.append((os.path.basename(s), acc, peers(os.path.join(s, ds))))
    print("| dataset | seeds | Mercato AUTO mean | best peer mean (tool) | AUTO >= every peer | AUTO per seed | best peer per seed |")
    print("|---|---|---|---|---|---|---|")
    for ds, rows in table.items():
        tools = sorted({t for _, _, p in rows for t in p})
        means = {t: statistics.mean(p[t] for _, _, p in rows if t in p) for t in tools}
        best = max(means, key=means.get)
        wins = sum(1 for _, acc, p in rows if acc >= max(p.values()))
        print("| %s | %s | %.4f | %.4f (%s) | %d of %d | %s | %s |" % (
            ds, " ".join(r[0][1:] for r in rows), statistics.mean(a for _, a, _ in rows), means[best], best,
            wins, len(rows), " ".join("%.4f" % a for _, a, _ in rows),
            " ".join("%.4f" % max(p.values()) for _, _, p in rows)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
