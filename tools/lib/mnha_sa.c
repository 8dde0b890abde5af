// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: the MN-HA SA over generic netlink (see mnha_sa.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "crypto.h"
#include "dhcp6msg.h"
#include "genl.h"
#include "genl_cmd.h"
#include "mnha_sa.h"
#include "util.h"

const struct psac_mnha_suite *psac_mnha_suite_parse(const char *s)
{
	const struct psac_mnha_suite *suite = psac_mnha_suite_by_name(s);
	uint16_t v;

	if (suite || psac_parse_u16(s, &v))
		return suite;
	return psac_mnha_suite_get(v);
}

static const struct {
	const char *name, *rfc;
	int attr;
} key_names[PSAC_MNHA_N_KEYS] = {
	{ "ekey-mn2ha", "mip6-mn-to-ha-ekey", PSAC_MSA_A_EKEY_MN2HA },
	{ "ikey-mn2ha", "mip6-mn-to-ha-ikey", PSAC_MSA_A_IKEY_MN2HA },
	{ "ekey-ha2mn", "mip6-ha-to-mn-ekey", PSAC_MSA_A_EKEY_HA2MN },
	{ "ikey-ha2mn", "mip6-ha-to-mn-ikey", PSAC_MSA_A_IKEY_HA2MN },
};

const char *psac_mnha_key_name(int k)
{
	return key_names[k].name;
}

const char *psac_mnha_key_header(int k)
{
	return key_names[k].rfc;
}

int psac_mnha_key_index(const char *name)
{
	int i;

	for (i = 0; i < PSAC_MNHA_N_KEYS; i++)
		if (!strcasecmp(name, key_names[i].name) ||
		    !strcasecmp(name, key_names[i].rfc))
			return i;
	return -1;
}

int psac_mnha_sa_check_keys(const struct psac_mnha_sa *sa, int *key_idx,
			    const char **why)
{
	const struct psac_mnha_suite *s = sa->suite;
	int i;

	*key_idx = -1;
	for (i = 0; i < PSAC_MNHA_N_KEYS; i++) {
		int is_e = i == PSAC_MNHA_EKEY_MN2HA || i == PSAC_MNHA_EKEY_HA2MN;
		size_t want = is_e ? s->ekey_len : s->ikey_len;

		*key_idx = i;
		if (!want && sa->have_key[i] && sa->key_len[i]) {
			*why = is_e ? "the suite has no encryption key (ekey)" :
				      "the suite has no integrity key (ikey)";
			return -1;
		}
		if (!want)
			continue;
		if (!sa->have_key[i]) {
			*why = "missing";
			return -1;
		}
		if (sa->key_len[i] != want) {
			*why = "wrong length";
			return -1;
		}
	}
	*key_idx = -1;
	return 0;
}

