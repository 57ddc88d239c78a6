/* SPDX-License-Identifier: GPL-2.0 */
/* bpf-annotate - library: seal, sign, verify and load BPF objects */

#ifndef _BPF_ANNOTATE_H
#define _BPF_ANNOTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/bpf_lockdown.h>
#include <bpf/lockdown.h>

/*
 * A sealed object is the clang-built BPF ELF object, unchanged, plus two
 * non-allocated sections (Documentation/bpf-annotate.rst, "SEALED FORMAT"):
 * BPF_ANNOTATE_SECTION holds what the loader needs, as libbpf would have
 * loaded it, and the annotation of each program; BPF_ANNOTATE_SIG_SECTION
 * holds the signatures, so that signing never changes what is signed.
 *
 * Every function that can fail returns 0 or a negative errno and writes a
 * one-line reason to @err ("OBJECT: program PROG: problem"). No function
 * keeps global state, except that bpf_annotate_record() temporarily
 * replaces libbpf's print callback to capture libbpf's reason for a
 * failure (it restores it before returning): do not call it concurrently
 * with other libbpf users in the same process.
 */
#define BPF_ANNOTATE_SECTION		BPF_LOCKDOWN_SEC
#define BPF_ANNOTATE_SIG_SECTION	BPF_LOCKDOWN_SIG_SEC
#define BPF_ANNOTATE_FORMAT_VERSION	BPF_LOCKDOWN_SEC_VERSION
#define BPF_ANNOTATE_MAGIC		BPF_LOCKDOWN_SEC_MAGIC		/* "BLDO" */
#define BPF_ANNOTATE_SIG_MAGIC		BPF_LOCKDOWN_SIG_SEC_MAGIC	/* "BLDG" */
/*
 * the kernel refuses larger signatures with E2BIG (BPF_LOCKDOWN_SIG_MAX_SIZE
 * of include/uapi/linux/bpf_lockdown.h; the library checks that they agree)
 */
#define BPF_ANNOTATE_SIG_MAX		8192
/* a SHA-256 digest, as the kernel computes it (BPF_LOCKDOWN_DIGEST_SIZE) */
#define BPF_ANNOTATE_DIGEST_SIZE	32
/* what the kernel stores of a program name: BPF_OBJ_NAME_LEN - 1 bytes */
#define BPF_ANNOTATE_PROG_NAME_MAX	(BPF_OBJ_NAME_LEN - 1)

/**
 * struct bpf_annotate_extern - a kfunc call or a ksym load, resolved by name
 * @name: BTF name in vmlinux
 * @insn_idx: instruction index (the call, or the first half of ld_imm64)
 * @kind: BTF_KIND_FUNC or BTF_KIND_VAR: the kind of @name in vmlinux BTF
 * @is_ld64: an ld_imm64 BPF_PSEUDO_BTF_ID (ksym); otherwise a kfunc call
 */
struct bpf_annotate_extern {
	char *name;
	__u32 insn_idx;
	__u32 kind;
	bool is_ld64;
};

/**
 * struct bpf_annotate_kconfig - a .kconfig extern, whose value the loader
 *	writes and the kernel checks (&struct bpf_lockdown_annot_kconfig)
 * @name: "LINUX_KERNEL_VERSION", "CONFIG_HZ", ...
 * @value_off: offset of the value in the map's value, as libbpf lays it out
 * @size: size in bytes
 * @type: &enum bpf_lockdown_kconfig_type
 * @flags: %BPF_LOCKDOWN_KCONFIG_SIGNED, %BPF_LOCKDOWN_KCONFIG_REQUIRED
 */
struct bpf_annotate_kconfig {
	char *name;
	__u32 value_off;
	__u16 size;
	__u8 type;
	__u8 flags;
};

