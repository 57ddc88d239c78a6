// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the digest, sign, attach-sig, verify, sign-lskel and verify-lskel commands */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "bpf_annotate.h"
#include "util.h"
#include "common.h"
#include "main.h"

#define DIGEST_USAGE "digest OBJ [--prog NAME] [-o FILE]"
#define SIGN_USAGE "sign OBJ... -k KEY -c CERT [-o OUT] [--prog NAME]"
#define ATTACH_USAGE "attach-sig OBJ --prog NAME SIGFILE [-o OUT]"
#define VERIFY_USAGE "verify OBJ -c CERT [--prog NAME]"
#define SIGN_LSKEL_USAGE "sign-lskel HEADER -k KEY -c CERT [-o OUT] [--annotate] [--kernel-reads]"
#define VERIFY_LSKEL_USAGE "verify-lskel HEADER -c CERT"

struct sign_args {
	const char *out;
	const char *prog;
	const char *key;
	const char *cert;
	unsigned int lskel_flags;
	char **args;
	int nargs;
};

static int parse(int argc, char **argv, const char *optstring, struct sign_args *a)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "prog", required_argument, NULL, 'P' },
		{ "key", required_argument, NULL, 'k' },
		{ "cert", required_argument, NULL, 'c' },
		{ "annotate", no_argument, NULL, 'A' },
		{ "kernel-reads", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof(*a));
	while ((c = ba_getopt(argc, argv, optstring, longopts)) != -1) {
		if (c == '?' || !strchr(optstring, c))
			return -EINVAL;
		switch (c) {
		case 'o':
			a->out = optarg;
			break;
		case 'P':
			a->prog = optarg;
			break;
		case 'k':
			a->key = optarg;
			break;
		case 'c':
			a->cert = optarg;
			break;
		case 'A':
			a->lskel_flags |= BPF_ANNOTATE_LSKEL_ANNOT;
			break;
		case 'R':
			a->lskel_flags |= BPF_ANNOTATE_LSKEL_KERNEL_READS;
			break;
		}
	}
	a->args = ba_args(argc, argv, &a->nargs);
	return 0;
}

/* open OBJ and select --prog (*sel), or all programs (NULL); 0 or -errno */
static int open_sel(const char *path, const char *prog, struct bpf_annotate_obj **obj,
		    struct bpf_annotate_prog **sel, char *err, size_t err_size)
{
	int ret;

	*sel = NULL;
	ret = bpf_annotate_open(path, obj, err, err_size);
	if (ret || !prog)
		return ret;
	*sel = bpf_annotate_find_prog(*obj, prog);
	if (*sel)
		return 0;
	bpf_annotate_free(*obj);
	*obj = NULL;
	return ba_fail(err, err_size, -ENOENT, "%s: no program %s", path, prog);
}

/* open_sel(), printing its error; 0 or 1 */
static int open_obj(const char *path, const char *prog, struct bpf_annotate_obj **obj,
		    struct bpf_annotate_prog **sel)
{
	char err[1024];

	if (open_sel(path, prog, obj, sel, err, sizeof(err)))
		return ba_error("%s", err);
	return 0;
}

