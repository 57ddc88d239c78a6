/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * BPF lockdown - user space API
 *
 * Levels and enforcement modes shared by the kernel, its securityfs files
 * and the bpf-annotate tool; the format of the annotation that a signed
 * program carries, and the tags of the canonical form its digest covers.
 */

#ifndef _UAPI_LINUX_BPF_LOCKDOWN_H
#define _UAPI_LINUX_BPF_LOCKDOWN_H

#include <linux/types.h>

/**
 * enum bpf_lockdown_level - lockdown levels as BPF lockdown sees them
 * @BPF_LOCKDOWN_LEVEL_NONE: the kernel is not locked down (ABI 1)
 * @BPF_LOCKDOWN_LEVEL_INTEGRITY: lockdown=integrity: root may not modify
 *	the running kernel (ABI 1)
 * @BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY: lockdown=confidentiality: root may
 *	not modify the kernel nor read its memory (ABI 1)
 * @BPF_LOCKDOWN_LEVEL_NR: number of levels
 */
enum bpf_lockdown_level {
	BPF_LOCKDOWN_LEVEL_NONE,
	BPF_LOCKDOWN_LEVEL_INTEGRITY,
	BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY,
	BPF_LOCKDOWN_LEVEL_NR,
};

/**
 * enum bpf_lockdown_mode - enforcement modes
 * @BPF_LOCKDOWN_MODE_OFF: no confinement of unsigned programs (ABI 1)
 * @BPF_LOCKDOWN_MODE_AUDIT: refusals are logged, loads succeed (ABI 1)
 * @BPF_LOCKDOWN_MODE_ENFORCE: refusals fail the load (ABI 1)
 * @BPF_LOCKDOWN_MODE_NR: number of modes
 *
 * Modes are ordered: at run time the mode may only be raised.
 */
enum bpf_lockdown_mode {
	BPF_LOCKDOWN_MODE_OFF,
	BPF_LOCKDOWN_MODE_AUDIT,
	BPF_LOCKDOWN_MODE_ENFORCE,
	BPF_LOCKDOWN_MODE_NR,
};

/*
 * Annotation format (ABI 1 to 3)
 *
 * An annotation says, for each lockdown level, whether a program may load,
 * what it may use, (from version 2) how and where it may be attached, and
 * (from version 3) which .kconfig externs the kernel fills in.
 * It is passed with BPF_PROG_LOAD and covered by the program's signature.
 * All fields are little-endian and naturally aligned; there are no pointers
 * and no implicit padding. The blob is laid out as:
 *
 *	struct bpf_lockdown_annot_hdr			at offset 0
 *	struct bpf_lockdown_annot_level[3]		at hdr.level_off (8-aligned)
 *	struct bpf_lockdown_annot_attach[3]		at hdr.attach_off (8-aligned,
 *							version 2 only)
 *	__u32 sealed[hdr.sealed_cnt]			at hdr.sealed_off (4-aligned)
 *	struct bpf_lockdown_annot_kconfig[hdr.kconfig_cnt]
 *							at hdr.kconfig_off (4-aligned,
 *							version 3 only)
 *	char strtab[hdr.strtab_size]			at hdr.strtab_off
 *
 * The sections lie after the header, inside hdr.total_size bytes, and do
 * not overlap; an empty section has offset 0; every byte that no section
 * covers must be zero. bpf-annotate writes the sections in the order above
 * without gaps.
 */

/**
 * define BPF_LOCKDOWN_ANNOT_MAGIC - first four bytes of an annotation
 *
 * The bytes "BLDA" (0x42 0x4c 0x44 0x41) as a little-endian __u32 (ABI 1).
 */
#define BPF_LOCKDOWN_ANNOT_MAGIC	0x41444c42U

/**
 * define BPF_LOCKDOWN_ANNOT_VERSION - annotation and digest format version
 *
 * Version 2 (ABI 2) adds the attach section and the attach points; the
 * kernel still accepts version 1 (%BPF_LOCKDOWN_ANNOT_VERSION_MIN), whose
 * annotations do not restrict attaching beyond what the load fixed (see
 * &struct bpf_lockdown_annot_attach). Version 3 (ABI 3) is version 2 with
 * a kconfig section (&struct bpf_lockdown_annot_kconfig); bpf-annotate
 * writes it only for a program that uses .kconfig externs, so every other
 * annotation, and its signature, is unchanged. The version also versions
 * the signed digest (&enum bpf_lockdown_digest_tag), whose records are the
 * same in all three: a change to either format needs a new version.
 */
