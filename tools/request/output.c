// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac request: what it prints, as text or JSON, and the --keymat-out file.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "provision.h"
#include "request.h"
#include "util.h"

int psac_req_write_keymat_env(const char *path, const struct result *res,
			      unsigned int n, uint32_t xid,
			      const struct in6_addr *local)
{
	char *text = NULL, a[INET6_ADDRSTRLEN];
	size_t len = 0;
	unsigned int i;
	FILE *f;

	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	fprintf(f, "# psac request: keys of the Reply to xid 0x%06x (requestor's side)\n"
		   "# sh syntax; SPI_I2R is this host->target, SPI_R2I target->this host\n"
		   "PSAC_XID=0x%06x\nPSAC_NSA=%u\n", xid, xid, n);
	psac_addr6_str(local, a);
	for (i = 0; i < n; i++) {
		const struct result *r = &res[i];
		char t[INET6_ADDRSTRLEN];

		psac_addr6_str(&r->target, t);
		fprintf(f, "PSAC_SA%u_TARGET=%s\nPSAC_SA%u_LOCAL=%s\n", i, t, i,
			a);
		fprintf(f, "PSAC_SA%u_STATUS=%u\n", i, r->status);
		if (r->granted)
			psac_env_sa(f, i, &r->p, r->keymat, r->keymat_len);
	}
	return psac_write_secret_stream(f, &text, &len, path);
}

static const char *mode_word(uint8_t mode)
{
	return mode == PSAC_MODE_TUNNEL ? "tunnel" : "transport";
}

static void print_installed(const struct result *r, const struct in6_addr *local,
			    int in_mh)
{
	struct psac_xfrm_pair pr;
	struct xfrm_selector sel;
	char l[INET6_ADDRSTRLEN], t[INET6_ADDRSTRLEN], s[256];
	const char *verb = r->installed ? "installed" : "would install";

	memset(&pr, 0, sizeof(pr));
	pr.local = *local;
	pr.peer = r->target;
	pr.p = r->p;
	pr.reqid = r->reqid;
	pr.in_mh_type_match = in_mh;
	psac_addr6_str(local, l);
	psac_addr6_str(&r->target, t);
	printf("  %s state src %s dst %s proto esp spi 0x%08x reqid %u mode %s (outbound)\n",
	       verb, l, t, r->p.spi_i2r, r->reqid, mode_word(r->p.mode));
	printf("  %s state src %s dst %s proto esp spi 0x%08x reqid %u mode %s (inbound)\n",
	       verb, t, l, r->p.spi_r2i, r->reqid, mode_word(r->p.mode));
	psac_xfrm_selector(&pr, 1, &sel);
	psac_xfrm_sel_str(&sel, s, sizeof(s));
	printf("  %s policy %s dir out tmpl esp reqid %u mode %s\n", verb, s,
	       r->reqid, mode_word(r->p.mode));
	psac_xfrm_selector(&pr, 0, &sel);
	psac_xfrm_sel_str(&sel, s, sizeof(s));
	printf("  %s policy %s dir in tmpl esp reqid %u mode %s\n", verb, s,
	       r->reqid, mode_word(r->p.mode));
	if (r->installed && r->rep.old_reqid)
		printf("  replaced the pair with reqid %u (%u old state%s removed)\n",
		       r->rep.old_reqid, r->rep.replaced,
		       r->rep.replaced == 1 ? "" : "s");
}

void psac_req_print_json(const struct result *res, unsigned int n,
			 uint32_t xid, const char *server,
			 const struct in6_addr *local, int release)
{
	struct psac_json j;
	char a[INET6_ADDRSTRLEN];
	unsigned int i;

	psac_json_init(&j, stdout, psac_opts.pretty);
	psac_json_obj_open(&j, NULL);
	psac_json_str(&j, "server", server);
	psac_addr6_str(local, a);
	psac_json_str(&j, "local", a);
	psac_json_u64(&j, "xid", xid);
	psac_json_arr_open(&j, "sas");
	for (i = 0; i < n; i++) {
		const struct result *r = &res[i];

		psac_addr6_str(&r->target, a);
		psac_json_obj_open(&j, NULL);
		psac_json_str(&j, "target", a);
		psac_json_u64(&j, "status", r->status);
		psac_json_str(&j, "status_name", psac_status_name(r->status));
		psac_json_str(&j, "message", r->msg);
		psac_json_bool(&j, "granted", r->granted);
		if (r->granted || (release && r->p.spi_r2i)) {
			psac_json_u64(&j, "spi_i2r", r->p.spi_i2r);
			psac_json_u64(&j, "spi_r2i", r->p.spi_r2i);
		}
		if (r->granted) {
			psac_json_u64(&j, "proposal", (uint64_t)r->proposal + 1);
			psac_json_str(&j, "mode", psac_mode_name(r->p.mode));
			psac_json_str(&j, "encr", psac_encr_name(r->p.encr_alg));
			psac_json_u64(&j, "encr_key_bits", r->p.encr_key_bits);
			psac_json_str(&j, "integ",
				      psac_integ_name(r->p.integ_alg));
			psac_json_u64(&j, "ulp", r->p.ulp);
			psac_json_u64(&j, "sport", r->p.sport);
			psac_json_u64(&j, "dport", r->p.dport);
			if (r->p.lifetime == PSAC_LIFETIME_INFINITE)
				psac_json_null(&j, "lifetime");
			else
				psac_json_u64(&j, "lifetime", r->p.lifetime);
			psac_json_u64(&j, "reqid", r->reqid);
			psac_json_bool(&j, "installed", r->installed);
		}
		if (release) {
			psac_json_u64(&j, "states_removed", r->rep.states);
			psac_json_u64(&j, "policies_removed", r->rep.policies);
		}
		if (r->error[0])
			psac_json_str(&j, "error", r->error);
		psac_json_obj_close(&j);
	}
	psac_json_arr_close(&j);
	psac_json_obj_close(&j);
}

void psac_req_print_text(const struct req_ctx *c, const struct result *res,
			 int install)
{
	int in_mh = psac_req_kernel_in_mh_type_match();
	unsigned int i;

	for (i = 0; i < c->ntargets; i++) {
		const struct result *r = &res[i];
		char t[INET6_ADDRSTRLEN], params[200];

		psac_addr6_str(&r->target, t);
		if (r->status != PSAC_STATUS_SUCCESS) {
			printf("sa %u target %s: refused: %s (%u) \"%s\"\n", i, t,
			       psac_status_name(r->status), r->status, r->msg);
		} else if (c->release) {
			printf("sa %u target %s: released spi-i2r 0x%08x spi-r2i 0x%08x (server: %s)\n",
			       i, t, r->p.spi_i2r, c->props[0].r.requestor_spi,
			       r->msg[0] ? r->msg : "Success");
		} else if (r->granted) {
			psac_sa_params_str(&r->p, params, sizeof(params));
			printf("sa %u target %s: granted (proposal %d): spi-i2r 0x%08x spi-r2i 0x%08x %s\n",
			       i, t, r->proposal + 1, r->p.spi_i2r,
			       r->p.spi_r2i, params);
			if (r->installed || !install)
				print_installed(r, &c->local, in_mh);
		} else {
			printf("sa %u target %s: Success from the server, but not usable\n",
			       i, t);
		}
		if (c->release && install)
			printf("  removed %u state%s and %u polic%s\n",
			       r->rep.states, r->rep.states == 1 ? "" : "s",
			       r->rep.policies,
			       r->rep.policies == 1 ? "y" : "ies");
		if (r->error[0])
			psac_err("request: sa %u target %s: %s", i, t, r->error);
	}
}