static void hex(const __u8 *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

/**
 * ba_cmd_digest() - digest OBJ: the digest each program's signature covers
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0; 1 when the object cannot be read or the digest written;
 * 2 for a usage error.
 */
int ba_cmd_digest(const struct ba_opts *opts, int argc, char **argv)
{
	__u8 d[BPF_ANNOTATE_DIGEST_SIZE];
	struct bpf_annotate_prog *sel, *p;
	struct bpf_annotate_obj *obj;
	char err[1024], h[2 * sizeof(d) + 1];
	struct sign_args a;
	int ret = 0;
	FILE *f;
	__u32 i;

	if (parse(argc, argv, "o:P:", &a) || a.nargs != 1)
		return ba_usage_error(DIGEST_USAGE);
	if (open_obj(a.args[0], a.prog, &obj, &sel))
		return 1;
	if (a.out && !sel && obj->prog_cnt != 1) {
		bpf_annotate_free(obj);
		return ba_usage_error("digest -o FILE needs --prog NAME: %s has %u programs",
				      a.args[0], obj->prog_cnt);
	}
	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; i < obj->prog_cnt && !ret; i++) {
		p = &obj->progs[i];
		if (sel && p != sel)
			continue;
		ret = bpf_annotate_digest(obj, p, d, err, sizeof(err));
		if (ret)
			break;
		hex(d, sizeof(d), h);
		if (a.out) {
			f = fopen(a.out, "wb");
			if (!f || fwrite(d, sizeof(d), 1, f) != 1 || fclose(f)) {
				ret = -errno;
				snprintf(err, sizeof(err), "%s: %s", a.out, strerror(errno));
				break;
			}
		}
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", p->name);
			jsonw_string_field(json_wtr, "digest", h);
			jsonw_end_object(json_wtr);
		} else if (!a.out) {
			printf("%s %s\n", p->name, h);
		}
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	bpf_annotate_free(obj);
	return ret ? ba_error("%s", err) : 0;
}

static int write_out(struct bpf_annotate_obj *obj, const char *in, const char *out)
{
	char err[1024];

	if (bpf_annotate_write(obj, out ? out : in, err, sizeof(err)))
		return ba_error("%s", err);
	return 0;
}

static void print_signed(const struct ba_opts *opts, const struct bpf_annotate_obj *obj,
			 const struct bpf_annotate_prog *sel, const char *name)
{
	const struct bpf_annotate_prog *p;
	__u32 i;

	if (opts->json && name) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "object", name);
		jsonw_name(json_wtr, "programs");
	}
	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; i < obj->prog_cnt; i++) {
		p = &obj->progs[i];
		if (sel && p != sel)
			continue;
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", p->name);
			jsonw_uint_field(json_wtr, "signature_size", p->sig_size);
			jsonw_end_object(json_wtr);
		} else {
			if (name)
				printf("%s: ", name);
			printf("%s: signed (%u bytes)\n", p->name, p->sig_size);
		}
	}
	if (!opts->json)
		return;
	jsonw_end_array(json_wtr);
	if (name)
		jsonw_end_object(json_wtr);
	else
		jsonw_end(json_wtr);
}

/* sign one object's programs and write it; 0 or 1 */
static int sign_one(const struct ba_opts *opts, const struct sign_args *a,
		    const struct bpf_annotate_signer *signer, const char *path, bool many)
{
	struct bpf_annotate_prog *sel = NULL;
	struct bpf_annotate_obj *obj = NULL;
	char err[1024];
	int ret;
	__u32 i;

	ret = open_sel(path, a->prog, &obj, &sel, err, sizeof(err));
	for (i = 0; !ret && i < obj->prog_cnt; i++)
		if (!sel || &obj->progs[i] == sel)
			ret = bpf_annotate_sign_with(obj, &obj->progs[i], signer, err, sizeof(err));
	if (!ret)
		ret = bpf_annotate_write(obj, a->out ? a->out : path, err, sizeof(err));
	if (!ret) {
		print_signed(opts, obj, sel, many ? path : NULL);
	} else if (opts->json && many) {
		ba_json_obj_error(path, err);
	}
	bpf_annotate_free(obj);
	if (!ret)
		return 0;
	return many ? ba_obj_error(path, err) : ba_error("%s", err);
}

/**
 * ba_cmd_sign() - sign OBJ...: sign the programs of sealed objects
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0; 1 when an object could not be signed (the others still
 * are); 2 for a usage error.
 */