#define BPF_LOCKDOWN_ANNOT_VERSION	3
#define BPF_LOCKDOWN_ANNOT_VERSION_MIN	1

/**
 * DOC: annotation limits
 *
 * All limits are ABI 1 unless marked ABI 2. The largest annotation that
 * respects every other limit (a 64-byte header, three 88-byte levels, three
 * 32-byte attach sections, 16 sealed maps, three lists of 64 names of 64
 * characters and 64 attach points of 255 characters, each with its NUL) is
 * 29352 bytes; with 32 kconfig externs of 64 characters (ABI 3), 31944
 * bytes, below %BPF_LOCKDOWN_ANNOT_MAX_SIZE.
 *
 * - %BPF_LOCKDOWN_ANNOT_MAX_SIZE: maximum size of an annotation in bytes
 *   (16384 in ABI 1, 32768 in ABI 2, for either version).
 * - %BPF_LOCKDOWN_ANNOT_MAX_KFUNCS: maximum number of kfunc names per level.
 * - %BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX: maximum length of a kfunc name in
 *   bytes, not counting its terminating NUL.
 * - %BPF_LOCKDOWN_ANNOT_MAX_SEALED: maximum number of sealed maps.
 * - %BPF_LOCKDOWN_ANNOT_HELPER_WORDS: number of __u64 words in a helper
 *   bitmap: 512 helper IDs, more than the kernel has, so that helpers added
 *   later fit without a format change.
 * - %BPF_LOCKDOWN_SIG_MAX_SIZE: maximum size in bytes of the PKCS#7
 *   signature in bpf_attr.signature (a signature with one signer and no
 *   certificates is well under 1 KiB, even with RSA-4096).
 * - %BPF_LOCKDOWN_SIG_MAX_MAPS: maximum number of fd_array slots a signed
 *   program may reference.
 * - %BPF_LOCKDOWN_ANNOT_ATTACH_WORDS: number of __u64 words in an attach
 *   kind bitmap (ABI 2): 256 kinds, see &enum bpf_lockdown_attach_kind.
 * - %BPF_LOCKDOWN_ANNOT_MAX_POINTS: maximum number of attach points (ABI 2).
 * - %BPF_LOCKDOWN_ANNOT_POINT_MAX: maximum length of an attach point in
 *   bytes, not counting its terminating NUL (ABI 2).
 * - %BPF_LOCKDOWN_ANNOT_MAX_KCONFIG: maximum number of kconfig externs
 *   (ABI 3).
 * - %BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX: maximum length of a kconfig
 *   extern's name in bytes, not counting its terminating NUL (ABI 3).
 * - %BPF_LOCKDOWN_KCONFIG_MAP_MAX: maximum value size in bytes of a map
 *   that holds kconfig externs (ABI 3); libbpf's .kconfig maps are far
 *   smaller.
 */
#define BPF_LOCKDOWN_ANNOT_MAX_SIZE		32768
#define BPF_LOCKDOWN_SIG_MAX_SIZE		8192
#define BPF_LOCKDOWN_SIG_MAX_MAPS		64
#define BPF_LOCKDOWN_ANNOT_MAX_KFUNCS		64
#define BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX	64
#define BPF_LOCKDOWN_ANNOT_MAX_SEALED		16
#define BPF_LOCKDOWN_ANNOT_HELPER_WORDS		8
#define BPF_LOCKDOWN_ANNOT_ATTACH_WORDS		4
#define BPF_LOCKDOWN_ANNOT_MAX_POINTS		64
#define BPF_LOCKDOWN_ANNOT_POINT_MAX		255
#define BPF_LOCKDOWN_ANNOT_MAX_KCONFIG		32
#define BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX	64
#define BPF_LOCKDOWN_KCONFIG_MAP_MAX		65536

