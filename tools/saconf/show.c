// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac saconf show: a SACONFIGURATION (or its reply) decoded, its AUTH
 * verified with the PSK and the SAs unwrapped with the keys given, printed
 * as text or JSON.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "saconf_xchg.h"
#include "sa_opts.h"
#include "saconf.h"
#include "util.h"

static const char *auth_str(int auth)
{
	switch (auth) {
	case 1:
		return "verified";
	case 0:
		return "not verified (no --psk-file)";
	case -ENOKEY:
		return "absent";
	case -EPROTO:
		return "FAILED (not delayed/HMAC-SHA256/RDM 0)";
	case -EBADMSG:
		return "FAILED (HMAC mismatch)";
	default:
		return "FAILED";
	}
}

static void print_status_text(const char *prefix, const struct psac_status *st)
{
	char msg[512];

	psac_printable(st->msg, st->msg_len, msg, sizeof(msg));
	printf("%s%s (%u)%s%s%s\n", prefix, psac_status_name(st->code),
	       st->code, st->msg_len ? " \"" : "", msg,
	       st->msg_len ? "\"" : "");
}

static void json_status(struct psac_json *j, const char *key,
			const struct psac_status *st)
{
	psac_json_obj_open(j, key);
	psac_json_u64(j, "code", st->code);
	psac_json_str(j, "name", psac_status_name(st->code));
	{
		char msg[512];

		psac_printable(st->msg, st->msg_len, msg, sizeof(msg));
		psac_json_str(j, "message", msg);
	}
	psac_json_obj_close(j);
}

static void hexline(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
}

/* unwrap SA i if we have the key: 1 ok, 0 no key, <0 failure */
static int try_unwrap(const struct psac_msg *m, unsigned int i,
		      const struct keys *k, uint8_t *km, size_t *kl)
{
	const struct psac_sa_in *sa = &m->sa[i];
	int ret;

	if (!sa->prot_len)
		return 0;

	if (sa->p.key_prot_alg == PSAC_KEYPROT_PSK && k->psk)
		ret = psac_sa_unwrap_psk(m, i, k->psk, k->psk_len, km,
					 PSAC_KEYMAT_MAX, kl);
	else if (sa->p.key_prot_alg == PSAC_KEYPROT_X25519 && k->x25519)
		ret = psac_sa_unwrap_x25519(m, i, k->x25519, km,
					    PSAC_KEYMAT_MAX, kl);
	else
		return 0;
	return ret ? ret : 1;
}

static void print_sa_text(const struct psac_msg *m, unsigned int i,
			  const struct keys *k, struct verdict *vd)
{
	const struct psac_sa_in *sa = &m->sa[i];
	const struct psac_sa_params *p = &sa->p;
	const char *ulp = psac_ulp_name(p->ulp);
	uint8_t km[PSAC_KEYMAT_MAX];
	char addr[INET6_ADDRSTRLEN];
	size_t kl = 0;
	int u;

	psac_saconf_addr_str(&p->peer, addr, sizeof(addr));
	printf("  sa %u: peer %s spi-i2r 0x%08x spi-r2i 0x%08x\n", i, addr,
	       p->spi_i2r, p->spi_r2i);
	printf("        proto %u mode %s encr %s (%u) bits %u integ %s (%u)\n",
	       p->protocol, psac_mode_name(p->mode),
	       psac_encr_name(p->encr_alg), p->encr_alg, p->encr_key_bits,
	       psac_integ_name(p->integ_alg), p->integ_alg);
	printf("        ulp %s%s%u sport/type %u dport/code %u lifetime ",
	       ulp ? ulp : "", ulp ? " " : "", p->ulp, p->sport, p->dport);
	if (p->lifetime == PSAC_LIFETIME_INFINITE)
		printf("infinite\n");
	else
		printf("%u%s\n", p->lifetime, p->lifetime ? "" : " (delete)");
	printf("        key-prot %s, protected key %u octets",
	       psac_keyprot_name(p->key_prot_alg), sa->prot_len);
	u = try_unwrap(m, i, k, km, &kl);
	if (u == 1) {
		printf(", unwraps to %zu octets of KEYMAT\n", kl);
		if (k->show_keys) {
			printf("        keymat ");
			hexline(km, kl);
			putchar('\n');
		}
	} else if (u < 0) {
		printf(", unwrap FAILED (%s)\n",
		       u == -EBADMSG ? "authentication" : strerror(-u));
		vd->unwrap_fail++;
	} else {
		putchar('\n');
	}
	psac_wipe(km, sizeof(km));
	if (sa->status.present)
		print_status_text("        status ", &sa->status);
}