int ba_cmd_sign(const struct ba_opts *opts, int argc, char **argv)
{
	struct bpf_annotate_signer *signer;
	struct sign_args a;
	char err[1024];
	int i, ret = 0;
	bool many;

	if (parse(argc, argv, "o:P:k:c:", &a) || !a.nargs || !a.key || !a.cert ||
	    (a.out && a.nargs != 1))
		return ba_usage_error(SIGN_USAGE);
	if (bpf_annotate_signer_open(a.key, a.cert, &signer, err, sizeof(err)))
		return ba_error("%s", err);
	many = a.nargs > 1;
	if (opts->json && many)
		jsonw_start_array(json_wtr);
	for (i = 0; i < a.nargs; i++)
		ret |= sign_one(opts, &a, signer, a.args[i], many);
	if (opts->json && many) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	bpf_annotate_signer_free(signer);
	return ret;
}

/**
 * ba_cmd_attach_sig() - attach-sig OBJ --prog NAME SIGFILE: add a signature made elsewhere
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0; 1 when the object, the signature or the output fails;
 * 2 for a usage error.
 */
int ba_cmd_attach_sig(const struct ba_opts *opts, int argc, char **argv)
{
	struct bpf_annotate_prog *sel;
	struct bpf_annotate_obj *obj;
	struct sign_args a;
	char err[1024];
	size_t size;
	void *sig;
	int ret;

	if (parse(argc, argv, "o:P:", &a) || a.nargs != 2 || !a.prog)
		return ba_usage_error(ATTACH_USAGE);
	if (open_obj(a.args[0], a.prog, &obj, &sel))
		return 1;
	ret = ba_read_file(a.args[1], &sig, &size, err, sizeof(err));
	if (!ret) {
		if (size > 0xffffffffU)
			size = 0xffffffffU;
		ret = bpf_annotate_attach_sig(obj, sel, sig, size, err, sizeof(err));
		free(sig);
	}
	if (ret) {
		bpf_annotate_free(obj);
		return ba_error("%s", err);
	}
	ret = write_out(obj, a.args[0], a.out);
	if (!ret) {
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", sel->name);
			jsonw_uint_field(json_wtr, "signature_size", sel->sig_size);
			jsonw_end_object(json_wtr);
			jsonw_end(json_wtr);
		} else {
			printf("%s: signature attached (%u bytes)\n", sel->name, sel->sig_size);
		}
	}
	bpf_annotate_free(obj);
	return ret;
}

/**
 * ba_cmd_verify() - verify OBJ -c CERT: check the signatures offline
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0 when every signature verifies; 1 otherwise; 2 for a usage
 * error.
 */
int ba_cmd_verify(const struct ba_opts *opts, int argc, char **argv)
{
	struct bpf_annotate_prog *sel, *p;
	struct bpf_annotate_obj *obj;
	struct sign_args a;
	char err[1024] = "";
	int ret = 0, r;
	__u32 i;

	if (parse(argc, argv, "P:c:", &a) || a.nargs != 1 || !a.cert)
		return ba_usage_error(VERIFY_USAGE);
	if (open_obj(a.args[0], a.prog, &obj, &sel))
		return 1;
	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; i < obj->prog_cnt; i++) {
		p = &obj->progs[i];
		if (sel && p != sel)
			continue;
		r = bpf_annotate_verify(obj, p, a.cert, err, sizeof(err));
		if (opts->json) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", p->name);
			jsonw_bool_field(json_wtr, "ok", !r);
			if (r)
				jsonw_string_field(json_wtr, "error", err);
			jsonw_end_object(json_wtr);
		} else if (!r) {
			printf("%s: OK\n", p->name);
		}
		if (r && !ret) {
			ret = r;
			if (!opts->json)
				ba_error("%s", err);
		}
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	bpf_annotate_free(obj);
	return ret ? 1 : 0;
}

/**
 * ba_cmd_sign_lskel() - sign-lskel HEADER -k KEY -c CERT: sign a light
 *	skeleton in mainline's format
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Writes the signed header to -o OUT, or to standard output.
 *
 * Return: 0; 1 when the header cannot be read, signed or written; 2 for
 * a usage error.
 */
