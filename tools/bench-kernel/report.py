#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown - the report of scripts/bench-kernel from the VM logs
#
#   report.py BENCH_DIR TOP
#
# Reads BENCH_DIR/kernel-vm-ROUND-BOOT.log (the S, P, I and X lines of
# tools/bench-kernel/bench_kernel.c), writes BENCH_DIR/kernel.txt,
# BENCH_DIR/kernel-scale.dat and BENCH_DIR/kernel.gp (the gnuplot script of
# kernel.png).
import collections
import datetime
import glob
import os
import platform
import re
import statistics
import subprocess
import sys

bench, top = sys.argv[1], sys.argv[2]

series = {}     # (round, exp, tag, variant, size, metric) -> [values]
phases = {}     # (round, exp, tag, size, phase) -> (loads, ns)
info = collections.defaultdict(list)    # round -> I lines
boots = []      # X lines
errors = []
for path in sorted(glob.glob(f"{bench}/kernel-vm-*.log")):
    m = re.search(r"kernel-vm-(\d+)-([AB])\.log$", path)
    if not m:
        continue
    rnd = int(m[1])
    for line in open(path, errors="replace"):
        f = line.split()
        if not f:
            continue
        if f[0] == "S" and len(f) >= 6:
            series[(rnd, f[1], f[2], f[3], int(f[4]), f[5])] = [int(x) for x in f[6:]]
        elif f[0] == "P" and len(f) == 7:
            phases[(rnd, f[1], f[2], int(f[3]), f[4])] = (int(f[5]), int(f[6]))
        elif f[0] == "I":
            info[rnd].append(line.strip()[2:])
        elif f[0] == "X":
            boots.append(line.strip()[2:])
        elif f[0] == "E" or line.startswith("vm-run:"):
            errors.append(f"round {rnd} boot {m[2]}: {line.strip()}")
rounds = sorted({k[0] for k in series})


def quart(v):
    v = sorted(v)
    if len(v) < 4:
        return v[0], statistics.median(v), v[-1]
    q = statistics.quantiles(v, n=4, method="inclusive")
    return q[0], q[1], q[2]


def med(v):
    return statistics.median(v)


def get(rnd, exp, tag, variant, size, metric):
    return series.get((rnd, exp, tag, variant, size, metric))


def ratio_of_medians(num, den):
    """median(num) / median(den) per round, and the pooled per-round list"""
    out = []
    for r in rounds:
        a, b = num(r), den(r)
        if a and b and med(b) > 0:
            out.append(med(a) / med(b))
    return out


def ratio_of_mins(num, den):
    """min(num) / min(den) per round: contention only adds time, so the
    fastest of many repetitions is the least disturbed"""
    out = []
    for r in rounds:
        a, b = num(r), den(r)
        if a and b and min(b) > 0:
            out.append(min(a) / min(b))
    return out


def paired(a, b):
    """per-repetition ratios a[i]/b[i] of two interleaved series"""
    return [x / y for x, y in zip(a, b) if y > 0]


def fmt_ratio(rs):
    """median of per-round ratios, with their range when there are several"""
    if not rs:
        return "n/a"
    m = med(rs)
    if len(rs) == 1:
        return f"{m:.3f}"
    return f"{m:.3f} ({min(rs):.3f}-{max(rs):.3f})"


def fmt_iqr(v, unit=1.0, fmt="{:.3f}"):
    q1, q2, q3 = quart(v)
    return f"{fmt.format(q2 / unit)} [{fmt.format(q1 / unit)}-{fmt.format(q3 / unit)}]"


out = []


def p(s=""):
    out.append(s)


now = datetime.datetime.now(datetime.timezone.utc)
cpu = ""
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
p("BPF lockdown: what the feature costs the kernel (make bench-kernel)")
p(f"{now:%Y-%m-%d %H:%M} UTC; host {platform.machine()} {os.cpu_count()} CPUs ({cpu}); "
  "VM: qemu TCG, -cpu max, 2 vCPUs, 2 GiB")
kinfo = [i for r in rounds for i in info[r] if i.startswith("kernel ")]
t = ""
if os.path.exists(f"{bench}/kernel-time.txt"):
    t = open(f"{bench}/kernel-time.txt").read().split()[-1]
