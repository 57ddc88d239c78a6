// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the seal command */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "bpf_annotate.h"
#include "annot.h"
#include "common.h"
#include "main.h"
#include "tier_table.h"

#define SEAL_USAGE \
	"seal OBJ -o OUT | OBJ... -d DIR [--policy FILE] [--target SEALED-OBJ[:PROG]]\n" \
	"       [--kernel-reads] [--map NAME:max_entries=N,value_size=N]... [--sign -k KEY -c CERT]"
#define SEAL_MAX_MAP_SIZES	64

struct seal_args {
	struct bpf_annotate_seal_opts so;
	struct bpf_annotate_map_size map_sizes[SEAL_MAX_MAP_SIZES];
	struct bpf_annotate_signer *signer;
	const char *dir;
	bool many;		/* -d: name each output in what is printed */
};

static void print_levels(const struct ba_opts *opts, const struct bpf_annotate_prog *p)
{
	struct bpf_lockdown_annot a;
	bool first = true;
	unsigned int l;

	if (bpf_lockdown_annot_parse(p->annot, p->annot_size, &a, NULL, 0))
		return;
	if (opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "name", p->name);
		jsonw_name(json_wtr, "may_load");
		jsonw_start_array(json_wtr);
	} else {
		printf("%s: sealed; may load at: ", p->name);
	}
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		if (!bpf_lockdown_annot_may_load(&a, l))
			continue;
		if (opts->json)
			jsonw_string(json_wtr, bpf_lockdown_level_name(l));
		else
			printf("%s%s", first ? "" : ", ", bpf_lockdown_level_name(l));
		first = false;
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		if (p->sig)
			jsonw_uint_field(json_wtr, "signature_size", p->sig_size);
		jsonw_end_object(json_wtr);
	} else {
		printf("%s\n", first ? "no level" : "");
	}
}

static void print_obj(const struct ba_opts *opts, const struct seal_args *a,
		      const struct bpf_annotate_obj *obj, const char *out)
{
	__u32 i;

	if (opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "output", out);
		jsonw_name(json_wtr, "programs");
		jsonw_start_array(json_wtr);
	}
	for (i = 0; i < obj->prog_cnt; i++) {
		if (opts->json) {
			print_levels(opts, &obj->progs[i]);
			continue;
		}
		if (a->many)
			printf("%s: ", out);
		print_levels(opts, &obj->progs[i]);
		if (!obj->progs[i].sig)
			continue;
		if (a->many)
			printf("%s: ", out);
		printf("%s: signed (%u bytes)\n", obj->progs[i].name, obj->progs[i].sig_size);
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	}
}

/* record, seal, sign when asked and write one object; 0 or 1 */
static int seal_one(const struct ba_opts *opts, const struct seal_args *a, const char *in,
		    const char *out)
{
	struct bpf_annotate_obj *obj = NULL;
	char err[1024];
	int ret;
	__u32 i;

	ret = bpf_annotate_record(in, &obj, err, sizeof(err));
	if (!ret)
		ret = bpf_annotate_seal(obj, &a->so, err, sizeof(err));
	for (i = 0; !ret && a->signer && i < obj->prog_cnt; i++)
		ret = bpf_annotate_sign_with(obj, &obj->progs[i], a->signer, err, sizeof(err));
	if (!ret)
		ret = bpf_annotate_write(obj, out, err, sizeof(err));
	if (ret) {
		if (opts->json && a->many)
			ba_json_obj_error(in, err);
		bpf_annotate_free(obj);
		return a->many ? ba_obj_error(in, err) : ba_error("%s", err);
	}
	print_obj(opts, a, obj, out);
	bpf_annotate_free(obj);
	return 0;
}

static char *out_path(const char *dir, const char *in)
{
	const char *base = strrchr(in, '/');
	size_t size;
	char *p;

	base = base ? base + 1 : in;
	size = strlen(dir) + strlen(base) + 2;
	p = malloc(size);
	if (p)
		snprintf(p, size, "%s/%s", dir, base);
	return p;
}

/*
 * seal -d: each object to DIR/ its base name, going on after one that
 * fails; an object with the base name of an earlier one is refused rather
 * than overwrite its output
 */
static int seal_many(const struct ba_opts *opts, const struct seal_args *a, char **args,
		     int nargs)
{
	char **outs = calloc(nargs, sizeof(*outs));
	int i, j, ret = 0;

	if (!outs)
		return ba_error("out of memory");
	if (mkdir(a->dir, 0777) && errno != EEXIST) {
		free(outs);
		return ba_error("%s: %s", a->dir, strerror(errno));
	}
	if (opts->json)
		jsonw_start_array(json_wtr);
	for (i = 0; i < nargs; i++) {
		outs[i] = out_path(a->dir, args[i]);
		if (!outs[i]) {
			ret |= ba_obj_error(args[i], "out of memory");
			continue;
		}
		for (j = 0; j < i; j++)
			if (outs[j] && !strcmp(outs[i], outs[j]))
				break;
		if (j < i) {
			ba_error("%s: %s would overwrite the output of %s", args[i], outs[i],
				 args[j]);
			ret = 1;
			continue;
		}
		ret |= seal_one(opts, a, args[i], outs[i]);
	}
	if (opts->json) {
		jsonw_end_array(json_wtr);
		jsonw_end(json_wtr);
	}
	for (i = 0; i < nargs; i++)
		free(outs[i]);
	free(outs);
	return ret;
}