/**
 * struct bpf_annotate_map - one map of the object, as BPF_MAP_CREATE gets it
 * @name: the map name passed to the kernel
 * @type: map type; 0 for an index libbpf does not create (no map)
 * @key_size: key size
 * @value_size: value size
 * @max_entries: maximum entries; 0 for a BPF_MAP_TYPE_PERF_EVENT_ARRAY
 *	sized by the loader to the number of possible CPUs
 * @map_flags: map flags, as passed to BPF_MAP_CREATE
 * @btf_key_type_id: BTF type of the key in the object's BTF, or 0
 * @btf_value_type_id: BTF type of the value, or 0
 * @map_extra: map_extra (bloom filter hashes, arena address)
 * @data: initial contents of element 0 (global data), or NULL
 * @data_size: size of @data (the value size)
 * @frozen: the loader freezes the map after writing @data
 * @kconfig: libbpf's .kconfig map: its externs, in offset order; the map
 *	has no @data, the loader writes the running kernel's values
 * @kconfig_cnt: number of @kconfig externs
 */
struct bpf_annotate_map {
	char *name;
	__u32 type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u64 map_extra;
	void *data;
	__u32 data_size;
	bool frozen;
	struct bpf_annotate_kconfig *kconfig;
	__u32 kconfig_cnt;
};

/**
 * struct bpf_annotate_prog - one program, as libbpf would load it
 * @name: program name (the kernel stores at most 15 bytes of it)
 * @sec_name: ELF section name (tells --attach how to attach)
 * @license: license string
 * @attach_name: BTF name of the attach target in vmlinux ("btf_trace_X",
 *	"bpf_lsm_X", "bpf_iter_X" or a function name), or NULL
 * @type: &enum bpf_prog_type
 * @expected_attach_type: &enum bpf_attach_type
 * @prog_flags: BPF_PROG_LOAD prog_flags
 * @attach_btf_kind: BTF kind of @attach_name (BTF_KIND_FUNC or
 *	BTF_KIND_TYPEDEF), 0 without a target
 * @insns: instructions, subprograms appended, map references as
 *	BPF_PSEUDO_MAP_IDX / BPF_PSEUDO_MAP_IDX_VALUE fd_array indices,
 *	kfunc and ksym BTF IDs zero (resolved by name at load time)
 * @insn_cnt: number of instructions
 * @func_info: bpf_func_info records, or NULL
 * @func_info_cnt: number of func_info records
 * @func_info_rec_size: size of a func_info record
 * @line_info: bpf_line_info records, or NULL
 * @line_info_cnt: number of line_info records
 * @line_info_rec_size: size of a line_info record
 * @core_relos: struct bpf_core_relo records, applied by the kernel
 * @core_relo_cnt: number of CO-RE relocation records
 * @core_relo_rec_size: size of a CO-RE relocation record
 * @externs: kfunc calls and ksym loads, in instruction order
 * @extern_cnt: number of @externs
 * @annot: the annotation blob (include/uapi/linux/bpf_lockdown.h)
 * @annot_size: size of @annot
 * @target_digest: for a freplace program (BPF_PROG_TYPE_EXT), the signed
 *	digest (%BPF_ANNOTATE_DIGEST_SIZE bytes) of the one program whose
 *	function it replaces, which its own digest covers; NULL for other
 *	programs, and for a freplace program sealed without its target (its
 *	digest then cannot be computed)
 * @sig: detached PKCS#7 signature over the program digest, or NULL
 * @sig_size: size of @sig
 * @manifest: SHA-256 of each component at the time @sig was added (not
 *	signed: it only lets verify name what changed since)
 * @manifest_size: size of @manifest
 */
struct bpf_annotate_prog {
	char *name;
	char *sec_name;
	char *license;
	char *attach_name;
	__u32 type;
	__u32 expected_attach_type;
	__u32 prog_flags;
	__u32 attach_btf_kind;
	struct bpf_insn *insns;
	__u32 insn_cnt;
	void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;
	void *core_relos;
	__u32 core_relo_cnt;
	__u32 core_relo_rec_size;
	struct bpf_annotate_extern *externs;
	__u32 extern_cnt;
	void *annot;
	__u32 annot_size;
	__u8 *target_digest;
	void *sig;
	__u32 sig_size;
	void *manifest;
	__u32 manifest_size;
};

