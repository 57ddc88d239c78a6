/* SPDX-License-Identifier: GPL-2.0 */
/* BPF lockdown selftests and benchmark - signing a digest with a test key */
#ifndef _SIGN_UTIL_H
#define _SIGN_UTIL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/types.h>
#include <linux/bpf_lockdown.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

/*
 * Detached PKCS#7 over @len bytes at @data with the key and certificate of
 * two PEM files, as scripts/sign-file.c makes them. *@out_size is the size
 * of @out on entry and of the signature on return. Returns 0 or -1.
 */
static inline int ld_cms_sign(const char *key_path, const char *cert_path,
			      const void *data, size_t len, __u8 *out, __u32 *out_size)
{
	unsigned int flags = CMS_NOCERTS | CMS_PARTIAL | CMS_BINARY | CMS_DETACHED |
			     CMS_STREAM;
	CMS_ContentInfo *cms = NULL;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	__u8 *der = NULL;
	BIO *b, *in;
	int ret = -1;

	b = BIO_new_file(key_path, "r");
	if (b)
		key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	b = BIO_new_file(cert_path, "r");
	if (b)
		cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	in = BIO_new_mem_buf(data, len);
	if (key && cert && in)
		cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	if (cms && CMS_add1_signer(cms, cert, key, EVP_sha256(),
				   CMS_NOCERTS | CMS_BINARY | CMS_NOSMIMECAP | CMS_NOATTR) &&
	    CMS_final(cms, in, NULL, CMS_NOCERTS | CMS_BINARY))
		ret = i2d_CMS_ContentInfo(cms, &der);
	if (ret > 0 && (__u32)ret <= *out_size) {
		memcpy(out, der, ret);
		*out_size = ret;
		ret = 0;
	} else {
		ret = -1;
	}
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	X509_free(cert);
	EVP_PKEY_free(key);
	return ret;
}

/*
 * The key and certificate of the test key pair @stem in build/keys:
 * "signing" is the pair the kernel trusts (signing_key.pem, cert.pem), any
 * other STEM_key.pem and STEM_cert.pem
 */
static inline void ld_key_pair(const char *stem, char kp[PATH_MAX], char cp[PATH_MAX])
{
	char kn[64], cn[64];

	snprintf(kn, sizeof(kn), "%s_key.pem", stem);
	snprintf(cn, sizeof(cn), "%s_cert.pem", stem);
	if (!strcmp(stem, "signing")) {
		snprintf(kn, sizeof(kn), "signing_key.pem");
		snprintf(cn, sizeof(cn), "cert.pem");
	}
	ld_keys_path(kp, PATH_MAX, kn);
	ld_keys_path(cp, PATH_MAX, cn);
}

/*
 * A version 2 annotation for the tests that do not link the shared builder
 * (raise_test, adversary_test), laid out as annot_build.c lays it out, on a
 * little-endian host: every level may load and grants no helper, level L
 * allows the attach kinds of @kinds[L] (bit n of word n / 64), and the
 * program is bound to the NULL-terminated attach points @points (or none).
 * Returns the size of the annotation, or 0 when @size is too small.
 */
static inline __u32
ld_annot_v2(void *buf, size_t size,
	    const __u64 kinds[BPF_LOCKDOWN_LEVEL_NR][BPF_LOCKDOWN_ANNOT_ATTACH_WORDS],
	    const char *const *points)
{
	struct bpf_lockdown_annot_hdr *h = buf;
	struct bpf_lockdown_annot_level *lv = (void *)(h + 1);
	struct bpf_lockdown_annot_attach *at = (void *)(lv + BPF_LOCKDOWN_LEVEL_NR);
	char *strtab = (char *)(at + BPF_LOCKDOWN_LEVEL_NR);
	__u32 len = 0, cnt = 0, l;

	for (; points && points[cnt]; cnt++)
		len += strlen(points[cnt]) + 1;
	if ((size_t)(strtab - (char *)buf) + len > size)
		return 0;
	memset(buf, 0, strtab - (char *)buf + len);
	h->magic = BPF_LOCKDOWN_ANNOT_MAGIC;
	h->version = 2;
	h->hdr_size = sizeof(*h);
	h->total_size = strtab - (char *)buf + len;
	h->level_off = (char *)lv - (char *)buf;
	h->level_cnt = BPF_LOCKDOWN_LEVEL_NR;
	h->attach_off = (char *)at - (char *)buf;
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		lv[l].flags = BPF_LOCKDOWN_ANNOT_MAY_LOAD;
		memcpy(at[l].kinds, kinds[l], sizeof(at[l].kinds));
	}
	if (cnt) {
		h->strtab_off = strtab - (char *)buf;
		h->strtab_size = len;
		h->point_cnt = cnt;	/* point_off 0: the points open the string table */
		for (l = 0; l < cnt; l++)
			strtab = stpcpy(strtab, points[l]) + 1;
	}
	return h->total_size;
}

/*
 * Room in the kernel log for the refusals a test asserts. Each call site
 * of a BPF lockdown report prints at most 10 lines in a window of 5
 * seconds (the kernel's default rate limit), and a window opens at the
 * first line after the last one closed, which the test cannot see: a
 * refusal that comes just after a quiet window closed opens a new one.
 * So the count is kept over a sliding window: ld_room() before a refusal
 * waits until fewer than 9 refusals were counted in the last 6.5 seconds
 * (any window of the kernel then holds at most 9 with this one, with a
 * margin: in an emulated VM jiffies may run behind this clock), and
 * ld_room_count() after the refusal stamps its time. ld_room_init() must
 * run in the harness's parent (a constructor), so that the tests it forks
 * share the stamps; it stamps them all with its own time, so that the
 * first ld_room() waits out the refusals of the programs that ran before.
 * With kernel.printk_ratelimit=0 the kernel drops no line of BPF lockdown
 * (selftests/run-suite sets it for the suites of a boot), and nothing waits.
 */
#define LD_ROOM_LINES	9
#define LD_ROOM_SPAN	6.5

static struct ld_room { double stamp[LD_ROOM_LINES]; int next; } *ld_room_state;

static inline double ld_room_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* kernel.printk_ratelimit is 0: BPF lockdown's lines are not rate-limited */
static inline bool ld_log_unlimited(void)
{
	FILE *f = fopen("/proc/sys/kernel/printk_ratelimit", "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v == 0;
}

static inline void ld_room_init(void)
{
	double now = ld_room_now();

	if (ld_log_unlimited())
		return;

	ld_room_state = mmap(NULL, sizeof(*ld_room_state), PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ld_room_state == MAP_FAILED) {
		ld_room_state = NULL;
		return;
	}
	for (int i = 0; i < LD_ROOM_LINES; i++)
		ld_room_state->stamp[i] = now;
	ld_room_state->next = 0;
}

static inline void ld_room(void)
{
	struct ld_room *r = ld_room_state;
	double wait;

	if (!r)
		return;
	/* the oldest of the last LD_ROOM_LINES refusals must be out of the span */
	wait = r->stamp[r->next] + LD_ROOM_SPAN - ld_room_now();
	if (wait > 0)
		usleep(wait * 1e6);
}

static inline void ld_room_count(void)
{
	struct ld_room *r = ld_room_state;

	if (!r)
		return;
	r->stamp[r->next] = ld_room_now();
	r->next = (r->next + 1) % LD_ROOM_LINES;
}

#endif /* _SIGN_UTIL_H */