int psac_mnha_sa_install(uint32_t ifindex, const struct psac_mnha_sa *sa,
			 const char *what, int *err)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int k, ret;

	if (err)
		*err = 0;
	ret = psac_open_family(&g, what);
	if (ret)
		return ret;
	/* the family refuses NLM_F_REPLACE: replacing is an attribute */
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_MNHA_SA_ADD, 0);
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex);
	nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, sa->spi);
	mnl_attr_put_u16(nlh, PSAC_MSA_A_SUITE, sa->suite->id);
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++)
		if (sa->have_key[k] && sa->key_len[k])
			mnl_attr_put(nlh, key_names[k].attr, sa->key_len[k],
				     sa->key[k]);
	if (sa->have_hoa)
		mnl_attr_put(nlh, PSAC_MSA_A_HOA6, sizeof(sa->hoa), &sa->hoa);
	if (sa->have_hoa4)
		mnl_attr_put(nlh, PSAC_MSA_A_HOA4, sizeof(sa->hoa4), &sa->hoa4);
	if (sa->have_hnp) {
		mnl_attr_put(nlh, PSAC_MSA_A_HNP6, sizeof(sa->hnp), &sa->hnp);
		mnl_attr_put_u8(nlh, PSAC_MSA_A_HNP6_LEN, sa->hnp_len);
	}
	if (sa->have_hnp4) {
		mnl_attr_put(nlh, PSAC_MSA_A_HNP4, sizeof(sa->hnp4), &sa->hnp4);
		mnl_attr_put_u8(nlh, PSAC_MSA_A_HNP4_LEN, sa->hnp4_len);
	}
	if (sa->peer_af == AF_INET6)
		mnl_attr_put(nlh, PSAC_MSA_A_PEER_ADDR, sizeof(sa->peer6),
			     &sa->peer6);
	else if (sa->peer_af == AF_INET)
		mnl_attr_put(nlh, PSAC_MSA_A_PEER_ADDR, sizeof(sa->peer4),
			     &sa->peer4);
	if (sa->have_port)
		mnl_attr_put_u16(nlh, PSAC_MSA_A_PEER_PORT, sa->port);
	if (sa->have_haa)
		mnl_attr_put(nlh, PSAC_MSA_A_HAA6, sizeof(sa->haa), &sa->haa);
	if (sa->have_scope)
		mnl_attr_put_u8(nlh, PSAC_MSA_A_SCOPE, sa->scope);
	if (sa->have_valid)
		mnl_attr_put_u64(nlh, PSAC_MSA_A_VALID_UNTIL, sa->valid_until);
	if (sa->have_txseq)
		mnl_attr_put_u32(nlh, PSAC_MSA_A_TX_SEQ, sa->tx_seq);
	if (sa->replace)
		mnl_attr_put(nlh, PSAC_MSA_A_REPLACE, 0, NULL);
	mnl_attr_nest_end(nlh, nest);
	ret = psac_genl_talk(&g, nlh, NULL, NULL);
	psac_wipe(buf, sizeof(buf));
	if (ret) {
		int e = ret;

		if (err)
			*err = e;
		ret = psac_genl_report(&g, what, e);
		if (e == -EEXIST && !sa->replace && !strstr(g.ext_msg, "replace"))
			psac_err("an SA with spi 0x%07x or for this home address exists; add 'replace' to rekey",
				 sa->spi);
	}
	psac_genl_close(&g);
	return ret;
}

int psac_mnha_sa_remove(uint32_t ifindex, uint32_t spi, const char *what)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int ret;

	ret = psac_open_family(&g, what);
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_MNHA_SA_DEL, 0);
	mnl_attr_put_u32(nlh, PSAC_A_IFINDEX, ifindex);
	nest = mnl_attr_nest_start(nlh, PSAC_A_MNHA_SA);
	mnl_attr_put_u32(nlh, PSAC_MSA_A_SPI, spi);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, what);
}

int psac_parse_prefix(const char *s, int af, void *addr, uint8_t *len)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	uint16_t l;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		return -1;
	*slash++ = '\0';
	if (psac_parse_u16(slash, &l) || !l || l > (af == AF_INET6 ? 128 : 32))
		return -1;
	if (inet_pton(af, buf, addr) != 1)
		return -1;
	*len = (uint8_t)l;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* OPTION_SA mode 3 (docs/wire-format.md)                                  */
/* ---------------------------------------------------------------------- */