/**
 * struct bpf_lockdown_annot_hdr - annotation header (ABI 1)
 * @magic: %BPF_LOCKDOWN_ANNOT_MAGIC
 * @version: %BPF_LOCKDOWN_ANNOT_VERSION
 * @hdr_size: size of this header, 64 in ABI 1
 * @total_size: size of the whole annotation in bytes, header included; must
 *	equal the size passed to the kernel (lockdown_annot_size)
 * @flags: no flag is defined in ABI 1; must be 0
 * @level_off: offset of the array of &struct bpf_lockdown_annot_level,
 *	indexed by &enum bpf_lockdown_level; a multiple of 8
 * @level_cnt: number of levels, %BPF_LOCKDOWN_LEVEL_NR
 * @sealed_off: offset of the array of sealed map indices; a multiple of 4,
 *	0 when @sealed_cnt is 0
 * @sealed_cnt: number of sealed maps, at most %BPF_LOCKDOWN_ANNOT_MAX_SEALED
 * @strtab_off: offset of the string table; 0 when @strtab_size is 0
 * @strtab_size: size of the string table in bytes
 * @attach_off: version 2: offset of the array of &struct
 *	bpf_lockdown_annot_attach, indexed by &enum bpf_lockdown_level; a
 *	multiple of 8. Must be 0 in version 1.
 * @point_off: version 2: offset in the string table of the first attach
 *	point; 0 when @point_cnt is 0. Must be 0 in version 1.
 * @point_cnt: version 2: number of attach points, at most
 *	%BPF_LOCKDOWN_ANNOT_MAX_POINTS (see DOC: attach points). Must be 0 in
 *	version 1.
 * @kconfig_off: version 3: offset of the array of &struct
 *	bpf_lockdown_annot_kconfig; a multiple of 4, 0 when @kconfig_cnt is
 *	0. Must be 0 before version 3 (the field was reserved).
 * @kconfig_cnt: version 3: number of kconfig externs, 1 to
 *	%BPF_LOCKDOWN_ANNOT_MAX_KCONFIG (a version 3 annotation has at least
 *	one). Must be 0 before version 3.
 */
struct bpf_lockdown_annot_hdr {
	__u32 magic;
	__u32 version;
	__u32 hdr_size;
	__u32 total_size;
	__u32 flags;
	__u32 level_off;
	__u32 level_cnt;
	__u32 sealed_off;
	__u32 sealed_cnt;
	__u32 strtab_off;
	__u32 strtab_size;
	__u32 attach_off;
	__u32 point_off;
	__u32 point_cnt;
	__u32 kconfig_off;
	__u32 kconfig_cnt;
};

/**
 * DOC: annotation level flags
 *
 * - %BPF_LOCKDOWN_ANNOT_MAY_LOAD: the program may be loaded at this level
 *   (ABI 1). A level without it must grant nothing: no capability, helper
 *   or kfunc.
 */
#define BPF_LOCKDOWN_ANNOT_MAY_LOAD	(1U << 0)

/**
 * DOC: annotation capabilities
 *
 * What a program may do without a helper or kfunc call (ABI 1):
 *
 * - %BPF_LOCKDOWN_CAP_BTF_READ: load through pointers the verifier typed as
 *   BTF pointers (PROBE_MEM loads in fentry, tp_btf, iter programs) and call
 *   bpf_rdonly_cast(): reads kernel memory.
 * - %BPF_LOCKDOWN_CAP_KSYM: load the address of a kernel variable (__ksym,
 *   ld_imm64 with BPF_PSEUDO_BTF_ID): reveals kernel addresses.
 * - %BPF_LOCKDOWN_CAP_KERNEL_STACK: collect kernel stacks (stack helpers
 *   without BPF_F_USER_STACK): reveals kernel addresses.
 * - %BPF_LOCKDOWN_CAP_ALL: every capability that ABI 1 defines; other bits
 *   must be zero.
 */
#define BPF_LOCKDOWN_CAP_BTF_READ	(1U << 0)
#define BPF_LOCKDOWN_CAP_KSYM		(1U << 1)
#define BPF_LOCKDOWN_CAP_KERNEL_STACK	(1U << 2)
#define BPF_LOCKDOWN_CAP_ALL		(BPF_LOCKDOWN_CAP_BTF_READ |		\
					 BPF_LOCKDOWN_CAP_KSYM |		\
					 BPF_LOCKDOWN_CAP_KERNEL_STACK)