p(f"{len(rounds)} rounds of two boots; " + (f"{t} s in all; " if t else "") +
  "; ".join(b for b in boots))
p("Ratios are of medians; a range in parentheses is the lowest and highest of")
p("the rounds (each round is a pair of boots); [a-b] is an interquartile range.")
p("Absolute times are of a TCG VM and mean little; the ratios are the result.")
if errors:
    p()
    p("ERRORS:")
    for e in errors[:20]:
        p(f"  {e}")
p()

sizes = [100, 1000, 10000, 100000]
scale_rows = collections.defaultdict(dict)

# --- P1 ---------------------------------------------------------------------
p("P1 signature: BPF_PROG_LOAD wall time at lockdown=integrity, mode=enforce")
p("  signed = annotated and signed; annotated = the annotation only; plain = neither;")
p("  interleaved in one boot. Target: signed/plain <= 1.05 at 1k, <= 1.01 at 100k.")
p()
p(f"  {'insns':>7} {'plain ms':>18} {'signed/plain':>22} {'paired [IQR]':>22} {'annotated/plain':>16}")
for s in sizes:
    plain = lambda r, v="plain": get(r, "p1", "enforce", v, s, "wall_ns")
    rs = ratio_of_medians(lambda r: plain(r, "signed"), plain)
    ra = ratio_of_medians(lambda r: plain(r, "annotated"), plain)
    pr = [x for r in rounds if plain(r) for x in paired(plain(r, "signed"), plain(r))]
    allplain = [x for r in rounds if plain(r) for x in plain(r)]
    if not rs:
        continue
    scale_rows[s]["p1"] = med(rs)
    p(f"  {s:>7} {fmt_iqr(allplain, 1e6, '{:.2f}'):>18} {fmt_ratio(rs):>22} "
      f"{fmt_iqr(pr):>22} {fmt_ratio(ra):>16}")
p()

# the parts of the signed cost, from the kernel's phase times
PH = ["annot", "sig_scan", "sig_maps", "sig_copy", "sig_digest", "sig_verify", "sig_total"]
have_phases = any(k[1] == "p1" for k in phases)
attributed = {}
if have_phases:
    p("  The signed cost (median signed - median plain), and its parts as the kernel")
    p("  times them (stats file, mean per load; annot over annotated and signed loads):")
    p(f"  {'insns':>7} {'extra us':>9} {'annot':>7} {'scan':>7} {'maps':>7} {'copies':>7} "
      f"{'digest':>7} {'pkcs7':>7} {'other':>7}  dominant")
    for s in sizes:
        extra, parts = [], collections.defaultdict(list)
        for r in rounds:
            a, b = get(r, "p1", "enforce", "signed", s, "wall_ns"), \
                get(r, "p1", "enforce", "plain", s, "wall_ns")
            if not a or not b:
                continue
            extra.append((med(a) - med(b)) / 1000)
            for ph in PH:
                ld, ns = phases.get((r, "p1", "enforce", s, ph), (0, 0))
                if ld:
                    parts[ph].append(ns / ld / 1000)
        if not extra or not parts:
            continue
        pm = {ph: med(parts[ph]) if parts[ph] else 0 for ph in PH}
        inside = sum(pm[ph] for ph in PH[:6])
        other = med(extra) - inside
        named = {"annot": pm["annot"], "scan": pm["sig_scan"], "maps": pm["sig_maps"],
                 "copies": pm["sig_copy"], "digest": pm["sig_digest"],
                 "pkcs7": pm["sig_verify"], "other": other}
        dom = max(named, key=named.get)
        plain_us = med([med(get(r, "p1", "enforce", "plain", s, "wall_ns")) / 1000
                        for r in rounds if get(r, "p1", "enforce", "plain", s, "wall_ns")])
        attributed[s] = 1 + (pm["annot"] + pm["sig_total"]) / plain_us
        p(f"  {s:>7} {med(extra):>9.0f} {pm['annot']:>7.0f} {pm['sig_scan']:>7.0f} "
          f"{pm['sig_maps']:>7.0f} {pm['sig_copy']:>7.0f} {pm['sig_digest']:>7.0f} "
          f"{pm['sig_verify']:>7.0f} {other:>7.0f}  {dom} "
          f"({100 * named[dom] / med(extra) if med(extra) > 0 else 0:.0f}%)")
        scale_rows[s]["p1_digest_us"] = pm["sig_digest"]
        scale_rows[s]["p1_verify_us"] = pm["sig_verify"]
    p("  other: what the phases do not cover (the rest of the signed path, and the")
    p("  noise of two medians); in microseconds, all columns.")
    p()
    p("  The same ratio from the kernel's own times, which the load of the machine")
    p("  disturbs far less: (median plain + annot + sig_total) / median plain:")
    p("  " + "; ".join(f"{s}: {attributed[s]:.3f}" for s in sizes if s in attributed))
    for s in attributed:
        scale_rows[s]["p1_attr"] = attributed[s]