/**
 * struct bpf_annotate_obj - a recorded or sealed object
 * @name: the object's path, used in messages
 * @elf: the ELF image, without the two bpf-annotate sections
 * @elf_size: size of @elf
 * @btf: the BTF blob loaded with BPF_BTF_LOAD, or NULL
 * @btf_size: size of @btf
 * @maps: maps, indexed by libbpf's map index (= fd_array index)
 * @map_cnt: number of @maps
 * @progs: programs, in libbpf's order
 * @prog_cnt: number of @progs
 */
struct bpf_annotate_obj {
	char *name;
	void *elf;
	size_t elf_size;
	void *btf;
	__u32 btf_size;
	struct bpf_annotate_map *maps;
	__u32 map_cnt;
	struct bpf_annotate_prog *progs;
	__u32 prog_cnt;
};

/**
 * struct bpf_annotate_seal_opts - options of bpf_annotate_seal()
 * @policy: path of a policy file, or NULL for the inferred annotation
 * @warn: called with each warning (a policy granting more than the code
 *	uses; with @kernel_reads, ksym granted at confidentiality for
 *	btf_read only), or NULL to drop warnings
 * @warn_ctx: passed to @warn
 * @target: the sealed (possibly signed) object of the program whose
 *	function the object's freplace programs replace, from
 *	bpf_annotate_open(); NULL when the object has no freplace program
 *	(required otherwise)
 * @target_prog: the name of that program in @target, or NULL when @target
 *	has one program
 * @kernel_reads: seal for kernels that let signed programs read the kernel
 *	at confidentiality (built with CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS=y
 *	and not booted with bpf_lockdown.signed_kernel_reads=off: their
 *	/sys/kernel/security/bpf_lockdown/signed_kernel_reads says "on"). The
 *	ceiling for signed programs then allows, at confidentiality, what reads
 *	kernel memory or reveals kernel addresses: the inferred confidentiality
 *	level grants it, and a policy may allow it there. A level at
 *	confidentiality that grants btf_read also grants ksym, without which
 *	the verifier refuses loads through BTF pointers, and with which it
 *	allows pointer leaks: @warn says so for each program whose code does
 *	not use ksym itself. A kernel without that
 *	policy refuses such a program at confidentiality. False: the ceiling
 *	of every other kernel.
 *
 * A signed freplace program is bound to one target: its digest covers the
 * target program's digest, which bpf_annotate_seal() computes from @target
 * as bpf_annotate_digest() does and records in the program
 * (&bpf_annotate_prog.target_digest).
 */
/**
 * struct bpf_annotate_map_size - a map size that the application sets
 * @name: the map's name in the object; not libbpf's global data
 * @max_entries: maximum entries, or 0 for the object's
 * @value_size: value size, or 0 for the object's
 *
 * An application that calls bpf_map__set_max_entries() or
 * bpf_map__set_value_size() before loading must be sealed with the same
 * sizes: the signature covers every map's definition.
 */
struct bpf_annotate_map_size {
	const char *name;
	__u32 max_entries;
	__u32 value_size;
};

struct bpf_annotate_seal_opts {
	const char *policy;
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
	const struct bpf_annotate_obj *target;
	const char *target_prog;
	bool kernel_reads;
	const struct bpf_annotate_map_size *map_sizes;
	__u32 map_size_cnt;
};