static void json_sa(struct psac_json *j, const struct psac_msg *m,
		    unsigned int i, const struct keys *k, struct verdict *vd)
{
	const struct psac_sa_in *sa = &m->sa[i];
	const struct psac_sa_params *p = &sa->p;
	uint8_t km[PSAC_KEYMAT_MAX];
	char addr[INET6_ADDRSTRLEN];
	size_t kl = 0;
	int u;

	psac_saconf_addr_str(&p->peer, addr, sizeof(addr));
	psac_json_obj_open(j, NULL);
	psac_json_str(j, "peer", addr);
	psac_json_u64(j, "spi_i2r", p->spi_i2r);
	psac_json_u64(j, "spi_r2i", p->spi_r2i);
	psac_json_u64(j, "protocol", p->protocol);
	psac_json_str(j, "mode", psac_mode_name(p->mode));
	psac_json_u64(j, "mode_num", p->mode);
	psac_json_str(j, "key_prot", psac_keyprot_name(p->key_prot_alg));
	psac_json_str(j, "encr", psac_encr_name(p->encr_alg));
	psac_json_u64(j, "encr_alg", p->encr_alg);
	psac_json_u64(j, "encr_key_bits", p->encr_key_bits);
	psac_json_str(j, "integ", psac_integ_name(p->integ_alg));
	psac_json_u64(j, "integ_alg", p->integ_alg);
	psac_json_u64(j, "ulp", p->ulp);
	psac_json_u64(j, "sport", p->sport);
	psac_json_u64(j, "dport", p->dport);
	psac_json_u64(j, "lifetime", p->lifetime);
	psac_json_u64(j, "protected_key_len", sa->prot_len);
	psac_json_bool(j, "in_sa_list", sa->in_list);
	u = try_unwrap(m, i, k, km, &kl);
	if (u == 1) {
		psac_json_str(j, "unwrap", "ok");
		psac_json_u64(j, "keymat_len", kl);
		if (k->show_keys)
			psac_json_hex(j, "keymat", km, kl);
	} else if (u < 0) {
		psac_json_str(j, "unwrap", "failed");
		vd->unwrap_fail++;
	}
	psac_wipe(km, sizeof(km));
	if (sa->status.present)
		json_status(j, "status", &sa->status);
	psac_json_obj_close(j);
}