else:
    p("  (no phase times: the kernel's stats file has no 'time' lines)")
p()

# SHA-256 throughput
p("SHA-256 throughput in the same VM")
kern = []
for r in rounds:
    big = phases.get((r, "sha", "vm", 1048576, "sig_maps"))
    small = phases.get((r, "sha", "vm", 4096, "sig_maps"))
    if big and small and big[0] and small[0]:
        dns = big[1] / big[0] - small[1] / small[0]
        if dns > 0:
            kern.append((1048576 - 4096) / dns * 1e9 / 1e6)
ossl = [1048576 / x * 1e9 / 1e6 for r in rounds for x in (get(r, "sha", "vm", "openssl",
                                                             1048576, "wall_ns") or [])]
if kern:
    p(f"  kernel lib/crypto sha256 (a 1 MiB sealed map minus a 4 KiB one): "
      f"{med(kern):.1f} MB/s")
if ossl:
    p(f"  OpenSSL in user space, 1 MiB: {fmt_iqr(ossl, 1, '{:.1f}')} MB/s")
dig = []
for s in sizes:
    for r in rounds:
        ph = phases.get((r, "p1", "enforce", s, "sig_digest"))
        b = [i for i in info[r] if i.startswith(f"p1 size {s} ")]
        if ph and ph[0] and b:
            nbytes = int(re.search(r"digest_bytes (\d+)", b[0])[1])
            dig.append((s, nbytes, nbytes / (ph[1] / ph[0]) * 1e9 / 1e6))
by = collections.defaultdict(list)
for s, nb, mbs in dig:
    by[s].append((nb, mbs))
for s in sizes:
    if by[s]:
        nb = by[s][0][0]
        mbs = med([x[1] for x in by[s]])
        rel = f", {mbs / med(kern):.2f} of the kernel's SHA-256 throughput" if kern else ""
        p(f"  digest of the {s}-insn program: about {nb} bytes, {mbs:.1f} MB/s{rel}")
p()

# --- P2 ---------------------------------------------------------------------
p("P2 tier: the verifier's own time (BPF_LOG_STATS 'verification time', us) of the")
p("  same unsigned programs; alu: stack and ALU work, a helper call every ~40;")
p("  helpers: a helper call site every 2 instructions; btf: a load through a")
p("  BTF pointer (task_struct) every 2. Target: enforce/off <= 1.01.")
p("  enforce/off: boot B, lockdown=integrity, mode off then raised to enforce;")
p("  integrity/none: boot A, the tier idle at lockdown=none, then active;")
p("  none2/none1: boot A, two phases in the same conditions (the order alone).")
p("  Each as a ratio of medians, then of minima (the fastest of the repetitions,")
p("  which other work on the machine disturbs least).")
p()
p(f"  {'family':>8} {'insns':>7} {'off us':>8} {'enforce/off':>24} {'integrity/none':>24} "
  f"{'none2/none1':>24}")