/**
 * struct bpf_annotate_plan_map - one map, just before BPF_MAP_CREATE
 * @name: map name (NUL-terminated, at most 15 bytes are passed)
 * @type: map type; 0 creates no map (fd_array slot -1)
 * @key_size: key size
 * @value_size: value size
 * @max_entries: maximum entries (already sized for perf event arrays)
 * @map_flags: map flags
 * @btf_key_type_id: BTF key type
 * @btf_value_type_id: BTF value type
 * @map_extra: map_extra
 * @data: initial contents of element 0, or NULL; @data_size bytes
 * @data_size: size of @data
 * @freeze: freeze the map after writing @data
 */
struct bpf_annotate_plan_map {
	char name[BPF_OBJ_NAME_LEN];
	__u32 type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u64 map_extra;
	void *data;
	__u32 data_size;
	bool freeze;
};

/**
 * struct bpf_annotate_plan_prog - one program, just before BPF_PROG_LOAD
 * @name: program name as passed in attr.prog_name
 * @license: license
 * @type: prog_type
 * @expected_attach_type: expected_attach_type
 * @prog_flags: prog_flags
 * @attach_name: BTF name of the attach target; resolved in vmlinux BTF
 *	after the prepare hook returns, unless @attach_btf_id is set
 * @attach_btf_id: vmlinux BTF ID of the attach target, or 0
 * @insns: instructions, kfunc and ksym BTF IDs already resolved
 * @insn_cnt: number of instructions
 * @func_info: func_info records; @func_info_cnt of @func_info_rec_size
 * @func_info_cnt: number of func_info records
 * @func_info_rec_size: func_info record size
 * @line_info: line_info records
 * @line_info_cnt: number of line_info records
 * @line_info_rec_size: line_info record size
 * @core_relos: CO-RE relocation records
 * @core_relo_cnt: number of CO-RE relocation records
 * @core_relo_rec_size: CO-RE relocation record size
 * @annot: annotation blob, or NULL to pass none
 * @annot_size: size of @annot
 * @sig: signature, or NULL to pass none
 * @sig_size: size of @sig
 * @keyring_id: keyring_id for this program
 * @skip: do not load this program
 */
struct bpf_annotate_plan_prog {
	char name[BPF_OBJ_NAME_LEN];
	char *license;
	__u32 type;
	__u32 expected_attach_type;
	__u32 prog_flags;
	char *attach_name;
	__u32 attach_btf_id;
	struct bpf_insn *insns;
	__u32 insn_cnt;
	void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;
	void *core_relos;
	__u32 core_relo_cnt;
	__u32 core_relo_rec_size;
	void *annot;
	__u32 annot_size;
	void *sig;
	__u32 sig_size;
	__s32 keyring_id;
	bool skip;
};

/**
 * struct bpf_annotate_plan - everything bpf_annotate_load() passes to the
 * kernel, as mutable copies
 * @btf: BTF blob for BPF_BTF_LOAD, or NULL to load no BTF
 * @btf_size: size of @btf
 * @maps: maps, by fd_array index
 * @map_cnt: number of @maps
 * @progs: programs, in the object's order
 * @prog_cnt: number of @progs
 *
 * The prepare hook may change any byte and any scalar, shrink any size or
 * count, and replace any component pointer with memory it owns that lives
 * until bpf_annotate_load() returns; it may not replace @maps or @progs
 * themselves. The library frees only its own copies.
 */
struct bpf_annotate_plan {
	void *btf;
	__u32 btf_size;
	struct bpf_annotate_plan_map *maps;
	__u32 map_cnt;
	struct bpf_annotate_plan_prog *progs;
	__u32 prog_cnt;
};

