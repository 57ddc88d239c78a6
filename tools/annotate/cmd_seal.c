// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - the seal command */

#include <stdio.h>
#include <stdlib.h>

#include "bpf_annotate.h"
#include "annot.h"
#include "main.h"
#include "tier_table.h"

#define SEAL_USAGE "seal OBJ -o OUT [--policy FILE]"

static void print_levels(const struct ba_opts *opts, const struct bpf_annotate_prog *p)
{
	struct bpf_lockdown_annot a;
	bool first = true;
	unsigned int l;

	if (bpf_lockdown_annot_parse(p->annot, p->annot_size, &a, NULL, 0))
		return;
	if (opts->json) {
		printf("{\"name\":");
		ba_json_str(p->name);
		printf(",\"may_load\":[");
	} else {
		printf("%s: sealed; may load at: ", p->name);
	}
	for (l = 0; l < BPF_LOCKDOWN_LEVEL_NR; l++) {
		if (!bpf_lockdown_annot_may_load(&a, l))
			continue;
		if (opts->json)
			printf("%s\"%s\"", first ? "" : ",", bpf_lockdown_level_name(l));
		else
			printf("%s%s", first ? "" : ", ", bpf_lockdown_level_name(l));
		first = false;
	}
	if (opts->json)
		printf("]}");
	else
		printf("%s\n", first ? "no level" : "");
}

int ba_cmd_seal(const struct ba_opts *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "policy", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	struct bpf_annotate_seal_opts so = { .warn = ba_warn };
	struct bpf_annotate_obj *obj;
	const char *out = NULL;
	char err[1024], **args;
	int c, nargs, ret;
	__u32 i;

	while ((c = ba_getopt(argc, argv, "o:p:", longopts)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'p':
			so.policy = optarg;
			break;
		default:
			return ba_usage_error(SEAL_USAGE);
		}
	}
	args = ba_args(argc, argv, &nargs);
	if (nargs != 1 || !out)
		return ba_usage_error(SEAL_USAGE);
	ret = bpf_annotate_record(args[0], &obj, err, sizeof(err));
	if (ret)
		return ba_error("%s", err);
	ret = bpf_annotate_seal(obj, &so, err, sizeof(err));
	if (!ret)
		ret = bpf_annotate_write(obj, out, err, sizeof(err));
	if (ret) {
		bpf_annotate_free(obj);
		return ba_error("%s", err);
	}
	if (opts->json) {
		printf("{\"output\":");
		ba_json_str(out);
		printf(",\"programs\":[");
	}
	for (i = 0; i < obj->prog_cnt; i++) {
		if (opts->json && i)
			printf(",");
		print_levels(opts, &obj->progs[i]);
	}
	if (opts->json)
		printf("]}\n");
	bpf_annotate_free(obj);
	return 0;
}