int psac_mnha_sa_to_option(const struct psac_mnha_sa *sa, uint16_t port,
			   uint64_t now, struct psac_sa_params *p,
			   uint8_t keymat[PSAC_MNHA_KEYMAT_MAX],
			   size_t *keymat_len, const char **why)
{
	const struct psac_mnha_suite *s = sa->suite;
	size_t off = 0;
	int k;

	if (!s) {
		*why = "no suite";
		return -1;
	}
	if (!sa->have_hoa) {
		*why = "OPTION_SA carries one IPv6 home address: the MN needs hoa";
		return -1;
	}
	if (sa->have_hoa4 || sa->have_hnp || sa->have_hnp4) {
		*why = "OPTION_SA carries no hoa4, hnp or hnp4";
		return -1;
	}
	if (sa->have_scope && sa->scope != 1) {
		*why = "OPTION_SA carries no mip6-sas: only scope 1 (all traffic)";
		return -1;
	}
	if (!sa->spi || sa->spi > PSAC_MNHA_SPI_MASK || !port) {
		*why = "the SPI must be 1..2^28-1 and the port not 0";
		return -1;
	}
	if (psac_mnha_sa_check_keys(sa, &k, why))
		return -1;
	memset(p, 0, sizeof(*p));
	p->peer = sa->hoa;
	p->protocol = PSAC_PROTO_UDP;
	p->mode = PSAC_MODE_MNHA_UDP;
	p->key_prot_alg = PSAC_KEYPROT_PSK;
	p->encr_alg = s->encr_alg;
	p->encr_key_bits = s->encr_key_bits;
	p->integ_alg = s->integ_alg;
	p->ulp = PSAC_ULP_ANY;
	p->spi_i2r = p->spi_r2i = sa->spi;
	p->sport = port;
	if (!sa->valid_until) {
		p->lifetime = PSAC_LIFETIME_INFINITE;
	} else if (sa->valid_until <= now) {
		*why = "the SA validity has ended";
		return -1;
	} else {
		uint64_t left = sa->valid_until - now;

		p->lifetime = left >= PSAC_LIFETIME_INFINITE ?
			      PSAC_LIFETIME_INFINITE - 1 : (uint32_t)left;
	}
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++) {
		int is_e = k == PSAC_MNHA_EKEY_MN2HA ||
			   k == PSAC_MNHA_EKEY_HA2MN;
		size_t l = is_e ? s->ekey_len : s->ikey_len;

		memcpy(keymat + off, sa->key[k], l);
		off += l;
	}
	*keymat_len = off;
	return 0;
}

int psac_mnha_sa_from_option(const struct psac_sa_params *p,
			     const uint8_t *keymat, size_t keymat_len,
			     uint64_t now, struct psac_mnha_sa *sa,
			     const char **why)
{
	const struct psac_mnha_suite *s;
	size_t off = 0;
	int k;

	if (p->protocol != PSAC_PROTO_UDP || p->mode != PSAC_MODE_MNHA_UDP ||
	    p->ulp != PSAC_ULP_ANY) {
		*why = "not protocol 17, mode 3, ULP 0";
		return -1;
	}
	s = psac_mnha_suite_find(p->encr_alg, p->encr_key_bits,
				     p->integ_alg);
	if (!s) {
		*why = "the algorithms are no RFC 6618 suite";
		return -1;
	}
	if (!p->spi_i2r || p->spi_i2r != p->spi_r2i ||
	    p->spi_i2r > PSAC_MNHA_SPI_MASK || !p->sport) {
		*why = "SPI-I2R and SPI-R2I must be the same 28-bit SPI and Src-Port the port";
		return -1;
	}
	if (keymat_len != 2u * (s->ekey_len + s->ikey_len)) {
		*why = "KEYMAT has the wrong length for the suite";
		return -1;
	}
	memset(sa, 0, sizeof(*sa));
	sa->suite = s;
	sa->spi = p->spi_i2r;
	sa->hoa = p->peer;
	sa->have_hoa = 1;
	sa->port = p->sport;
	sa->have_port = 1;
	if (p->lifetime != PSAC_LIFETIME_INFINITE) {
		sa->valid_until = now + p->lifetime;
		sa->have_valid = 1;
	}
	for (k = 0; k < PSAC_MNHA_N_KEYS; k++) {
		int is_e = k == PSAC_MNHA_EKEY_MN2HA ||
			   k == PSAC_MNHA_EKEY_HA2MN;
		size_t l = is_e ? s->ekey_len : s->ikey_len;

		if (!l)
			continue;
		memcpy(sa->key[k], keymat + off, l);
		sa->key_len[k] = l;
		sa->have_key[k] = 1;
		off += l;
	}
	return 0;
}