/**
 * struct bpf_lockdown_annot_level - what a program may do at one level (ABI 1)
 * @flags: %BPF_LOCKDOWN_ANNOT_MAY_LOAD or 0; other bits must be zero
 * @caps: %BPF_LOCKDOWN_CAP_* bits
 * @helpers: bitmap of the helpers the program may call: helper ID n is bit
 *	n % 64 of @helpers[n / 64]. Bit 0 (BPF_FUNC_unspec) and the bits of
 *	IDs the kernel does not know must be zero.
 * @kfunc_off: offset in the string table of the first kfunc name; 0 when
 *	@kfunc_cnt is 0
 * @kfunc_cnt: number of kfunc names the program may call, at most
 *	%BPF_LOCKDOWN_ANNOT_MAX_KFUNCS. The names follow each other in the
 *	string table, each NUL-terminated, non-empty, at most
 *	%BPF_LOCKDOWN_ANNOT_KFUNC_NAME_MAX bytes of [A-Za-z0-9_], no name twice.
 * @reserved: must be zero
 */
struct bpf_lockdown_annot_level {
	__u32 flags;
	__u32 caps;
	__u64 helpers[BPF_LOCKDOWN_ANNOT_HELPER_WORDS];
	__u32 kfunc_off;
	__u32 kfunc_cnt;
	__u32 reserved[2];
};

/**
 * enum bpf_lockdown_attach_kind - how a program is attached (ABI 2)
 * @BPF_LOCKDOWN_ATTACH_TYPE_NR: kinds 0 to 191 are the attach types of
 *	&enum bpf_attach_type, for every path that names one: BPF_PROG_ATTACH,
 *	BPF_LINK_CREATE (BPF_TRACE_RAW_TP for raw tracepoint links,
 *	BPF_TRACE_KPROBE_MULTI and BPF_TRACE_UPROBE_MULTI for multi-probe
 *	links, BPF_XDP for XDP links and XDP through netlink, BPF_STRUCT_OPS
 *	for struct_ops links and map registration), BPF_RAW_TRACEPOINT_OPEN
 *	of tracing programs (their expected attach type)
 * @BPF_LOCKDOWN_ATTACH_KPROBE: a perf event kprobe (perf_event_open and
 *	PERF_EVENT_IOC_SET_BPF, or a BPF_PERF_EVENT link)
 * @BPF_LOCKDOWN_ATTACH_KRETPROBE: a perf event kretprobe
 * @BPF_LOCKDOWN_ATTACH_UPROBE: a perf event uprobe
 * @BPF_LOCKDOWN_ATTACH_URETPROBE: a perf event uretprobe
 * @BPF_LOCKDOWN_ATTACH_TRACEPOINT: a perf event tracepoint
 * @BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT: BPF_RAW_TRACEPOINT_OPEN of a raw
 *	tracepoint program
 * @BPF_LOCKDOWN_ATTACH_PERF_EVENT: any other perf event (hardware,
 *	software, cache and breakpoint events)
 * @BPF_LOCKDOWN_ATTACH_SOCKET: SO_ATTACH_BPF, a filter of one socket
 * @BPF_LOCKDOWN_ATTACH_REUSEPORT: SO_ATTACH_REUSEPORT_EBPF, which selects
 *	the socket of a reuseport group
 * @BPF_LOCKDOWN_ATTACH_TC: a tc classifier (cls_bpf) or action (act_bpf)
 * @BPF_LOCKDOWN_ATTACH_XT: an iptables bpf match (xt_bpf)
 * @BPF_LOCKDOWN_ATTACH_LWT: a lightweight tunnel or seg6local route
 * @BPF_LOCKDOWN_ATTACH_TUN: a tun device filter or steering program
 * @BPF_LOCKDOWN_ATTACH_KCM: a KCM message parser
 * @BPF_LOCKDOWN_ATTACH_FANOUT: a packet socket fanout selector
 * @BPF_LOCKDOWN_ATTACH_KIND_NR: number of kinds
 *
 * Bit n of an attach kind bitmap is bit n % 64 of word n / 64.
 */
