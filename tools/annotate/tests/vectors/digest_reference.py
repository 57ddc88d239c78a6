#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# BPF lockdown - independent reference of the signed digest for digest_test.c
#
# Recomputes, from the format documented in include/uapi/linux/bpf_lockdown.h
# alone (struct bpf_lockdown_annot_* and enum bpf_lockdown_digest_tag), the
# annotation and the digest of the fixed program of digest_test.c, and prints
# the digest; it must equal the pin in digest_test.c. It does the same for
# the fixed program as an extension (BPF_PROG_TYPE_EXT) of a target whose
# digest is the bytes 0x20 to 0x3f. A signing server that does not link
# digest.c can check its implementation against it.
import hashlib
import struct
import sys

PINNED = "b8b706a3ae567e410701604f511153bd61b7e9ea31b32b7cbaa6ad661ce7b6f4"
PINNED_EXT = "ef2c6268be57fcc03c492ac397bb1a1c6da9f6a397df4ff82c64e258185e168c"


def le(*v):
    return struct.pack("<" + "I" * len(v), *v)


def annotation():
    """Levels none and integrity: may load, CAP_KSYM, map_lookup_elem, two kfuncs;
    confidentiality: nothing; fd_array index 1 sealed."""
    names = b"bpf_rcu_read_lock\0bpf_rcu_read_unlock\0"
    strtab = names + names
    level_off, sealed_off = 64, 64 + 3 * 88
    strtab_off = sealed_off + 4
    total = strtab_off + len(strtab)
    hdr = le(0x41444C42, 1, 64, total, 0, level_off, 3, sealed_off, 1, strtab_off,
             len(strtab), 0, 0, 0, 0, 0)

    def level(flags, caps, helpers, kfunc_off, kfunc_cnt):
        words = [0] * 8
        for h in helpers:
            words[h // 64] |= 1 << (h % 64)
        return le(flags, caps) + struct.pack("<8Q", *words) + le(kfunc_off, kfunc_cnt, 0, 0)

    levels = level(1, 2, [1], 0, 2) + level(1, 2, [1], len(names), 2) + level(0, 0, [], 0, 0)
    blob = hdr + levels + le(1) + strtab
    assert len(blob) == total
    return blob


def record(tag, data):
    return le(tag, len(data)) + data


def insn(code, dst, src, off, imm):
    return struct.pack("<BBhi", code, dst | src << 4, off, imm)


def digest(prog_type, attach_type, attach_name, target=None):
    LD_IMM64, CALL, EXIT = 0x18, 0x85, 0x95
    MAP_IDX, MAP_IDX_VALUE, BTF_ID, KFUNC = 5, 6, 3, 2
    # kfunc calls: imm and off zeroed; ksym ld_imm64: imm zeroed in both halves
    insns = [
        insn(LD_IMM64, 1, MAP_IDX, 0, 0), insn(0, 0, 0, 0, 0),
        insn(LD_IMM64, 2, MAP_IDX_VALUE, 0, 1), insn(0, 0, 0, 0, 8),
        insn(CALL, 0, KFUNC, 0, 0),
        insn(LD_IMM64, 3, BTF_ID, 0, 0), insn(0, 0, 0, 0, 0),
        insn(CALL, 0, 0, 0, 1),
        insn(CALL, 0, KFUNC, 0, 0),
        insn(LD_IMM64, 0, 0, 0, 0x55667788), insn(0, 0, 0, 0, 0x11223344),
        insn(EXIT, 0, 0, 0, 0),
    ]
    btf = bytes([0x9F, 0xEB, 0x01, 0x00, 0x18]) + bytes(19)
    s = record(1, le(1))                       # VERSION
    s += record(2, le(prog_type))              # PROG_TYPE
    s += record(3, le(attach_type))            # ATTACH_TYPE
    s += record(4, attach_name)                # ATTACH_NAME
    s += record(5, b"unlink_watch")            # PROG_NAME
    s += record(6, b"GPL")                     # LICENSE
    s += record(7, b"".join(insns))            # INSNS
    s += record(8, le(4) + b"bpf_rcu_read_lock")     # KFUNC at instruction 4
    s += record(9, le(5) + b"bpf_prog_active")       # KSYM at instruction 5
    s += record(8, le(8) + b"bpf_rcu_read_unlock")   # KFUNC at instruction 8
    s += record(10, le(1, 4, 16, 64, 0))             # MAP 0: hash
    s += record(10, le(2, 4, 32, 1, 0x80) + bytes(range(32)))  # MAP 1: sealed array
    s += record(11, btf)                       # BTF
    s += record(12, le(8) + le(0, 3, 9, 4))    # FUNC_INFO
    s += record(13, le(16) + le(0, 1, 17, 5 << 10 | 2))  # LINE_INFO
    s += record(14, le(16) + le(1, 7, 12, 0))  # CORE_RELO
    s += record(15, annotation())              # ANNOT
    if target is not None:
        s += record(16, target)                # TARGET: extensions only
    return hashlib.sha256(s).hexdigest()


def main():
    # BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY
    d = digest(26, 24, b"do_unlinkat")
    # BPF_PROG_TYPE_EXT of handler(), bound to its target's digest
    e = digest(28, 0, b"handler", bytes(range(0x20, 0x40)))
    print(d)
    print(e)
    return 0 if d == PINNED and e == PINNED_EXT else 1


if __name__ == "__main__":
    sys.exit(main())
