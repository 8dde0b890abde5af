#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the RESULT lines of the VM benchmark scripts into a table (stdout,
or Markdown with --markdown) and a JSON file.

A RESULT line is `RESULT KIND IMPL SUITE SIZE key=value ...`; rates are
pps (pps: end to end, from the sender's first frame to the sink's last
datagram, `blast rate`; sink_pps: the sink's first-to-last rate, kept for
reference), and Gbit/s is computed from the inner packet size.  Ratios compare
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
            if r["kind"] == "sa" and not r.get("rate") and r.get("secs"):
                r["rate"] = round(r["pairs"] / r["secs"], 1)
            rows.append(r)
    return rows


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def median(v):
    v = sorted(x for x in v if x is not None)
    if not v:
        return None
    m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2


def rx_table(rows, kind):
    """rows of one kind (rx/tx) -> list of dicts per (suite, size).

    pps is the median over the rounds; a ratio is the median of the
    per-round ratios (both sides measured minutes apart at most)."""
    out = []
    mine = [r for r in rows if r["kind"] == kind]
    keys = sorted({(r["suite"], int(r["size"])) for r in mine if r["suite"] != "-"})
    plain = {}
    for r in mine:
        if r["impl"] == "plain":
            plain.setdefault(int(r["size"]), []).append(r.get("pps", 0))
    for suite, size in keys:
        runs = [r for r in mine if r["suite"] == suite and int(r["size"]) == size]
        ent = {"suite": suite, "size": size,
               "plain_pps": median(plain.get(size, []))}
        by_round = {}
        for r in runs:
            by_round.setdefault(r.get("round", 1), {})[r["impl"]] = r.get("pps", 0)
        for i in sorted({r["impl"] for r in runs}):
            mr = [r for r in runs if r["impl"] == i]
            pps = median([r.get("pps", 0) for r in mr])
            ent[i] = {"pps": pps, "gbps": round(pps * size * 8 / 1e9, 4),
                      "pps_rounds": [r.get("pps", 0) for r in mr],
                      "delivered": [r.get("pkts") for r in mr],
                      "sent": [r.get("sent") for r in mr]}
        # Per-packet cost the implementation adds over the unencrypted
        # baseline (same injector, stack and sink), in TCG microseconds.
        pl = ent["plain_pps"]
        for i in ("mnha", "xfrm", "udecap", "wireguard"):
            if i in ent and pl and ent[i]["pps"]:
                ent[i]["added_us"] = round(1e6 / ent[i]["pps"] - 1e6 / pl, 1)
        ax, am = ent.get("xfrm", {}).get("added_us"), ent.get("mnha", {}).get("added_us")
        ent["decap_cost_xfrm_vs_mnha"] = round(ax / am, 2) if ax and am and am > 0 else None
        for other in ("xfrm", "udecap", "wireguard"):
            ent[f"mnha_vs_{other}"] = median(
                [ratio(v.get("mnha"), v.get(other)) for v in by_round.values()])
            if ent[f"mnha_vs_{other}"] is not None:
                ent[f"mnha_vs_{other}"] = round(ent[f"mnha_vs_{other}"], 2)
        out.append(ent)
    return out


def fmt_table(title, ents, impls, md, tx=False):
    lines = []
    # on transmit the user-space column is uencap (stored as "udecap")
    names = {"udecap": "uencap"} if tx else {}
    hdr = ["suite", "inner B"] + [f"{names.get(i, i)} kpps (Gbit/s)" for i in impls] + \
        ["mnha/xfrm", f"mnha/{names.get('udecap', 'udecap')}",
         "encap us mnha/xfrm" if tx else "decap us mnha/xfrm"]
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
        am, ax = e.get("mnha", {}).get("added_us"), e.get("xfrm", {}).get("added_us")
        cells.append(f"{am:.0f} / {ax:.0f}" if am is not None and ax is not None else "-")
        if md:
            lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append("  ".join(f"{c:>18}" if n > 1 else f"{c:<26}" if n == 0 else f"{c:>7}"
                                   for n, c in enumerate(cells)))
    return "\n".join(lines)


def sa_table(rows):
    out = []
    for n in sorted({int(r["size"]) for r in rows if r["kind"] == "sa"}):
        by = {r["impl"]: r for r in rows if r["kind"] == "sa" and int(r["size"]) == n}
        ent = {"pairs": n}
        for i, r in list(by.items()):
            if r.get("valid", 1) != 1:	# the run did not install every pair
                ent[i] = {"failed": True}
                del by[i]
                continue
            ent[i] = {k: r.get(k) for k in ("secs", "rate", "p50_us", "p99_us", "slab_kb")
                      if k in r}
            if r.get("slab_kb") is not None:
                ent[i]["slab_kb_per_pair"] = round(r["slab_kb"] / n, 2)
        ent["psac_vs_ipbatch"] = ratio(by.get("psac", {}).get("rate"),
                                       by.get("ipbatch", {}).get("rate"))
        ent["psac_vs_netlink"] = ratio(by.get("psac", {}).get("rate"),
                                       by.get("netlink", {}).get("rate"))
        out.append(ent)
    return out