/**
 * struct bpf_annotate_load_opts - options of bpf_annotate_load()
 * @keyring_id: keyring_id of every program: 0 builtin, 1 secondary,
 *	2 platform, otherwise a user keyring serial
 * @log_buf: verifier log buffer, or NULL; when BPF_BTF_LOAD fails
 *	(@out->failed_prog is -1), the kernel's BTF log
 * @log_size: size of @log_buf
 * @log_level: verifier log level; 0 with a @log_buf retries a failed
 *	load (program or BTF) with level 1 to fill @log_buf
 * @fd_base: when positive, map fds are duplicated to fds >= @fd_base
 *	and the duplicates fill fd_array (a different fd layout than the
 *	one at signing time, which the signature does not cover)
 * @no_signature: do not pass the signatures
 * @no_annotation: pass neither annotations nor signatures
 * @vmlinux_btf: path of the vmlinux BTF to resolve names, or NULL for
 *	/sys/kernel/btf/vmlinux
 * @prepare: called once with the plan after names are resolved and before
 *	the first syscall; a non-zero return aborts the load with it
 * @prepare_ctx: passed to @prepare
 * @target_prog_fd: the loaded program whose function the object's
 *	freplace programs replace (their attach name is resolved in its
 *	BTF); 0 when the object has none
 */
struct bpf_annotate_load_opts {
	__s32 keyring_id;
	char *log_buf;
	__u32 log_size;
	__u32 log_level;
	int fd_base;
	bool no_signature;
	bool no_annotation;
	const char *vmlinux_btf;
	int (*prepare)(struct bpf_annotate_plan *plan, void *ctx);
	void *prepare_ctx;
	int target_prog_fd;
};

/**
 * struct bpf_annotate_loaded - what bpf_annotate_load() created
 * @btf_fd: fd of the loaded BTF, or -1
 * @map_fds: fd per map index, -1 for none
 * @map_cnt: number of @map_fds
 * @prog_fds: fd per program, -1 for a skipped program
 * @prog_cnt: number of @prog_fds
 * @failed_prog: index of the program whose load failed, or -1
 */
struct bpf_annotate_loaded {
	int btf_fd;
	int *map_fds;
	__u32 map_cnt;
	int *prog_fds;
	__u32 prog_cnt;
	int failed_prog;
};

/**
 * struct bpf_annotate_attach_opts - attach targets no section names
 * @perf_freq: perf_event programs sample the cpu-clock event this many
 *	times per second on each online CPU (0: 99)
 * @ifindex: XDP programs attach to this interface (0: refused)
 * @xdp_flags: XDP_FLAGS_SKB_MODE, XDP_FLAGS_DRV_MODE or 0 (the kernel
 *	chooses)
 * @target: attach here instead of where the section says, or NULL:
 *	"kprobe:FUNC[+OFF]", "kretprobe:FUNC", "uprobe:PATH:SYMBOL" or
 *	"uretprobe:PATH:SYMBOL" for a kprobe program, "kprobe:PATTERN" or
 *	"kretprobe:PATTERN" for a kprobe.multi program ("kprobe:PATTERN" for
 *	kprobe.session), "uprobe:PATH:PATTERN" or "uretprobe:PATH:PATTERN"
 *	for an uprobe.multi program, "tracepoint:GROUP:NAME",
 *	"raw_tracepoint:NAME", or "xdp:skb", "xdp:drv" or "xdp:hw" (the mode
 *	of an XDP program, instead of @xdp_flags)
 * @no_check: do not check the program's annotation before attaching
 *	(bpf_annotate_attach_check()): the kernel's check alone decides; for
 *	a program loaded without its annotation, and to see the kernel refuse
 */
struct bpf_annotate_attach_opts {
	__u32 perf_freq;
	__u32 ifindex;
	__u32 xdp_flags;
	const char *target;
	bool no_check;
};

/**
 * struct bpf_annotate_links - the links bpf_annotate_attach() made
 * @fds: link fds
 * @cnt: number of @fds
 * @cpus: for perf_event programs, one link per online CPU: the CPU of
 *	each of @fds; otherwise NULL
 */
struct bpf_annotate_links {
	int *fds;
	__u32 cnt;
	int *cpus;
};

int bpf_annotate_record(const char *path, struct bpf_annotate_obj **objp,
			char *err, size_t err_size);
