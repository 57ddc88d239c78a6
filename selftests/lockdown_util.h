/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown selftests - shared helpers */

#ifndef _LOCKDOWN_UTIL_H
#define _LOCKDOWN_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/bpf_lockdown.h>
#include <linux/perf_event.h>
#include "kselftest.h"

#define LD_DIR "/sys/kernel/security/bpf_lockdown/"

/* @rel, relative to the directory of the running test binary */
static inline void ld_exe_path(char *buf, size_t size, const char *rel)
{
	char exe[PATH_MAX - 128];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	exe[n > 0 ? n : 0] = '\0';
	*strrchr(exe, '/') = '\0';
	snprintf(buf, size, "%s/%s", exe, rel);
}

static inline int ld_read(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

/* A kprobe on @func through perf's kprobe PMU, for this thread: fd or -errno */
static inline int ld_kprobe_pmu_open(const char *func)
{
	struct perf_event_attr a = {};
	char buf[32];
	int fd;

	if (ld_read("/sys/bus/event_source/devices/kprobe/type", buf, sizeof(buf)) < 0)
		return -ENOENT;
	a.size = sizeof(a);
	a.type = atoi(buf);
	a.config1 = (__u64)(unsigned long)func;
	/* this thread, any CPU */
	fd = syscall(__NR_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/*
 * The perf event id of trace event @tp ("group/name") from tracefs, mounted
 * at /sys/kernel/tracing or under debugfs, as libbpf finds it; or -errno
 */
static inline long ld_tracepoint_id(const char *tp)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	char path[192], buf[32];
	int i, n = -ENOENT;

	for (i = 0; i < 2 && n < 0; i++) {
		snprintf(path, sizeof(path), "%s/events/%s/id", roots[i], tp);
		n = ld_read(path, buf, sizeof(buf));
	}
	return n < 0 ? n : strtol(buf, NULL, 10);
}

/*
 * A perf event of trace event @tp ("group/name") for this thread, on any
 * CPU: sampling every record with @sample_period 1, counting with 0. fd or
 * -errno
 */
static inline int ld_tracepoint_open(const char *tp, __u64 sample_period)
{
	struct perf_event_attr a = { .size = sizeof(a), .type = PERF_TYPE_TRACEPOINT };
	long id = ld_tracepoint_id(tp);
	int fd;

	if (id < 0)
		return id;
	a.config = id;
	a.sample_period = sample_period;
	fd = syscall(__NR_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* Write buf; return 0 or -errno. */
static inline int ld_write(const char *path, const char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	close(fd);
	return n < 0 ? -errno : 0;
}

/* The bracketed word of a "a [b] c" file, or "" */
static inline void ld_bracketed(const char *path, char *out, size_t size)
{
	char buf[256], *s, *e;

	out[0] = '\0';
	if (ld_read(path, buf, sizeof(buf)) < 0)
		return;
	s = strchr(buf, '[');
	e = s ? strchr(s, ']') : NULL;
	if (s && e && (size_t)(e - s - 1) < size) {
		memcpy(out, s + 1, e - s - 1);
		out[e - s - 1] = '\0';
	}
}

static inline int ld_mode(void)
{
	char m[32];

	ld_bracketed(LD_DIR "mode", m, sizeof(m));
	if (!strcmp(m, "enforce"))
		return BPF_LOCKDOWN_MODE_ENFORCE;
	if (!strcmp(m, "audit"))
		return BPF_LOCKDOWN_MODE_AUDIT;
	return BPF_LOCKDOWN_MODE_OFF;
}

static inline int ld_level(void)
{
	char m[32];

	ld_bracketed("/sys/kernel/security/lockdown", m, sizeof(m));
	if (!strcmp(m, "confidentiality"))
		return BPF_LOCKDOWN_LEVEL_CONFIDENTIALITY;
	if (!strcmp(m, "integrity"))
		return BPF_LOCKDOWN_LEVEL_INTEGRITY;
	return BPF_LOCKDOWN_LEVEL_NONE;
}

/*
 * The kernel-reads policy for signed programs
 * (CONFIG_BPF_LOCKDOWN_SIGNED_KERNEL_READS, bpf_lockdown.signed_kernel_reads=)
 */
static inline bool ld_signed_kernel_reads(void)
{
	char buf[16];

	return ld_read(LD_DIR "signed_kernel_reads", buf, sizeof(buf)) >= 0 &&
	       !strncmp(buf, "on", 2);
}

/*
 * A system-signed program whose annotation grants kernel reads at
 * confidentiality gets them: the policy is on and BPF lockdown is not off
 */
static inline bool ld_signed_reads_granted(void)
{
	return ld_signed_kernel_reads() && ld_mode() != BPF_LOCKDOWN_MODE_OFF;
}

static inline const char *ld_level_name(int level)
{
	static const char *const names[] = { "none", "integrity", "confidentiality" };

	return level >= 0 && level < 3 ? names[level] : "?";
}

static inline const char *ld_mode_name(int mode)
{
	static const char *const names[] = { "off", "audit", "enforce" };

	return mode >= 0 && mode < 3 ? names[mode] : "?";
}

/*
 * A file of the test keys: of the directory $BPF_LOCKDOWN_KEYS, by default
 * ../keys next to the test binary (build/keys next to build/selftests)
 */
static inline void ld_keys_path(char *buf, size_t size, const char *name)
{
	const char *dir = getenv("BPF_LOCKDOWN_KEYS");
	char rel[80];

	if (dir && *dir) {
		snprintf(buf, size, "%s/%s", dir, name);
	} else {
		snprintf(rel, sizeof(rel), "../keys/%s", name);
		ld_exe_path(buf, size, rel);
	}
	if (access(buf, R_OK))
		fprintf(stderr, "# cannot read the test key %s: set BPF_LOCKDOWN_KEYS\n", buf);
}

/*
 * The kernel log, read into a buffer of its own that the next read
 * overwrites (the caller may change it): its length, or -errno
 */
static inline int ld_kernel_log_read(char **log)
{
	static char klog[1 << 20];
	int n;

	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, klog, sizeof(klog) - 1);
	if (n < 0)
		return -errno;
	klog[n] = '\0';
	*log = klog;
	return n;
}

/* How many times the kernel log holds @want */
static inline int ld_kernel_log_count(const char *want)
{
	int cnt = 0;
	char *klog, *p;

	if (ld_kernel_log_read(&klog) < 0)
		return 0;
	for (p = strstr(klog, want); p; p = strstr(p + 1, want))
		cnt++;
	return cnt;
}

/* The kernel log holds a line containing the text @fmt formats */
static inline __printf(1, 2) bool ld_kernel_log_has(const char *fmt, ...)
{
	char want[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	return ld_kernel_log_count(want) > 0;
}

/*
 * Print, as TAP comments, the last @max lines of the kernel log that hold
 * @needle, and every "callbacks suppressed" line of the rate limit among
 * them: what a test that missed its line finds instead
 */
static inline void ld_kernel_log_tail(const char *needle, int max)
{
	int n, total = 0, seen = 0, pass;
	char *klog, *p, *e;

	n = ld_kernel_log_read(&klog);
	if (n < 0) {
		fprintf(stderr, "# kernel log: %s\n", strerror(-n));
		return;
	}
	for (p = klog; *p; p = e + 1) {		/* one line a string */
		e = strchr(p, '\n');
		if (!e)
			break;
		*e = '\0';
	}
	fprintf(stderr, "# the kernel log's last lines with \"%s\":\n", needle);
	/* count the lines with @needle, then print the last @max of them */
	for (pass = 0; pass < 2; pass++) {
		for (p = klog; p < klog + n; p += strlen(p) + 1) {
			bool has = strstr(p, needle);

			if (!pass) {
				total += has;
				continue;
			}
			seen += has;
			if (seen > total - max && (has || strstr(p, "callbacks suppressed")))
				fprintf(stderr, "#   %s\n", p);
		}
	}
}

/* @log holds @want; when it does not, say so and print @log as TAP comments */
static inline bool ld_log_has(const char *log, const char *want)
{
	const char *p, *e;

	if (strstr(log, want))
		return true;
	fprintf(stderr, "# no \"%s\" in:\n", want);
	for (p = log; *p; p = e + 1) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p) - 1;
		fprintf(stderr, "#   %.*s\n", (int)(e - p + (*e != '\n')), p);
	}
	return false;
}

/* Expect the text @log (a verifier or libbpf log) to hold @want */
#define EXPECT_LOG_HAS(log, want) EXPECT_TRUE(ld_log_has(log, want))

/*
 * Whether a racing test can race: its racer must rewrite a buffer on a
 * second CPU while the kernel reads it. make vmtest's boots have one CPU
 * but the races boots, and a racing test skips with LD_NO_RACER on one.
 */
static inline bool ld_two_cpus(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

#define LD_NO_RACER "one CPU: no racer runs during a load (the races boots have two)"

/* The address of a kernel symbol in /proc/kallsyms, or 0 (hidden or absent) */
static inline unsigned long ld_ksym(const char *name)
{
	char line[256], sym[128], t;
	unsigned long addr = 0, a;
	FILE *f = fopen("/proc/kallsyms", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %c %127s", &a, &t, sym) == 3 && !strcmp(sym, name)) {
			addr = a;
			break;
		}
	if (f)
		fclose(f);
	return addr;
}

/* The value of the lockdown: line of a program's fdinfo */
static inline void ld_fdinfo_verdict(int fd, char *out, size_t size)
{
	char path[64], buf[4096], *l;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	out[0] = '\0';
	if (ld_read(path, buf, sizeof(buf)) < 0)
		return;
	l = strstr(buf, "lockdown:\t");
	if (l)
		snprintf(out, size, "%.*s", (int)strcspn(l + strlen("lockdown:\t"), "\n"),
			 l + strlen("lockdown:\t"));
}

/* The value of name= on the kernel command line, or "" */
static inline void ld_cmdline(const char *name, char *out, size_t size)
{
	char buf[4096], *p;
	size_t len = strlen(name);

	out[0] = '\0';
	if (ld_read("/proc/cmdline", buf, sizeof(buf)) < 0)
		return;
	for (p = strtok(buf, "\n "); p; p = strtok(NULL, "\n ")) {
		if (!strncmp(p, name, len) && p[len] == '=') {
			snprintf(out, size, "%s", p + len + 1);
			return;
		}
	}
}

struct ld_load {
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
	__u32 attach_btf_id;
	__u32 prog_flags;
	const struct bpf_insn *insns;
	unsigned int cnt;
	const char *name;
	/* BPF lockdown fields of BPF_PROG_LOAD */
	__u32 fd_array_cnt;
	const void *sig;
	__u32 sig_size;
	__s32 keyring_id;
	const void *annot;
	__u32 annot_size;
	const int *fd_array;
	const char *license;
	/* program BTF and its records (struct bpf_func_info, bpf_line_info) */
	int btf_fd;
	int attach_prog_fd;
	const void *func_info;
	__u32 func_info_cnt;
	const void *line_info;
	__u32 line_info_cnt;
};

/*
 * BPF_MAP_CREATE of an array map of @entries values of @value_size, exclusive
 * to the program whose digest is @excl_hash if set; returns fd or -errno
 */
static inline int ld_array_map_create(__u32 value_size, __u32 entries, const void *excl_hash,
				      __u32 excl_hash_size)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = value_size;
	attr.max_entries = entries;
	attr.excl_prog_hash = (__u64)(unsigned long)excl_hash;
	attr.excl_prog_hash_size = excl_hash_size;
	fd = syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
	return fd < 0 ? -errno : fd;
}

/* BPF_PROG_LOAD with a log; returns fd or -errno, log in log[] */
static inline int ld_prog_load(const struct ld_load *l, char *log, size_t log_size)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = l->type;
	attr.expected_attach_type = l->attach;
	attr.attach_btf_id = l->attach_btf_id;
	attr.prog_flags = l->prog_flags;
	attr.insns = (__u64)(unsigned long)l->insns;
	attr.insn_cnt = l->cnt;
	attr.license = (__u64)(unsigned long)(l->license ? l->license : "GPL");
	attr.log_buf = (__u64)(unsigned long)log;
	attr.log_size = log_size;
	attr.log_level = 1;
	attr.fd_array_cnt = l->fd_array_cnt;
	attr.signature = (__u64)(unsigned long)l->sig;
	attr.signature_size = l->sig_size;
	attr.keyring_id = l->keyring_id;
	attr.fd_array = (__u64)(unsigned long)l->fd_array;
	attr.lockdown_annot = (__u64)(unsigned long)l->annot;
	attr.lockdown_annot_size = l->annot_size;
	attr.prog_btf_fd = l->btf_fd;
	attr.attach_prog_fd = l->attach_prog_fd;
	attr.func_info = (__u64)(unsigned long)l->func_info;
	attr.func_info_cnt = l->func_info_cnt;
	attr.func_info_rec_size = l->func_info_cnt ? sizeof(struct bpf_func_info) : 0;
	attr.line_info = (__u64)(unsigned long)l->line_info;
	attr.line_info_cnt = l->line_info_cnt;
	attr.line_info_rec_size = l->line_info_cnt ? sizeof(struct bpf_line_info) : 0;
	snprintf(attr.prog_name, sizeof(attr.prog_name), "%s", l->name ? l->name : "ld_test");
	log[0] = '\0';
	fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	return fd < 0 ? -errno : fd;
}

#endif /* _LOCKDOWN_UTIL_H */
