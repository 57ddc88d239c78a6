#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# bpf-annotate tests - edit a BPF object the way an attacker or a broken
# tool would, using only the documented formats:
#   elfedit.py relo-type IN OUT TYPE     first code relocation gets TYPE
#   elfedit.py flip IN OUT PROG WHAT     flip one byte of a sealed component:
#                                        insns (last instruction's imm),
#                                        map-data (first map with contents),
#                                        license (first byte),
#                                        target (first byte of the target
#                                        digest of a freplace program)
#   elfedit.py corrupt IN OUT WHAT       break .bpf_lockdown: version,
#                                        total-size, record-length (of the
#                                        first record), map-index
#   elfedit.py symtab-nobits IN OUT      .symtab becomes SHT_NOBITS at an
#                                        offset far outside the file
#   elfedit.py sealed-nobits IN OUT      .bpf_lockdown becomes SHT_NOBITS
#                                        of 1 MiB
#   elfedit.py extern-wrap IN OUT        the first extern of .bpf_lockdown
#                                        becomes a ksym load at instruction
#                                        0xffffffff (wraps past the end)
#   elfedit.py rename-prog IN OUT        the last letter of the first
#                                        program's name in both sections
#                                        becomes X: a sealed, signed record
#                                        of no program of the object
#   elfedit.py big-sig IN OUT            the first signature of
#                                        .bpf_lockdown.sig grows to 9000
#                                        bytes (the kernel takes 8192); the
#                                        section moves to the end of the file
import struct
import sys


def sections(b):
    shoff, = struct.unpack_from('<Q', b, 40)
    shnum, shstrndx = struct.unpack_from('<HH', b, 60)
    hdrs = [struct.unpack_from('<IIQQQQIIQQ', b, shoff + 64 * i) for i in range(shnum)]
    stroff = hdrs[shstrndx][4]
    for h in hdrs:
        name = b[stroff + h[0]:b.index(b'\0', stroff + h[0])].decode()
        yield name, h


def records(b, off, end):
    while off < end:
        tag, length = struct.unpack_from('<II', b, off)
        yield tag, off + 8, length
        off += 8 + length


def relo_type(b, typ):
    for name, h in sections(b):
        if h[1] == 9 and not name.startswith(('.rel.debug', '.rel.BTF')):
            r_off, r_info = struct.unpack_from('<QQ', b, h[4])
            struct.pack_into('<QQ', b, h[4], r_off, (r_info & ~0xffffffff) | typ)
            return
    sys.exit('no code relocation')


def flip(b, prog, what):
    sec = [h for name, h in sections(b) if name == '.bpf_lockdown'][0]
    off, end = sec[4] + 16, sec[4] + sec[5]
    for tag, val, length in records(b, off, end):
        if tag == 2 and what == 'map-data':
            for t, v, n in records(b, val, val + length):
                if t == 3:
                    b[v] ^= 0xff
                    return
        if tag != 3:
            continue
        sub = {t: (v, n) for t, v, n in records(b, val, val + length)}
        if b[sub[1][0]:sub[1][0] + sub[1][1]].decode() != prog:
            continue
        if what == 'insns':
            v, n = sub[6]
            b[v + n - 4] ^= 1
        elif what == 'license':
            b[sub[4][0]] ^= 0x20
        elif what == 'target':
            b[sub[12][0]] ^= 1
        return
    sys.exit('nothing to flip')


def corrupt(b, what):
    sec = [h for name, h in sections(b) if name == '.bpf_lockdown'][0]
    off = sec[4]
    if what == 'version':
        struct.pack_into('<I', b, off + 4, 2)
    elif what == 'total-size':
        struct.pack_into('<I', b, off + 12, sec[5] + 1)
    elif what == 'record-length':
        struct.pack_into('<I', b, off + 20, 0x7fffffff)
    elif what == 'map-index':
        for tag, val, length in records(b, off + 16, off + sec[5]):
            if tag == 2:
                for t, v, n in records(b, val, val + length):
                    if t == 2:
                        struct.pack_into('<I', b, v, 7)
                        return


def section_index(b, want):
    for i, (name, h) in enumerate(sections(b)):
        if name == want:
            return i, h
    sys.exit('no section ' + want)


def extern_wrap(b):
    _, sec = section_index(b, '.bpf_lockdown')
    for tag, val, length in records(b, sec[4] + 16, sec[4] + sec[5]):
        if tag == 3:
            for t, v, n in records(b, val, val + length):
                if t == 10:
                    struct.pack_into('<III', b, v, 0xffffffff, 12, 1)
                    return
    sys.exit('no extern')


def rename_prog(b):
    for sec_name, outer, inner in (('.bpf_lockdown', 3, 1), ('.bpf_lockdown.sig', 1, 1)):
        _, sec = section_index(b, sec_name)
        done = False
        for tag, val, length in records(b, sec[4] + 16, sec[4] + sec[5]):
            if tag == outer and not done:
                for t, v, n in records(b, val, val + length):
                    if t == inner:
                        b[v + n - 1] = ord('X')
                        done = True
                        break


def big_sig(b):
    i, sec = section_index(b, '.bpf_lockdown.sig')
    old = bytes(b[sec[4]:sec[4] + sec[5]])
    out = bytearray()
    for tag, val, length in records(old, 16, len(old)):
        body = bytearray()
        for t, v, n in records(old, val, val + length):
            data = old[v:v + n]
            if t == 2 and not out:
                data = data + bytes(9000 - n)
            body += struct.pack('<II', t, len(data)) + data
        out += struct.pack('<II', tag, len(body)) + body
    out = bytearray(old[:16]) + out
    struct.pack_into('<I', out, 12, len(out))
    while len(b) % 8:
        b.append(0)
    off = len(b)
    b += out
    shoff, = struct.unpack_from('<Q', b, 40)
    struct.pack_into('<QQ', b, shoff + 64 * i + 24, off, len(out))


b = bytearray(open(sys.argv[2], 'rb').read())
if sys.argv[1] == 'sealed-nobits':
    i, _ = section_index(b, '.bpf_lockdown')
    shoff, = struct.unpack_from('<Q', b, 40)
    struct.pack_into('<I', b, shoff + 64 * i + 4, 8)
    struct.pack_into('<Q', b, shoff + 64 * i + 32, 1 << 20)
elif sys.argv[1] == 'extern-wrap':
    extern_wrap(b)
elif sys.argv[1] == 'big-sig':
    big_sig(b)
elif sys.argv[1] == 'rename-prog':
    rename_prog(b)
elif sys.argv[1] == 'symtab-nobits':
    shoff, = struct.unpack_from('<Q', b, 40)
    for i, (name, h) in enumerate(sections(b)):
        if name == '.symtab':
            struct.pack_into('<I', b, shoff + 64 * i + 4, 8)
            struct.pack_into('<Q', b, shoff + 64 * i + 24, 1 << 40)
elif sys.argv[1] == 'relo-type':
    relo_type(b, int(sys.argv[4]))
elif sys.argv[1] == 'corrupt':
    corrupt(b, sys.argv[4])
else:
    flip(b, sys.argv[4], sys.argv[5])
open(sys.argv[3], 'wb').write(b)