for fam in ["alu", "helpers", "btf"]:
    for s in sizes:
        g = lambda tag: (lambda r: get(r, "p2", tag, fam, s, "verif_us"))
        eo = ratio_of_medians(g("enforce"), g("off"))
        ino = ratio_of_medians(g("integrity"), g("none1"))
        nn = ratio_of_medians(g("none2"), g("none1"))
        eom = ratio_of_mins(g("enforce"), g("off"))
        inom = ratio_of_mins(g("integrity"), g("none1"))
        nnm = ratio_of_mins(g("none2"), g("none1"))
        off = [x for r in rounds for x in (g("off")(r) or [])]
        if not eo and not ino:
            continue
        scale_rows[s][f"p2_{fam}"] = med(eom) if eom else float("nan")
        scale_rows[s][f"p2_{fam}_ctl"] = med(nnm) if nnm else float("nan")
        two = lambda a, b: (f"{med(a):.3f} / {med(b):.3f}" if a and b else "n/a") + \
            (f" {chr(177)}{(max(b) - min(b)) / 2:.3f}" if len(b) > 1 else "")
        p(f"  {fam:>8} {s:>7} {med(off) if off else 0:>8.0f} {two(eo, eom):>24} "
          f"{two(ino, inom):>24} {two(nn, nnm):>24}")
p()
p("  wall time of the same loads (ns, BPF_PROG_LOAD with the log), enforce/off:")
for fam in ["alu", "helpers", "btf"]:
    row = []
    for s in sizes:
        g = lambda tag: (lambda r: get(r, "p2", tag, fam, s, "wall_ns"))
        eo = ratio_of_medians(g("enforce"), g("off"))
        row.append(f"{s}: {fmt_ratio(eo)}")
    p(f"  {fam:>8}  " + "; ".join(row))
p()

# --- P3 ---------------------------------------------------------------------
p("P3 run time: BPF_PROG_TEST_RUN (kernel's mean ns per run) of the same socket")
p("  filter loaded at lockdown=none (tier idle), at integrity (enforce), signed at")
p("  integrity, and at confidentiality (enforce); all in boot A, each level's sets")
p("  run before the next raise (a program loaded before a raise is not test-run")
p("  after it), integrity's two interleaved round by round. Target: 1.00 within noise.")
p()
p(f"  {'insns':>7} {'none ns/run':>20} {'integrity/none':>22} {'signed/none':>22} "
  f"{'confid./none':>22}  xlated bytes none/int/signed/conf")
for s in [100, 1000, 10000]:
    g = lambda tag: (lambda r: get(r, "p3", tag, "run", s, "ns_per_run"))
    ri = ratio_of_medians(g("integrity"), g("none"))
    rsg = ratio_of_medians(g("signed"), g("none"))
    rc = ratio_of_medians(g("confidentiality"), g("none"))
    base = [x for r in rounds for x in (g("none")(r) or [])]
    if not ri:
        continue
    xl = []
    for tag in ["none", "integrity", "signed", "confidentiality"]:
        v = [i for r in rounds for i in info[r] if i.startswith(f"p3 {tag} {s} ")]
        m = re.search(r"xlated_bytes (\d+)", v[0]) if v else None
        xl.append(m[1] if m else "refused" if v and " refused " in v[0] else "?")
    conf_refused = [i for r in rounds for i in info[r]
                    if i.startswith(f"p3 confidentiality {s} refused")]
    scale_rows[s]["p3_int"] = med(ri)
    scale_rows[s]["p3_signed"] = med(rsg) if rsg else float("nan")
    scale_rows[s]["p3_conf"] = med(rc) if rc else float("nan")
    # integrity's two sets run interleaved: pair them (none ran in a phase of its own)
    pi = [x for r in rounds if g("integrity")(r) and g("signed")(r)
          for x in paired(g("signed")(r), g("integrity")(r))]
    p(f"  {s:>7} {fmt_iqr(base, 1, '{:.0f}'):>20} {fmt_ratio(ri):>22} {fmt_ratio(rsg):>22} "
      f"{fmt_ratio(rc) if rc else 'not loaded':>22}  {'/'.join(xl)}")
    if conf_refused:
        p(f"  {'':>7} at confidentiality: {conf_refused[0].split(' ', 4)[4][:150]}")
    p(f"  {'':>7} {'':>20} paired signed/integrity {fmt_iqr(pi)}")
p()