enum bpf_lockdown_attach_kind {
	BPF_LOCKDOWN_ATTACH_TYPE_NR = 192,
	BPF_LOCKDOWN_ATTACH_KPROBE = BPF_LOCKDOWN_ATTACH_TYPE_NR,
	BPF_LOCKDOWN_ATTACH_KRETPROBE,
	BPF_LOCKDOWN_ATTACH_UPROBE,
	BPF_LOCKDOWN_ATTACH_URETPROBE,
	BPF_LOCKDOWN_ATTACH_TRACEPOINT,
	BPF_LOCKDOWN_ATTACH_RAW_TRACEPOINT,
	BPF_LOCKDOWN_ATTACH_PERF_EVENT,
	BPF_LOCKDOWN_ATTACH_SOCKET,
	BPF_LOCKDOWN_ATTACH_REUSEPORT,
	BPF_LOCKDOWN_ATTACH_TC,
	BPF_LOCKDOWN_ATTACH_XT,
	BPF_LOCKDOWN_ATTACH_LWT,
	BPF_LOCKDOWN_ATTACH_TUN,
	BPF_LOCKDOWN_ATTACH_KCM,
	BPF_LOCKDOWN_ATTACH_FANOUT,
	BPF_LOCKDOWN_ATTACH_KIND_NR,
};

/**
 * struct bpf_lockdown_annot_attach - how a program may be attached at one
 *	level (ABI 2)
 * @kinds: bitmap over &enum bpf_lockdown_attach_kind. Bits of kinds that
 *	&enum bpf_lockdown_attach_kind does not define must be zero, and so
 *	must the whole bitmap at a level without %BPF_LOCKDOWN_ANNOT_MAY_LOAD.
 *
 * When a version 2 program is attached, the kind must be allowed at the
 * level the program was loaded at and at the current level, and the
 * program must be allowed to load at the current level. An empty bitmap
 * allows only what the load fixed: the attachments the kernel's own checks
 * allow for the program type and expected attach type that the signature
 * covers. It never means "anything".
 * Version 1 annotations have no attach section: they allow what the load
 * fixed at every level.
 */
struct bpf_lockdown_annot_attach {
	__u64 kinds[BPF_LOCKDOWN_ANNOT_ATTACH_WORDS];
};

/**
 * DOC: attach points
 *
 * Version 2 may bind a program to named attach points: hdr.point_cnt
 * NUL-terminated strings following each other in the string table from
 * hdr.point_off, each at most %BPF_LOCKDOWN_ANNOT_POINT_MAX bytes, no point
 * twice. A point is "KIND:WHERE":
 *
 * - ``kprobe:FUNC``, ``kretprobe:FUNC``: a kernel function, for perf event
 *   probes and kprobe_multi links (whose return probes are kretprobes).
 *   FUNC is [A-Za-z0-9_.]; a final ``*`` makes it a prefix.
 * - ``uprobe:PATH``, ``uretprobe:PATH``: the file a user probe is placed
 *   in, for perf event probes and uprobe_multi links: an absolute path of
 *   [A-Za-z0-9_./+@-]; a final ``*`` makes it a prefix. The kernel compares
 *   the path the loader passed, not the symbol: offsets are not bound.
 * - ``tracepoint:GROUP:NAME``: a perf event tracepoint.
 * - ``raw_tracepoint:NAME``: a raw tracepoint (BPF_RAW_TRACEPOINT_OPEN or a
 *   BPF_TRACE_RAW_TP link of a raw tracepoint program).
 * - ``xdp:skb``, ``xdp:drv``, ``xdp:hw``: the XDP mode, through netlink or a
 *   link.
 *
 * Without points (hdr.point_cnt 0), a program is bound to attach kinds
 * only. With points, an attachment of a kind that has points (kprobe,
 * kretprobe, uprobe, uretprobe, tracepoint, raw tracepoint, XDP) must match
 * one point of that kind; a kind without any point is refused.
 */

/*
 * The sealed section is an array of __u32 indices into the BPF_PROG_LOAD
 * fd_array, each naming a map whose frozen contents the signature covers
 * (for example .rodata). No index appears twice.
 */