void psac_saconf_print_msg(const uint8_t *buf, size_t len, const struct psac_msg *m,
			   const struct keys *k, struct verdict *vd,
			   const char *header)
{
	char realm[PSAC_REALM_MAX_LEN * 2 + 1], addr[INET6_ADDRSTRLEN];
	unsigned int i, q;

	vd->unwrap_fail = 0;
	if (!m->auth.present)
		vd->auth = -ENOKEY;
	else if (!k->psk)
		vd->auth = 0;
	else if (psac_msg_verify(buf, len, m, k->psk, k->psk_len) == 0)
		vd->auth = 1;
	else
		vd->auth = psac_msg_verify(buf, len, m, k->psk, k->psk_len);
	if (m->auth.present)
		psac_printable((const char *)m->auth.realm, m->auth.realm_len,
			       realm, sizeof(realm));

	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		psac_json_obj_open(&j, NULL);
		if (header)
			psac_json_str(&j, "from", header);
		psac_json_str(&j, "type", psac_msg_type_name(m->type));
		psac_json_u64(&j, "msg_type", m->type);
		psac_json_u64(&j, "xid", m->xid);
		psac_json_u64(&j, "length", len);
		if (m->serverid)
			psac_json_hex(&j, "server_id", m->serverid,
				      m->serverid_len);
		if (m->clientid)
			psac_json_hex(&j, "client_id", m->clientid,
				      m->clientid_len);
		if (m->status.present)
			json_status(&j, "status", &m->status);
		if (m->auth.present) {
			psac_json_obj_open(&j, "auth");
			psac_json_u64(&j, "protocol", m->auth.proto);
			psac_json_u64(&j, "algorithm", m->auth.alg);
			psac_json_u64(&j, "rdm", m->auth.rdm);
			psac_json_u64(&j, "counter", m->auth.counter);
			psac_json_u64(&j, "key_id", m->auth.key_id);
			psac_json_str(&j, "realm", realm);
			if (vd->auth == 0)
				psac_json_null(&j, "verified");
			else
				psac_json_bool(&j, "verified", vd->auth == 1);
			psac_json_obj_close(&j);
		}
		if (m->has_pubkey) {
			psac_json_obj_open(&j, "client_pubkey");
			psac_json_u64(&j, "pk_alg", m->pk_alg);
			psac_json_hex(&j, "key", m->pubkey, m->pubkey_len);
			psac_json_obj_close(&j);
		}
		if (m->list_status.present)
			json_status(&j, "sa_list_status", &m->list_status);
		psac_json_arr_open(&j, "sas");
		for (i = 0; i < m->n_sa; i++)
			json_sa(&j, m, i, k, vd);
		psac_json_arr_close(&j);
		if (m->n_sareq) {
			psac_json_arr_open(&j, "sa_requests");
			for (i = 0; i < m->n_sareq; i++) {
				psac_saconf_addr_str(&m->sareq[i].target, addr,
						     sizeof(addr));
				psac_json_obj_open(&j, NULL);
				psac_json_str(&j, "target", addr);
				psac_json_arr_open(&j, "params");
				for (q = 0; q < m->sareq[i].nparams; q++) {
					const struct psac_req_params *r =
						&m->sareq[i].params[q];

					psac_json_obj_open(&j, NULL);
					psac_json_u64(&j, "protocol", r->protocol);
					psac_json_u64(&j, "mode", r->mode);
					psac_json_u64(&j, "flags", r->flags);
					psac_json_str(&j, "encr", psac_encr_name(r->encr_alg));
					psac_json_u64(&j, "encr_key_bits", r->encr_key_bits);
					psac_json_str(&j, "integ", psac_integ_name(r->integ_alg));
					psac_json_u64(&j, "ulp", r->ulp);
					psac_json_u64(&j, "requestor_spi", r->requestor_spi);
					psac_json_u64(&j, "lifetime", r->lifetime);
					psac_json_u64(&j, "sport", r->sport);
					psac_json_u64(&j, "dport", r->dport);
					psac_json_obj_close(&j);
				}
				psac_json_arr_close(&j);
				psac_json_obj_close(&j);
			}
			psac_json_arr_close(&j);
		}
		psac_json_obj_close(&j);
		return;
	}

	if (header)
		printf("%s\n", header);
	printf("%s (%u) xid 0x%06x, %zu octets\n", psac_msg_type_name(m->type),
	       m->type, m->xid, len);
	if (m->serverid) {
		printf("  server-id ");
		hexline(m->serverid, m->serverid_len);
		putchar('\n');
	}
	if (m->clientid) {
		printf("  client-id ");
		hexline(m->clientid, m->clientid_len);
		putchar('\n');
	}
	if (m->status.present)
		print_status_text("  status ", &m->status);
	if (m->auth.present)
		printf("  auth protocol %u algorithm %u rdm %u counter %llu key-id %u realm \"%s\": %s\n",
		       m->auth.proto, m->auth.alg, m->auth.rdm,
		       (unsigned long long)m->auth.counter, m->auth.key_id,
		       realm, auth_str(vd->auth));
	else
		printf("  auth: none\n");
	if (m->has_pubkey) {
		printf("  client-pubkey alg %u ", m->pk_alg);
		hexline(m->pubkey, m->pubkey_len);
		putchar('\n');
	}
	for (i = 0; i < m->n_sareq; i++) {
		psac_saconf_addr_str(&m->sareq[i].target, addr, sizeof(addr));
		printf("  sa-request %u: target %s\n", i, addr);
		for (q = 0; q < m->sareq[i].nparams; q++) {
			const struct psac_req_params *r = &m->sareq[i].params[q];

			printf("        proposal %u: proto %u mode %s flags 0x%04x encr %s bits %u integ %s ulp %u spi 0x%08x lifetime %u ports %u/%u\n",
			       q, r->protocol, psac_mode_name(r->mode),
			       r->flags, psac_encr_name(r->encr_alg),
			       r->encr_key_bits, psac_integ_name(r->integ_alg),
			       r->ulp, r->requestor_spi, r->lifetime,
			       r->sport, r->dport);
		}
	}
	if (m->list_status.present)
		print_status_text("  sa-list status ", &m->list_status);
	for (i = 0; i < m->n_sa; i++)
		print_sa_text(m, i, k, vd);
}