# --- P4 ---------------------------------------------------------------------
p("P4 audit mode: a kprobe program with 16 references to denied maps (devmap) and")
p("  call sites of 2 denied helpers (send_signal, send_signal_thread), at integrity;")
p("  wall time of BPF_PROG_LOAD, with a stats log (log4: the buffered verifier lines")
p("  are written) and without (log0). off loads it silently; audit loads it and")
p("  reports every would-be refusal; enforce refuses it at the first one.")
p()
p(f"  {'insns':>7} {'off ms log4':>12} {'audit/off log4':>22} {'audit/off log0':>22} "
  f"{'enforce/off log4':>22}  outcome, lockdown lines (off/audit/enforce)")
for s in [100, 1000, 10000]:
    g = lambda tag, lv: (lambda r: get(r, "p4", tag, lv, s, "wall_ns"))
    a4 = ratio_of_medians(g("audit", "log4"), g("off", "log4"))
    a0 = ratio_of_medians(g("audit", "log0"), g("off", "log0"))
    e4 = ratio_of_medians(g("enforce", "log4"), g("off", "log4"))
    off = [x for r in rounds for x in (g("off", "log4")(r) or [])]
    if not a4:
        continue
    oc = []
    for tag in ["off", "audit", "enforce"]:
        v = [i for r in rounds[:1] for i in info[r] if i.startswith(f"p4 {tag} {s} ")]
        m = re.search(r"result (.*) lockdown_lines (\d+)", v[0]) if v else None
        oc.append(f"{m[1]}, {m[2]}" if m else "?")
    scale_rows[s]["p4_audit"] = med(a4)
    p(f"  {s:>7} {med(off) / 1e6:>12.2f} {fmt_ratio(a4):>22} {fmt_ratio(a0):>22} "
      f"{fmt_ratio(e4):>22}  {' / '.join(oc)}")
p()

# --- scale ------------------------------------------------------------------
cols = [("p1", "P1 signed/plain"), ("p1_attr", "P1 attributed"), ("p2_alu", "P2 alu"), ("p2_helpers", "P2 helpers"),
        ("p2_btf", "P2 btf"), ("p2_alu_ctl", "P2 alu none2/1"), ("p3_int", "P3 integrity"), ("p3_conf", "P3 confid."),
        ("p4_audit", "P4 audit/off")]
p("Scale: each ratio by program size (instructions); P1 and P3-P4 are ratios of")
p("medians, P2 of minima (enforce/off, and the control none2/none1 of alu)")
p("  " + f"{'insns':>7} " + " ".join(f"{c[1]:>15}" for c in cols))
with open(f"{bench}/kernel-scale.dat", "w") as dat:
    dat.write("# insns " + " ".join(c[0] for c in cols) + "\n")
    for s in sizes:
        row = scale_rows.get(s, {})
        p("  " + f"{s:>7} " + " ".join(
            f"{row[c[0]]:>15.3f}" if c[0] in row and row[c[0]] == row[c[0]] else f"{'-':>15}"
            for c in cols))
        dat.write(f"{s} " + " ".join(
            f"{row[c[0]]:.4f}" if c[0] in row and row[c[0]] == row[c[0]] else "NaN"
            for c in cols) + "\n")
p()
p("Plot: build/bench/kernel.png (the same ratios, log scale of size)")

with open(f"{bench}/kernel.gp", "w") as gp:
    gp.write(f"""set terminal pngcairo size 900,560 font ",10"
set output "{bench}/kernel.png"
set title "BPF lockdown: cost ratios by program size (make bench-kernel, {now:%Y-%m-%d})"
set logscale x
set xlabel "program size (instructions)"
set ylabel "ratio (with the feature / without)"
set key top right
set grid
set datafile missing "NaN"
set xrange [70:140000]
""")
    plots = []
    for i, (c, title) in enumerate(cols):
        plots.append(f'"{bench}/kernel-scale.dat" using 1:{i + 2} with linespoints '
                     f'title "{title}"')
    gp.write("plot " + ", \\\n     ".join(plots) + ", \\\n     1 notitle lc rgb 'gray'\n")

open(f"{bench}/kernel.txt", "w").write("\n".join(out) + "\n")
