// SPDX-License-Identifier: GPL-2.0
/* bpf-annotate - command line front end */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "main.h"

#define BPF_ANNOTATE_VERSION "0.1.0"

static int ba_cmd_version(const struct ba_opts *opts, int argc, char **argv);
static int ba_cmd_help(const struct ba_opts *opts, int argc, char **argv);

static const struct cmd {
	const char *name;
	int (*fn)(const struct ba_opts *opts, int argc, char **argv);
	const char *help;
} cmds[] = {
	{ "tier", ba_cmd_tier, "tier [diff A B]    print the unsigned tier table built in" },
	{ "scan", ba_cmd_scan, "scan [--tier FILE] [--kernel-reads] OBJ...\n"
	  "                     programs, their calls and maps, and the unsigned-tier verdicts" },
	{ "audit", ba_cmd_audit, "audit [--tier FILE] [--kernel-reads] PATH...\n"
	  "                     what runs unsigned and what needs a signature, over objects\n"
	  "                     and directories" },
	{ "seal", ba_cmd_seal, "seal OBJ -o OUT | OBJ... -d DIR [--policy FILE]\n"
	  "                          [--target SEALED-OBJ[:PROG]] [--kernel-reads]\n"
	  "                          [--map NAME:max_entries=N,value_size=N]...\n"
	  "                          [--sign -k KEY -c CERT]\n"
	  "                     record what libbpf would load and annotate each program;\n"
	  "                     --kernel-reads: for kernels that let signed programs read\n"
	  "                     the kernel at confidentiality (signed_kernel_reads on);\n"
	  "                     --map: the sizes the application sets before loading" },
	{ "show", ba_cmd_show, "show OBJ           print the annotations of a sealed object" },
	{ "digest", ba_cmd_digest, "digest OBJ [--prog NAME] [-o FILE]\n"
	  "                     print (or write) the digest each program's signature covers" },
	{ "sign", ba_cmd_sign, "sign OBJ... -k KEY -c CERT [-o OUT] [--prog NAME]\n"
	  "                     sign the programs of sealed objects" },
	{ "attach-sig", ba_cmd_attach_sig, "attach-sig OBJ --prog NAME SIGFILE [-o OUT]\n"
	  "                     add a DER PKCS#7 signature made elsewhere" },
	{ "verify", ba_cmd_verify, "verify OBJ -c CERT [--prog NAME]\n"
	  "                     verify the signatures offline" },
	{ "sign-lskel", ba_cmd_sign_lskel, "sign-lskel HEADER -k KEY -c CERT [-o OUT] [--annotate]\n"
	  "                          [--kernel-reads]\n"
	  "                     sign a light skeleton (bpftool gen skeleton -L) in\n"
	  "                     mainline's format; --annotate: with the loader's\n"
	  "                     annotation, --kernel-reads: for the kernel-reads policy" },
	{ "verify-lskel", ba_cmd_verify_lskel, "verify-lskel HEADER -c CERT\n"
	  "                     verify a signed light skeleton offline" },
	{ "load", ba_cmd_load, "load OBJ [--pin DIR] [--attach [--perf-freq HZ] [--ifname DEV]\n"
	  "                          [--attach-to [PROG=]TARGET] [--no-attach-check]]\n"
	  "                          [--target PINNED-PROG] [--keyring ID] [--no-sig] [--no-annot]\n"
	  "                          [--log-level N]\n"
	  "                     load a sealed object into the kernel, and attach it where\n"
	  "                     its annotation allows" },
	{ "version", ba_cmd_version, "version            print the version" },
	{ "help", ba_cmd_help, "help               print this help" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: bpf-annotate [OPTIONS] COMMAND [ARGS]\n\n"
		   "Commands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %s\n", cmds[i].help);
	fprintf(f, "\nOptions:\n"
		   "  -j, --json      JSON output\n"
		   "  -h, --help      print this help\n"
		   "  -V, --version   print the version\n");
}

static int ba_cmd_help(const struct ba_opts *opts, int argc, char **argv)
{
	usage(stdout);
	return 0;
}

static int ba_cmd_version(const struct ba_opts *opts, int argc, char **argv)
{
	if (opts->json) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "version", BPF_ANNOTATE_VERSION);
		jsonw_uint_field(json_wtr, "tier", 1);
		jsonw_end_object(json_wtr);
		jsonw_end(json_wtr);
	} else {
		printf("bpf-annotate %s (tier format 1)\n", BPF_ANNOTATE_VERSION);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ba_opts opts = { 0 };
	size_t i;
	int c;

	jsonw_init(json_wtr, stdout);
	while ((c = getopt_long(argc, argv, "+jhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts.json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			return ba_cmd_version(&opts, 0, NULL);
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[optind], cmds[i].name))
			continue;
		c = optind;
		optind = 0;	/* the commands parse their options afresh */
		return cmds[i].fn(&opts, argc - c - 1, argv + c + 1);
	}
	fprintf(stderr, "bpf-annotate: unknown command '%s'; see 'bpf-annotate help'\n",
		argv[optind]);
	return 2;
}