/**
 * enum bpf_lockdown_kconfig_type - how a kconfig extern's value is encoded
 * @BPF_LOCKDOWN_KCONFIG_CHAR: one byte: the character of a y/n/m value, or
 *	a number (ABI 3)
 * @BPF_LOCKDOWN_KCONFIG_BOOL: one byte, 0 or 1: y is 1, n is 0, m or a
 *	number is an error (ABI 3)
 * @BPF_LOCKDOWN_KCONFIG_TRISTATE: enum libbpf_tristate, 4 or 8 bytes: n is
 *	0, y is 1, m is 2 (ABI 3)
 * @BPF_LOCKDOWN_KCONFIG_INT: an integer of 2, 4 or 8 bytes; a number that
 *	does not fit is an error (ABI 3)
 * @BPF_LOCKDOWN_KCONFIG_CHAR_ARR: a char array of 1 to 255 bytes: a quoted
 *	string without its quotes, truncated to leave a NUL, zero-padded
 *	(ABI 3)
 *
 * The encoding is libbpf's: a value that libbpf would refuse is refused.
 * A ``CONFIG_`` symbol the kernel was built without is all zero, as libbpf
 * leaves a __weak extern it does not find; for a required (strong) extern
 * it is an error, as in libbpf.
 */
enum bpf_lockdown_kconfig_type {
	BPF_LOCKDOWN_KCONFIG_CHAR = 1,
	BPF_LOCKDOWN_KCONFIG_BOOL,
	BPF_LOCKDOWN_KCONFIG_TRISTATE,
	BPF_LOCKDOWN_KCONFIG_INT,
	BPF_LOCKDOWN_KCONFIG_CHAR_ARR,
};

/**
 * DOC: kconfig extern flags
 *
 * Flags of &struct bpf_lockdown_annot_kconfig (ABI 3):
 *
 * - %BPF_LOCKDOWN_KCONFIG_SIGNED: for %BPF_LOCKDOWN_KCONFIG_CHAR and
 *   %BPF_LOCKDOWN_KCONFIG_INT, the range a number must fit is signed.
 * - %BPF_LOCKDOWN_KCONFIG_REQUIRED: the extern is not __weak: as libbpf
 *   refuses a strong extern it cannot resolve, a CONFIG_ symbol the kernel
 *   does not set is an error rather than zero.
 */
#define BPF_LOCKDOWN_KCONFIG_SIGNED	(1U << 0)
#define BPF_LOCKDOWN_KCONFIG_REQUIRED	(1U << 1)

/**
 * struct bpf_lockdown_annot_kconfig - a .kconfig extern the kernel checks (ABI 3)
 * @name_off: offset in the string table of the extern's NUL-terminated
 *	name: ``LINUX_KERNEL_VERSION``, ``LINUX_HAS_BPF_COOKIE``,
 *	``LINUX_HAS_SYSCALL_WRAPPER``, or ``CONFIG_`` and a Kconfig symbol
 *	([A-Za-z0-9_]), at most %BPF_LOCKDOWN_ANNOT_KCONFIG_NAME_MAX bytes
 * @map_idx: fd_array index of the map that holds it (libbpf's .kconfig
 *	map); not a sealed map
 * @value_off: offset of the value in the map's value
 * @size: size of the value in bytes, as @type allows
 * @type: &enum bpf_lockdown_kconfig_type; the ``LINUX_`` externs are
 *	numbers (char, bool or int)
 * @flags: %BPF_LOCKDOWN_KCONFIG_SIGNED, %BPF_LOCKDOWN_KCONFIG_REQUIRED
 *
 * The entries are sorted by @map_idx, then @value_off, and do not overlap.
 * A signed program's kconfig map must be a frozen, program-read-only array
 * of one element that holds, at each entry, the value this kernel gives
 * the extern, and zero in every other byte: the signature covers which
 * externs the program uses, the kernel guarantees their values.
 */
struct bpf_lockdown_annot_kconfig {
	__u32 name_off;
	__u32 map_idx;
	__u32 value_off;
	__u16 size;
	__u8 type;
	__u8 flags;
};