int psac_saconf_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "psk-file", required_argument, NULL, OPT_PSK_FILE },
		{ "x25519-key", required_argument, NULL, OPT_X25519_KEY },
		{ "show-keys", no_argument, NULL, OPT_SHOW_KEYS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *psk_file = NULL, *x_file = NULL, *file;
	uint8_t psk[PSAC_PSK_MAX_LEN], xkey[PSAC_X25519_KEY_LEN], *buf = NULL;
	struct keys k = { NULL, 0, NULL, 0 };
	struct psac_msg m;
	struct verdict vd;
	const char *why;
	size_t len, psk_len;
	int c, ret = PSAC_EXIT_FAIL;
	long n;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_PSK_FILE:
			psk_file = optarg;
			break;
		case OPT_X25519_KEY:
			x_file = optarg;
			break;
		case OPT_SHOW_KEYS:
			k.show_keys = 1;
			break;
		case 'h':
			help_saconf(stdout);
			return PSAC_EXIT_OK;
		default:
			return usage_err("bad option for 'saconf show'");
		}
	}
	if (optind + 1 != argc)
		return usage_err("show needs exactly one FILE");
	file = argv[optind];

	if (psk_file) {
		if (psac_saconf_load_psk(psk_file, psk, &psk_len))
			return PSAC_EXIT_FAIL;
		k.psk = psk;
		k.psk_len = psk_len;
	}
	if (x_file) {
		n = psac_read_key_file(x_file, xkey, PSAC_X25519_KEY_LEN,
				       PSAC_X25519_KEY_LEN);
		if (n != PSAC_X25519_KEY_LEN) {
			psac_err("saconf: %s: not a 32-octet X25519 private key",
				 x_file);
			goto out;
		}
		k.x25519 = xkey;
	}
	c = psac_read_file(file, MSG_MAX, &buf, &len);
	if (c) {
		psac_err("saconf show: %s: %s", file, strerror(-c));
		goto out;
	}
	if (psac_msg_parse(buf, len, &m, &why)) {
		psac_err("saconf show: %s: malformed message: %s", file, why);
		goto out;
	}
	psac_saconf_print_msg(buf, len, &m, &k, &vd, NULL);
	if (psac_msg_check(&m, &why))
		psac_warn("%s: %s", file, why);
	if (vd.auth < 0 && vd.auth != -ENOKEY)
		psac_err("saconf show: %s: authentication failed", file);
	else if (vd.unwrap_fail)
		psac_err("saconf show: %s: %d SA key(s) failed to unwrap",
			 file, vd.unwrap_fail);
	else
		ret = PSAC_EXIT_OK;
out:
	psac_wipe(psk, sizeof(psk));
	psac_wipe(xkey, sizeof(xkey));
	free(buf);
	return ret;
}
