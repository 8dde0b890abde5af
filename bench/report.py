#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the RESULT lines of the VM benchmark scripts into a table (stdout,
or Markdown with --markdown) and a JSON file.

A RESULT line is `RESULT KIND IMPL SUITE SIZE key=value ...`; rates are
pps, and Gbit/s is computed from the inner packet size.  Ratios compare
implementations measured in the same run (the only meaningful comparison
under TCG emulation).
"""
import argparse
import json
import sys

SUITE_NAMES = {"gcm": "AES-128-GCM", "cbc": "AES-128-CBC+HMAC-SHA1-96", "-": "none"}


def parse(paths):
    rows = []
    for p in paths:
        try:
            lines = open(p).read().splitlines()
        except OSError as e:
            print(f"report: {e}", file=sys.stderr)
            continue
        for ln in lines:
            f = ln.split()
            if len(f) < 5 or f[0] != "RESULT":
                continue
            r = {"kind": f[1], "impl": f[2], "suite": f[3], "size": f[4]}
            for kv in f[5:]:
                k, _, v = kv.partition("=")
                try:
                    r[k] = float(v) if "." in v else int(v)
                except ValueError:
                    r[k] = v
            rows.append(r)
    return rows


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def rx_table(rows, kind):
    """rows of one kind (rx/tx) -> list of dicts per (suite, size)."""
    out = []
    keys = sorted({(r["suite"], int(r["size"])) for r in rows if r["kind"] == kind
                   and r["suite"] != "-"})
    plain = {int(r["size"]): r.get("pps", 0) for r in rows
             if r["kind"] == kind and r["impl"] == "plain"}
    for suite, size in keys:
        by = {r["impl"]: r for r in rows if r["kind"] == kind
              and r["suite"] == suite and int(r["size"]) == size}
        pps = {i: by[i].get("pps", 0) for i in by}
        ent = {"suite": suite, "size": size, "plain_pps": plain.get(size)}
        for i, r in by.items():
            ent[i] = {"pps": pps[i], "gbps": round(pps[i] * size * 8 / 1e9, 4),
                      "delivered": r.get("pkts"), "sent": r.get("sent")}
        ent["mnha_vs_xfrm"] = ratio(pps.get("mnha"), pps.get("xfrm"))
        ent["mnha_vs_udecap"] = ratio(pps.get("mnha"), pps.get("udecap"))
        ent["mnha_vs_wireguard"] = ratio(pps.get("mnha"), pps.get("wireguard"))
        out.append(ent)
    return out


def fmt_table(title, ents, impls, md):
    lines = []
    hdr = ["suite", "inner B"] + [f"{i} kpps (Gbit/s)" for i in impls] + \
        ["mnha/xfrm", "mnha/udecap"]
    if md:
        lines.append(f"\n**{title}**\n")
        lines.append("| " + " | ".join(hdr) + " |")
        lines.append("|" + "---|" * len(hdr))
    else:
        lines.append(f"\n{title}")
        lines.append("  ".join(f"{h:>18}" if n > 1 else f"{h:<26}" if n == 0 else f"{h:>7}"
                               for n, h in enumerate(hdr)))
    for e in ents:
        cells = [SUITE_NAMES.get(e["suite"], e["suite"]), str(e["size"])]
        for i in impls:
            if i in e:
                cells.append(f"{e[i]['pps'] / 1000:.2f} ({e[i]['gbps']:.3f})")
            else:
                cells.append("-")
        for k in ("mnha_vs_xfrm", "mnha_vs_udecap"):
            cells.append(f"{e[k]:.2f}x" if e[k] else "-")
        if md:
            lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append("  ".join(f"{c:>18}" if n > 1 else f"{c:<26}" if n == 0 else f"{c:>7}"
                                   for n, c in enumerate(cells)))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kver", required=True)
    ap.add_argument("--host", default="")
    ap.add_argument("--json")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("results", nargs="*")
    a = ap.parse_args()
    rows = parse(a.results)
    if not rows:
        print(f"report: no RESULT lines for {a.kver}", file=sys.stderr)
        return 1
    doc = {"kernel": a.kver, "host": a.host,
           "vm": "qemu TCG (no KVM), 2 vCPUs: compare ratios within one run only",
           "raw": rows}
    text = [f"# kernel {a.kver} in qemu TCG; host {a.host}"]
    for kind, title in (("rx", "MN-HA receive (pps delivered to a UDP sink)"),
                        ("tx", "MN-HA transmit/forward (pps leaving encrypted)")):
        ents = rx_table(rows, kind)
        if not ents:
            continue
        doc[kind] = ents
        impls = [i for i in ("mnha", "xfrm", "udecap", "wireguard")
                 if any(i in e for e in ents)]
        text.append(fmt_table(f"{title}, kernel {a.kver}", ents, impls, a.markdown))
        plain = {e["size"]: e["plain_pps"] for e in ents if e.get("plain_pps")}
        if plain:
            text.append("  unencrypted baseline (injector + stack + sink), kpps: " +
                        ", ".join(f"{s} B {p / 1000:.2f}" for s, p in sorted(plain.items())))
    others = [r for r in rows if r["kind"] not in ("rx", "tx")]
    if others:
        doc["other"] = others
        text.append("")
        for r in others:
            kv = " ".join(f"{k}={v}" for k, v in r.items()
                          if k not in ("kind", "impl", "suite", "size"))
            text.append(f"{r['kind']} {r['impl']} {r['suite']} {r['size']}: {kv}")
    print("\n".join(text))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(doc, f, indent=1)
        print(f"report: wrote {a.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