/**
 * enum bpf_lockdown_digest_tag - records of the signed digest (ABI 1)
 * @BPF_LOCKDOWN_DIGEST_TAG_VERSION: __u32 version of the annotation (1 to
 *	3), 1 when there is none: a program signed with a version 1
 *	annotation keeps its digest
 * @BPF_LOCKDOWN_DIGEST_TAG_PROG_TYPE: __u32 prog_type
 * @BPF_LOCKDOWN_DIGEST_TAG_ATTACH_TYPE: __u32 expected_attach_type
 * @BPF_LOCKDOWN_DIGEST_TAG_ATTACH_NAME: BTF name of the attach target, no NUL
 *	(empty when there is none)
 * @BPF_LOCKDOWN_DIGEST_TAG_PROG_NAME: program name, no NUL
 * @BPF_LOCKDOWN_DIGEST_TAG_LICENSE: license string, no NUL
 * @BPF_LOCKDOWN_DIGEST_TAG_INSNS: the instructions, 8 bytes each (code,
 *	dst_reg | src_reg << 4, __u16 off, __u32 imm), with imm and off set to
 *	zero in kfunc calls and imm set to zero in both halves of ld_imm64
 *	BPF_PSEUDO_BTF_ID: those are hashed by name in the records that follow
 * @BPF_LOCKDOWN_DIGEST_TAG_KFUNC: one per kfunc call: __u32 instruction
 *	index, then the kfunc's BTF name, no NUL
 * @BPF_LOCKDOWN_DIGEST_TAG_KSYM: one per ld_imm64 BPF_PSEUDO_BTF_ID: __u32
 *	instruction index (of its first half), then the BTF name, no NUL
 * @BPF_LOCKDOWN_DIGEST_TAG_MAP: one per fd_array slot, in order: __u32 map_type,
 *	key_size, value_size, max_entries, map_flags (all zero for a slot that
 *	is not a map), followed for a sealed map by the 32-byte SHA-256 of its
 *	frozen contents
 * @BPF_LOCKDOWN_DIGEST_TAG_BTF: the program's BTF blob
 * @BPF_LOCKDOWN_DIGEST_TAG_FUNC_INFO: __u32 record size (0 when there are no
 *	records), then the func_info records as passed
 * @BPF_LOCKDOWN_DIGEST_TAG_LINE_INFO: __u32 record size (0 when there are no
 *	records), then the line_info records
 * @BPF_LOCKDOWN_DIGEST_TAG_CORE_RELO: __u32 record size (0 when there are no
 *	records), then the &struct bpf_core_relo records
 * @BPF_LOCKDOWN_DIGEST_TAG_ANNOT: the annotation blob (empty when there is none)
 * @BPF_LOCKDOWN_DIGEST_TAG_TARGET: extensions (BPF_PROG_TYPE_EXT) only: the
 *	32-byte signed digest of the program whose function the extension
 *	replaces, which must itself hold a verified system signature; binds
 *	the extension to that one program
 *
 * The signed digest is the SHA-256 of a sequence of records, each a __u32
 * tag, a __u32 length and that many bytes, all integers little-endian. The
 * records come in the order of this enum, except that the KFUNC and KSYM
 * records are interleaved in instruction order; KFUNC, KSYM and MAP records
 * repeat, TARGET appears once for an extension and never otherwise, every
 * other record appears exactly once.
 */
enum bpf_lockdown_digest_tag {
	BPF_LOCKDOWN_DIGEST_TAG_VERSION = 1,
	BPF_LOCKDOWN_DIGEST_TAG_PROG_TYPE,
	BPF_LOCKDOWN_DIGEST_TAG_ATTACH_TYPE,
	BPF_LOCKDOWN_DIGEST_TAG_ATTACH_NAME,
	BPF_LOCKDOWN_DIGEST_TAG_PROG_NAME,
	BPF_LOCKDOWN_DIGEST_TAG_LICENSE,
	BPF_LOCKDOWN_DIGEST_TAG_INSNS,
	BPF_LOCKDOWN_DIGEST_TAG_KFUNC,
	BPF_LOCKDOWN_DIGEST_TAG_KSYM,
	BPF_LOCKDOWN_DIGEST_TAG_MAP,
	BPF_LOCKDOWN_DIGEST_TAG_BTF,
	BPF_LOCKDOWN_DIGEST_TAG_FUNC_INFO,
	BPF_LOCKDOWN_DIGEST_TAG_LINE_INFO,
	BPF_LOCKDOWN_DIGEST_TAG_CORE_RELO,
	BPF_LOCKDOWN_DIGEST_TAG_ANNOT,
	BPF_LOCKDOWN_DIGEST_TAG_TARGET,
};

#endif /* _UAPI_LINUX_BPF_LOCKDOWN_H */
