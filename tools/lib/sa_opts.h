/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * psac tools: the options that set an SA's parameters, one table and one
 * parser for `psac saconf build` (OPTION_SA) and `psac request`
 * (OPTION_SA_REQ_PARAMS).  Names and numbers come from kmod/lib's tables.
 */
#ifndef PSAC_TOOLS_SA_OPTS_H
#define PSAC_TOOLS_SA_OPTS_H

#include <getopt.h>
#include <stdint.h>

enum psac_sa_opt {
	PSAC_SA_OPT_PROTO = 0x1000,
	PSAC_SA_OPT_MODE,
	PSAC_SA_OPT_ENCR,
	PSAC_SA_OPT_BITS,
	PSAC_SA_OPT_INTEG,
	PSAC_SA_OPT_ULP,
	PSAC_SA_OPT_SPORT,
	PSAC_SA_OPT_DPORT,
	PSAC_SA_OPT_LIFETIME,
};

/* Their getopt_long() entries, for the command's own table. */
#define PSAC_SA_LONGOPTS \
	{ "proto", required_argument, NULL, PSAC_SA_OPT_PROTO }, \
	{ "mode", required_argument, NULL, PSAC_SA_OPT_MODE }, \
	{ "encr", required_argument, NULL, PSAC_SA_OPT_ENCR }, \
	{ "bits", required_argument, NULL, PSAC_SA_OPT_BITS }, \
	{ "integ", required_argument, NULL, PSAC_SA_OPT_INTEG }, \
	{ "ulp", required_argument, NULL, PSAC_SA_OPT_ULP }, \
	{ "sport", required_argument, NULL, PSAC_SA_OPT_SPORT }, \
	{ "type", required_argument, NULL, PSAC_SA_OPT_SPORT }, \
	{ "dport", required_argument, NULL, PSAC_SA_OPT_DPORT }, \
	{ "code", required_argument, NULL, PSAC_SA_OPT_DPORT }, \
	{ "lifetime", required_argument, NULL, PSAC_SA_OPT_LIFETIME }

/* Where the values go: the same members of psac_sa_params and psac_req_params. */
struct psac_sa_fields {
	uint8_t *protocol, *mode, *ulp;
	uint16_t *encr_alg, *encr_key_bits, *integ_alg, *sport, *dport;
	uint32_t *lifetime;
};

#define PSAC_SA_FIELDS(p) ((struct psac_sa_fields){ \
	&(p)->protocol, &(p)->mode, &(p)->ulp, &(p)->encr_alg, \
	&(p)->encr_key_bits, &(p)->integ_alg, &(p)->sport, &(p)->dport, \
	&(p)->lifetime })

/*
 * Parse option @opt (from getopt_long) with argument @arg into @f: 0 when
 * set, -1 when @opt is not an SA option, else the exit status of a usage
 * error already printed for `psac @object`.
 */
int psac_sa_opt(const char *object, int opt, const char *arg,
		struct psac_sa_fields f);

#endif /* PSAC_TOOLS_SA_OPTS_H */