int ba_cmd_sign_lskel(const struct ba_opts *opts, int argc, char **argv)
{
	struct bpf_annotate_signer *signer = NULL;
	char err[1024], why[768], *out = NULL;
	size_t size, out_len = 0;
	struct sign_args a;
	void *text = NULL;
	FILE *f;
	int ret;

	if (parse(argc, argv, "o:k:c:AR", &a) || a.nargs != 1 || !a.key || !a.cert)
		return ba_usage_error(SIGN_LSKEL_USAGE);
	ret = ba_read_file(a.args[0], &text, &size, err, sizeof(err));
	if (!ret)
		ret = bpf_annotate_signer_open(a.key, a.cert, &signer, err, sizeof(err));
	if (!ret && bpf_annotate_lskel_sign(text, size, signer, a.lskel_flags, &out, &out_len,
					    why, sizeof(why))) {
		snprintf(err, sizeof(err), "%s: %s", a.args[0], why);
		ret = -1;
	}
	if (!ret) {
		f = a.out ? fopen(a.out, "w") : stdout;
		if (!f || fwrite(out, 1, out_len, f) != out_len || fflush(f)) {
			snprintf(err, sizeof(err), "%s: %s", a.out ? a.out : "standard output",
				 strerror(errno));
			ret = -1;
		}
		if (f && a.out && fclose(f) && !ret) {
			snprintf(err, sizeof(err), "%s: %s", a.out, strerror(errno));
			ret = -1;
		}
	}
	if (!ret && a.out && opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "header", a.out);
		jsonw_bool_field(json_wtr, "signed", true);
		jsonw_end_object(json_wtr);
		jsonw_end(json_wtr);
	} else if (!ret && a.out) {
		printf("%s: light skeleton signed\n", a.out);
	}
	bpf_annotate_signer_free(signer);
	free(text);
	free(out);
	return ret ? ba_error("%s", err) : 0;
}

/**
 * ba_cmd_verify_lskel() - verify-lskel HEADER -c CERT: check a signed
 *	light skeleton offline
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * Return: 0 when the signature verifies; 1 otherwise; 2 for a usage error.
 */
int ba_cmd_verify_lskel(const struct ba_opts *opts, int argc, char **argv)
{
	char err[1024], why[768], lv[64] = "";
	struct sign_args a;
	void *text = NULL;
	int ret, levels, i;
	size_t size;

	if (parse(argc, argv, "c:", &a) || a.nargs != 1 || !a.cert)
		return ba_usage_error(VERIFY_LSKEL_USAGE);
	ret = ba_read_file(a.args[0], &text, &size, err, sizeof(err));
	if (!ret && bpf_annotate_lskel_verify(text, size, a.cert, &levels, why, sizeof(why))) {
		snprintf(err, sizeof(err), "%s: %s", a.args[0], why);
		ret = -1;
	}
	free(text);
	if (ret)
		return ba_error("%s", err);
	for (i = 0; levels > 0 && i < BPF_LOCKDOWN_LEVEL_NR; i++)
		if (levels & 1 << i)
			snprintf(lv + strlen(lv), sizeof(lv) - strlen(lv), "%s%s", lv[0] ? ", " : "",
				 bpf_lockdown_level_name(i));
	if (opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "header", a.args[0]);
		jsonw_bool_field(json_wtr, "verified", true);
		jsonw_bool_field(json_wtr, "annotated", levels >= 0);
		if (levels >= 0) {
			jsonw_name(json_wtr, "loads_at");
			jsonw_start_array(json_wtr);
			for (i = 0; i < BPF_LOCKDOWN_LEVEL_NR; i++)
				if (levels & 1 << i)
					jsonw_string(json_wtr, bpf_lockdown_level_name(i));
			jsonw_end_array(json_wtr);
		}
		jsonw_end_object(json_wtr);
		jsonw_end(json_wtr);
	} else if (levels < 0) {
		printf("%s: signature verified\n", a.args[0]);
	} else {
		printf("%s: signature verified; its annotation loads at %s\n", a.args[0],
		       lv[0] ? lv : "no level");
	}
	return 0;
}