int bpf_annotate_seal(struct bpf_annotate_obj *obj,
		      const struct bpf_annotate_seal_opts *opts,
		      char *err, size_t err_size);
int bpf_annotate_open(const char *path, struct bpf_annotate_obj **objp,
		      char *err, size_t err_size);
int bpf_annotate_open_mem(const char *name, const void *buf, size_t size,
			  struct bpf_annotate_obj **objp, char *err, size_t err_size);
int bpf_annotate_write(const struct bpf_annotate_obj *obj, const char *path,
		       char *err, size_t err_size);
void bpf_annotate_free(struct bpf_annotate_obj *obj);
struct bpf_annotate_prog *bpf_annotate_find_prog(const struct bpf_annotate_obj *obj,
						 const char *name);

int bpf_annotate_digest(const struct bpf_annotate_obj *obj,
			const struct bpf_annotate_prog *prog,
			__u8 digest[BPF_ANNOTATE_DIGEST_SIZE],
			char *err, size_t err_size);
int bpf_annotate_sign(struct bpf_annotate_obj *obj, struct bpf_annotate_prog *prog,
		      const char *key_path, const char *cert_path,
		      char *err, size_t err_size);
struct bpf_annotate_signer;
int bpf_annotate_signer_open(const char *key_path, const char *cert_path,
			     struct bpf_annotate_signer **signerp,
			     char *err, size_t err_size);
void bpf_annotate_signer_free(struct bpf_annotate_signer *signer);
int bpf_annotate_sign_with(struct bpf_annotate_obj *obj, struct bpf_annotate_prog *prog,
			   const struct bpf_annotate_signer *signer,
			   char *err, size_t err_size);
int bpf_annotate_attach_sig(struct bpf_annotate_obj *obj,
			    struct bpf_annotate_prog *prog,
			    const void *sig, __u32 sig_size,
			    char *err, size_t err_size);
int bpf_annotate_verify(const struct bpf_annotate_obj *obj,
			const struct bpf_annotate_prog *prog,
			const char *cert_path, char *err, size_t err_size);

/* light skeletons (bpftool gen skeleton -L) signed in mainline's format */
#define BPF_ANNOTATE_LSKEL_ANNOT	(1U << 0)	/* add the loader's annotation */
#define BPF_ANNOTATE_LSKEL_KERNEL_READS	(1U << 1)	/* ... for the kernel-reads policy */
int bpf_annotate_lskel_sign(const char *text, size_t len,
			    const struct bpf_annotate_signer *signer, unsigned int flags,
			    char **out, size_t *out_len, char *err, size_t err_size);
int bpf_annotate_lskel_verify(const char *text, size_t len, const char *cert_path,
			      int *levels, char *err, size_t err_size);

int bpf_annotate_load(const struct bpf_annotate_obj *obj,
		      const struct bpf_annotate_load_opts *opts,
		      struct bpf_annotate_loaded *out,
		      char *err, size_t err_size);
void bpf_annotate_unload(struct bpf_annotate_loaded *loaded);
int bpf_annotate_attach_check(const struct bpf_annotate_obj *obj,
			      const struct bpf_annotate_prog *prog, __u32 kind,
			      const char *where, int level, char *err, size_t err_size);
int bpf_annotate_attach_check_multi(const struct bpf_annotate_obj *obj,
				    const struct bpf_annotate_prog *prog, __u32 kind, bool retprobe,
				    const char *const *where, size_t cnt, int level, char *err,
				    size_t err_size);
int bpf_annotate_attach(const struct bpf_annotate_obj *obj, const struct bpf_annotate_prog *prog,
			int prog_fd, const struct bpf_annotate_attach_opts *opts,
			struct bpf_annotate_links *links, char *err, size_t err_size);
void bpf_annotate_links_close(struct bpf_annotate_links *links);
int bpf_annotate_prog_verdict(int prog_fd, char *buf, size_t size);

#endif /* _BPF_ANNOTATE_H */