def fmt_sa(ents, kver, md):
    hdr = ["SA pairs", "psac pairs/s", "psac p50/p99 ms", "ip -batch pairs/s",
           "NETLINK_XFRM pairs/s", "psac/ip-batch", "psac/netlink",
           "Slab kB/pair psac", "Slab kB/pair ip"]
    rows = []
    for e in ents:
        p, b, x = e.get("psac", {}), e.get("ipbatch", {}), e.get("netlink", {})
        def rt(d):
            return "FAILED" if d.get("failed") else f"{d.get('rate', 0):.1f}"
        rows.append([str(e["pairs"]), rt(p),
                     f"{p.get('p50_us', 0) / 1000:.2f} / {p.get('p99_us', 0) / 1000:.2f}",
                     rt(b), rt(x),
                     f"{e['psac_vs_ipbatch']:.2f}x" if e["psac_vs_ipbatch"] else "-",
                     f"{e['psac_vs_netlink']:.2f}x" if e["psac_vs_netlink"] else "-",
                     str(p.get("slab_kb_per_pair", "-")), str(b.get("slab_kb_per_pair", "-"))])
    title = f"SA provisioning (SACONFIGURATION -> installed pair), kernel {kver}"
    if md:
        lines = [f"\n**{title}**\n", "| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        lines = [f"\n{title}", "  ".join(f"{h:>18}" for h in hdr)]
        lines += ["  ".join(f"{c:>18}" for c in r) for r in rows]
    return "\n".join(lines)


def scale_table(rows):
    """mnha receive rate per number of installed SAs (bench_scale.sh):
    median pps over the rounds and its ratio to the 1-SA level."""
    runs = [r for r in rows if r["kind"] == "scale"]
    loads = {int(r["sas"]): r for r in rows if r["kind"] == "scaleload"}
    out = []
    for n in sorted({int(r["sas"]) for r in runs}):
        mine = [r for r in runs if int(r["sas"]) == n]
        ent = {"sas": n, "suite": mine[0]["suite"], "size": int(mine[0]["size"]),
               "pps": median([r.get("pps", 0) for r in mine]),
               "pps_rounds": [r.get("pps", 0) for r in mine],
               "inj_pps": median([r.get("inj_pps") for r in mine]),
               "delivered": [r.get("pkts") for r in mine],
               "sent": [r.get("sent") for r in mine]}
        if n in loads:
            ent["load_added"] = loads[n].get("added")
            ent["load_secs"] = loads[n].get("secs")
            ent["load_rate"] = loads[n].get("rate")
        out.append(ent)
    # The injector's rate is the steadier measure (the receiver decrypts in
    # the injector's softirq, and the injector's timing contains no start-up
    # or drain): use it for the ratio when every level has it.
    key = "inj_pps" if out and all(e.get("inj_pps") for e in out) else "pps"
    base = out[0][key] if out and out[0]["sas"] == 1 else None
    for e in out:
        e["vs_1sa"] = ratio(e[key], base)
        e["vs_1sa_of"] = key
    return out


def fmt_scale(ents, kver, md):
    hdr = ["installed SAs", "mnha kpps (end to end)", "rounds kpps", "injector kpps",
           "vs 1 SA" + (" (injector)" if ents and ents[0].get("vs_1sa_of") == "inj_pps" else ""),
           "SAs added", "load SAs/s"]
    rows = [[str(e["sas"]), f"{e['pps'] / 1000:.2f}",
             " ".join(f"{p / 1000:.2f}" for p in e["pps_rounds"]),
             f"{e['inj_pps'] / 1000:.2f}" if e.get("inj_pps") else "-",
             f"{e['vs_1sa']:.2f}x" if e["vs_1sa"] else "-",
             str(e.get("load_added", "-")),
             f"{e['load_rate']:.0f}" if e.get("load_rate") else "-"] for e in ents]
    title = (f"Scaling: mnha receive, {SUITE_NAMES.get(ents[0]['suite'])}, "
             f"{ents[0]['size']} B inner, vs installed MN-HA SAs, kernel {kver}")
    if md:
        lines = [f"\n**{title}**\n", "| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        lines = [f"\n{title}", "  ".join(f"{h:>14}" for h in hdr)]
        lines += ["  ".join(f"{c:>14}" for c in r) for r in rows]
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
    text = [f"# kernel {a.kver} in qemu TCG; host {a.host}" if a.kver != "host" else "# on the host"]
    for kind, title in (("rx", "MN-HA receive (pps delivered to a UDP sink)"),
                        ("tx", "MN-HA transmit (pps arriving encrypted at the veth peer)")):
        ents = rx_table(rows, kind)
        if not ents:
            continue
        doc[kind] = ents
        impls = [i for i in ("mnha", "xfrm", "udecap", "wireguard")
                 if any(i in e for e in ents)]
        text.append(fmt_table(f"{title}, kernel {a.kver}", ents, impls, a.markdown,
                              tx=kind == "tx"))
        plain = {e["size"]: e["plain_pps"] for e in ents if e.get("plain_pps")}
        if plain:
            text.append("  unencrypted baseline (injector + stack + sink), kpps: " +
                        ", ".join(f"{s} B {p / 1000:.2f}" for s, p in sorted(plain.items())))
    sa = sa_table(rows)
    if sa:
        doc["sa"] = sa
        text.append(fmt_sa(sa, a.kver, a.markdown))
    live = [r for r in rows if r["kind"] == "live"]
    if live:	# bench_wg.sh: live sender + receiver, per size
        doc["live"] = []
        text.append(f"\nWireGuard, LIVE sender (encryption + decryption), kernel {a.kver}; "
                    "not comparable with the injected receive table")
        for size in sorted({int(r["size"]) for r in live}):
            ent = {"size": size}
            for i in ("wireguard", "mnha", "plain"):
                v = [r.get("pps", 0) for r in live if r["impl"] == i and int(r["size"]) == size]
                ent[i] = {"pps": median(v), "pps_rounds": v}
            w, m, p_ = ent["wireguard"]["pps"], ent["mnha"]["pps"], ent["plain"]["pps"]
            ent["wireguard_added_us"] = round(1e6 / w - 1e6 / p_, 1) if w and p_ else None
            ent["mnha_added_us"] = round(1e6 / m - 1e6 / p_, 1) if m and p_ else None
            ent["mnha_vs_wireguard"] = ratio(m, w)
            doc["live"].append(ent)
            text.append(f"  {size:>5} B: wireguard {(w or 0) / 1000:.2f} kpps "
                        f"({(w or 0) * size * 8 / 1e9:.3f} Gbit/s), mnha GCM {(m or 0) / 1000:.2f} kpps, "
                        f"plain {(p_ or 0) / 1000:.2f} kpps; added us/packet wireguard "
                        f"{ent['wireguard_added_us']} mnha {ent['mnha_added_us']}; "
                        f"mnha/wireguard {ent['mnha_vs_wireguard'] or '-'}x")
    sc = scale_table(rows)
    if sc:
        doc["scale"] = sc
        text.append(fmt_scale(sc, a.kver, a.markdown))
    prow = [r for r in rows if r["kind"] == "plugin"]
    if prow:
        plug, rounds = {}, {}
        for r in prow:
            plug.setdefault(r["impl"], []).append(r)
            rounds.setdefault(r.get("round", 1), {})[r["impl"]] = r.get("pps")
        med = {k: median([r.get("pps") for r in v]) for k, v in plug.items()}
        doc["plugin"] = {k: {"pps": med[k], "pps_rounds": [r.get("pps") for r in v],
                             "decoded": [r.get("decoded") for r in v],
                             "pkts": v[0].get("pkts")} for k, v in plug.items()}
        doc["plugin_ratios"] = {
            "mnha_vs_esp": median([ratio(v.get("mnha"), v.get("esp")) for v in rounds.values()]),
            "mnha_vs_espudp": median([ratio(v.get("mnha"), v.get("espudp"))
                                      for v in rounds.values()]),
            "psac_vs_dhcpv6": median([ratio(v.get("psac"), v.get("dhcpv6")) for v in rounds.values()])}
        text.append("\ntshark on the host (packets per CPU second, start-up removed; "
                    "median of rounds)")
        for k, title in (("mnha", "MN-HA AES-128-GCM, psac.so (uat:mnha_sa)"),
                         ("esp", "ESP AES-GCM-16, built-in ESP dissector (uat:esp_sa)"),
                         ("espudp", "the same ESP in UDP 4500 (MN-HA's layering)"),
                         ("psac", "DHCPv6 SACONFIGURATION, psac.so (PSK: HMAC + unwrap)"),
                         ("dhcpv6", "plain DHCPv6 Reply, same size")):
            if k in plug:
                d = doc["plugin"][k]
                text.append(f"  {title:<55} {d['pps']:>10.0f} pps  rounds {d['pps_rounds']}")
        pr = doc["plugin_ratios"]
        text.append(f"  ratios (median of per-round ratios): MN-HA/ESP {pr['mnha_vs_esp']}x, "
                    f"MN-HA/ESP-in-UDP {pr['mnha_vs_espudp']}x, "
                    f"PSAC/DHCPv6 {pr['psac_vs_dhcpv6']}x")
    others = [r for r in rows if r["kind"] not in ("rx", "tx", "sa", "plugin", "scale", "scaleload", "live")]
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