/*
 * --target SEALED-OBJ[:PROG]: open the sealed object of the program whose
 * function the freplace programs replace. PROG follows the last colon,
 * unless the whole argument names a file. 0 or the exit status.
 */
static int open_target(const char *spec, struct bpf_annotate_obj **target, char **prog)
{
	const char *colon = strrchr(spec, ':');
	char err[1024], *path;
	int ret;

	*prog = NULL;
	if (colon && access(spec, F_OK)) {
		if (!colon[1])
			return ba_usage_error("seal: --target %s names no program after the colon",
					      spec);
		*prog = strdup(colon + 1);
		path = *prog ? strndup(spec, colon - spec) : NULL;
	} else {
		path = strdup(spec);
	}
	if (!path)
		return ba_error("out of memory");
	ret = bpf_annotate_open(path, target, err, sizeof(err));
	free(path);
	return ret ? ba_error("%s", err) : 0;
}

/*
 * --map NAME:max_entries=N,value_size=N (either or both): the sizes the
 * application sets before loading. Returns 0, or -1 when @spec is not one.
 */
static int parse_map_size(char *spec, struct bpf_annotate_map_size *ms)
{
	char *colon = strchr(spec, ':'), *f, *end, *save = NULL;
	unsigned long v;

	if (!colon || colon == spec)
		return -1;
	*colon = '\0';
	ms->name = spec;
	for (f = strtok_r(colon + 1, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		end = strchr(f, '=');
		if (!end || end[1] < '1' || end[1] > '9')	/* a decimal number */
			return -1;
		errno = 0;
		v = strtoul(end + 1, &end, 10);
		if (errno || *end || !v || v > UINT32_MAX)
			return -1;
		if (!strncmp(f, "max_entries=", 12) && !ms->max_entries)
			ms->max_entries = v;
		else if (!strncmp(f, "value_size=", 11) && !ms->value_size)
			ms->value_size = v;
		else
			return -1;
	}
	return ms->max_entries || ms->value_size ? 0 : -1;
}

/**
 * ba_cmd_seal() - seal OBJ -o OUT | OBJ... -d DIR: record and annotate, and sign
 * @opts: global options
 * @argc: number of arguments after the command
 * @argv: the arguments after the command
 *
 * --kernel-reads seals for kernels with the kernel-reads policy on
 * (&bpf_annotate_seal_opts.kernel_reads); --map gives a map the sizes the
 * application sets (&bpf_annotate_seal_opts.map_sizes).
 *
 * Return: 0; 1 when an object could not be sealed (with -d, the others
 * still are); 2 for a usage error.
 */
int ba_cmd_seal(const struct ba_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "dir", required_argument, NULL, 'd' },
		{ "policy", required_argument, NULL, 'p' },
		{ "sign", no_argument, NULL, 'S' },
		{ "key", required_argument, NULL, 'k' },
		{ "cert", required_argument, NULL, 'c' },
		{ "target", required_argument, NULL, 't' },
		{ "kernel-reads", no_argument, NULL, 'K' },
		{ "map", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct seal_args a = { .so = { .warn = ba_warn } };
	const char *out = NULL, *key = NULL, *cert = NULL, *target_arg = NULL;
	char err[1024], **args, *target_prog = NULL;
	struct bpf_annotate_obj *target = NULL;
	bool sign = false;
	int c, nargs, ret;

	while ((c = ba_getopt(argc, argv, "o:d:p:k:c:", longopts)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'd':
			a.dir = optarg;
			break;
		case 'p':
			a.so.policy = optarg;
			break;
		case 'S':
			sign = true;
			break;
		case 'k':
			key = optarg;
			break;
		case 'c':
			cert = optarg;
			break;
		case 't':
			target_arg = optarg;
			break;
		case 'K':
			/* for kernels that let signed programs read the kernel */
			a.so.kernel_reads = true;
			break;
		case 'm':
			if (a.so.map_size_cnt == SEAL_MAX_MAP_SIZES ||
			    parse_map_size(optarg, &a.map_sizes[a.so.map_size_cnt]))
				return ba_usage_error(SEAL_USAGE);
			a.so.map_size_cnt++;
			break;
		default:
			return ba_usage_error(SEAL_USAGE);
		}
	}
	a.so.map_sizes = a.map_sizes;
	args = ba_args(argc, argv, &nargs);
	if (!nargs || !out == !a.dir || (out && nargs != 1) || sign != (key && cert) ||
	    (!sign && (key || cert)))
		return ba_usage_error(SEAL_USAGE);
	if (target_arg) {
		ret = open_target(target_arg, &target, &target_prog);
		if (ret)
			goto out;
		a.so.target = target;
		a.so.target_prog = target_prog;
	}
	if (sign && bpf_annotate_signer_open(key, cert, &a.signer, err, sizeof(err))) {
		ret = ba_error("%s", err);
		goto out;
	}
	if (a.dir) {
		a.many = true;
		ret = seal_many(opts, &a, args, nargs);
	} else {
		ret = seal_one(opts, &a, args[0], out);
		if (!ret && opts->json)
			jsonw_end(json_wtr);
	}
	bpf_annotate_signer_free(a.signer);
out:
	bpf_annotate_free(target);
	free(target_prog);
	return ret;
}
