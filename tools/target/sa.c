// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac target sa and monitor: the installed SA pairs (list, del) and the
 * multicast events about them.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "dhcp6msg.h"
#include "genl.h"
#include "genl_cmd.h"
#include "target.h"
#include "util.h"

struct tsa {
	char peer[INET6_ADDRSTRLEN], local[INET6_ADDRSTRLEN];
	char server[INET6_ADDRSTRLEN];
	uint32_t key_id, spi_in, spi_out, lifetime;
	uint8_t proto, mode, ulp;
	uint16_t encr, bits, integ, sport, dport;
	uint64_t expires;
	int have_expires;
};

static int parse_tsa(const struct nlattr *nest, struct tsa *s)
{
	const struct nlattr *tb[PSAC_TSA_A_MAX + 1];

	memset(s, 0, sizeof(*s));
	s->lifetime = PSAC_LIFETIME_INFINITE;
	if (!nest || psac_parse_nest(nest, tb, PSAC_TSA_A_MAX) ||
	    psac_get_u32(tb[PSAC_TSA_A_SPI_IN], &s->spi_in) ||
	    psac_get_u32(tb[PSAC_TSA_A_SPI_OUT], &s->spi_out))
		return -1;
	psac_tgt_get_in6(tb[PSAC_TSA_A_PEER], s->peer, sizeof(s->peer));
	psac_tgt_get_in6(tb[PSAC_TSA_A_LOCAL], s->local, sizeof(s->local));
	psac_tgt_get_in6(tb[PSAC_TSA_A_SERVER], s->server, sizeof(s->server));
	psac_get_u32(tb[PSAC_TSA_A_KEY_ID], &s->key_id);
	psac_get_u8(tb[PSAC_TSA_A_PROTO], &s->proto);
	psac_get_u8(tb[PSAC_TSA_A_MODE], &s->mode);
	psac_get_u16(tb[PSAC_TSA_A_ENCR_ALG], &s->encr);
	psac_get_u16(tb[PSAC_TSA_A_ENCR_KEY_BITS], &s->bits);
	psac_get_u16(tb[PSAC_TSA_A_INTEG_ALG], &s->integ);
	psac_get_u8(tb[PSAC_TSA_A_ULP], &s->ulp);
	psac_get_u16(tb[PSAC_TSA_A_SPORT], &s->sport);
	psac_get_u16(tb[PSAC_TSA_A_DPORT], &s->dport);
	psac_get_u32(tb[PSAC_TSA_A_LIFETIME], &s->lifetime);
	s->have_expires = !psac_get_u64(tb[PSAC_TSA_A_EXPIRES], &s->expires);
	return 0;
}

/* Names of the SA fields: a known name, else the decimal number. */
struct tsa_names {
	char proto[8], mode[16], encr[40], integ[24], ulp[8];
};

static void name_or_num(char *buf, size_t len, const char *name,
			unsigned int v)
{
	if (name && strcmp(name, "unknown"))
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%u", v);
}

static void tsa_names(const struct tsa *s, struct tsa_names *n)
{
	char encr[24];

	name_or_num(n->proto, sizeof(n->proto), psac_proto_name(s->proto),
		    s->proto);
	name_or_num(n->mode, sizeof(n->mode), psac_mode_name(s->mode),
		    s->mode);
	name_or_num(encr, sizeof(encr), psac_encr_name(s->encr), s->encr);
	snprintf(n->encr, sizeof(n->encr), "%s/%u", encr, s->bits);
	name_or_num(n->integ, sizeof(n->integ), psac_integ_name(s->integ),
		    s->integ);
	name_or_num(n->ulp, sizeof(n->ulp), psac_ulp_name(s->ulp), s->ulp);
}

static void tsa_json(struct psac_json *j, const struct tsa *s,
		     const char *event)
{
	struct tsa_names n;

	tsa_names(s, &n);
	psac_json_obj_open(j, NULL);
	if (event)
		psac_json_str(j, "event", event);
	psac_json_str(j, "peer", s->peer);
	psac_json_str(j, "local", s->local);
	psac_json_u64(j, "spi_in", s->spi_in);
	psac_json_u64(j, "spi_out", s->spi_out);
	psac_json_str(j, "proto", n.proto);
	psac_json_u64(j, "proto_num", s->proto);
	psac_json_str(j, "mode", n.mode);
	psac_json_u64(j, "mode_num", s->mode);
	psac_json_str(j, "encr", n.encr);
	psac_json_u64(j, "encr_alg", s->encr);
	psac_json_u64(j, "encr_key_bits", s->bits);
	psac_json_str(j, "integ", n.integ);
	psac_json_u64(j, "integ_alg", s->integ);
	psac_json_str(j, "ulp", n.ulp);
	psac_json_u64(j, "ulp_num", s->ulp);
	psac_json_u64(j, "sport", s->sport);
	psac_json_u64(j, "dport", s->dport);
	if (s->lifetime == PSAC_LIFETIME_INFINITE)
		psac_json_null(j, "lifetime");
	else
		psac_json_u64(j, "lifetime", s->lifetime);
	if (s->have_expires)
		psac_json_u64(j, "expires", s->expires);
	else
		psac_json_null(j, "expires");
	psac_json_str(j, "server", s->server);
	psac_json_u64(j, "key_id", s->key_id);
	psac_json_obj_close(j);
}

static void tsa_text(const struct tsa *s)
{
	struct tsa_names n;

	tsa_names(s, &n);
	printf("peer %s local %s spi-in 0x%08x spi-out 0x%08x proto %s mode %s encr %s integ %s ulp %s sport %u dport %u lifetime ",
	       s->peer, s->local, s->spi_in, s->spi_out, n.proto, n.mode,
	       n.encr, n.integ, n.ulp, s->sport, s->dport);
	if (s->lifetime == PSAC_LIFETIME_INFINITE)
		printf("infinite");
	else
		printf("%u", s->lifetime);
	if (s->have_expires)
		printf(" expires %llu", (unsigned long long)s->expires);
	else
		printf(" expires never");
	printf(" server %s key-id %u\n", s->server, s->key_id);
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	struct psac_json *jw = data;
	struct tsa s;

	if (parse_tsa(psac_find_attr(nlh, PSAC_A_TARGET_SA), &s)) {
		psac_warn("target sa list: skipping a malformed entry");
		return MNL_CB_OK;
	}
	if (psac_opts.json)
		tsa_json(jw, &s, NULL);
	else
		tsa_text(&s);
	return MNL_CB_OK;
}

int psac_tgt_sa_list(int argc, char **argv)
{
	int ret;

	if (!psac_tgt_no_args(argc, argv, "sa list", &ret))
		return ret;
	return psac_list_run(PSAC_CMD_TARGET_SA_GET, 0, 0, sa_cb, "target sa list");
}

int psac_tgt_sa_del(int argc, char **argv)
{
	char buf[PSAC_GENL_MSG_SIZE];
	struct psac_genl g;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	uint32_t spi;
	int ret;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_target(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc != 2)
		return usage_err("sa del needs exactly one SPI (the inbound SPI-I2R)");
	if (psac_parse_spi(argv[1], 0, 0xffffffff, &spi))
		return usage_err("sa del: bad SPI '%s' (0x hex or decimal, 32 bits)",
				 argv[1]);
	ret = psac_open_family(&g, "target sa del");
	if (ret)
		return ret;
	nlh = psac_genl_msg(&g, buf, PSAC_CMD_TARGET_SA_DEL, 0);
	nest = mnl_attr_nest_start(nlh, PSAC_A_TARGET_SA);
	mnl_attr_put_u32(nlh, PSAC_TSA_A_SPI_IN, spi);
	mnl_attr_nest_end(nlh, nest);
	return psac_talk_close(&g, nlh, NULL, NULL, "target sa del");
}

static const char *event_name(uint8_t ev)
{
	switch (ev) {
	case PSAC_EVENT_INSTALLED:
		return "installed";
	case PSAC_EVENT_REPLACED:
		return "replaced";
	case PSAC_EVENT_DELETED:
		return "deleted";
	case PSAC_EVENT_EXPIRED:
		return "expired";
	case PSAC_EVENT_REMOVED:
		return "removed";
	}
	return NULL;
}

struct mon_ctx {
	uint16_t family_id;
	uint32_t seen;
};

static int mon_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mon_ctx *m = data;
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(nlh);
	char evbuf[16];
	const char *ev;
	struct tsa s;
	uint8_t e;

	if (nlh->nlmsg_type != m->family_id ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*gh)) ||
	    gh->cmd != PSAC_CMD_TARGET_SA_NTF)
		return MNL_CB_OK;
	if (psac_get_u8(psac_find_attr(nlh, PSAC_A_EVENT), &e) ||
	    parse_tsa(psac_find_attr(nlh, PSAC_A_TARGET_SA), &s)) {
		psac_warn("target monitor: ignoring a malformed notification");
		return MNL_CB_OK;
	}
	ev = event_name(e);
	if (!ev) {
		snprintf(evbuf, sizeof(evbuf), "event-%u", e);
		ev = evbuf;
	}
	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		tsa_json(&j, &s, ev);
	} else {
		printf("%s peer %s spi-in 0x%08x spi-out 0x%08x\n", ev, s.peer,
		       s.spi_in, s.spi_out);
	}
	fflush(stdout);
	m->seen++;
	return MNL_CB_OK;
}

int psac_tgt_monitor(int argc, char **argv)
{
	uint32_t count, timeout_s;
	struct mon_ctx m;
	struct psac_genl g;
	int ret;

	if (psac_monitor_opts("target", help_target, argc, argv, &count, &timeout_s,
			      &ret))
		return ret;
	ret = psac_open_family(&g, "target monitor");
	if (ret)
		return ret;
	m.family_id = g.family_id;
	m.seen = 0;
	ret = psac_genl_monitor(&g, "target monitor", PSAC_MCGRP_TARGET, count, timeout_s, mon_cb,
				&m, &m.seen);
	psac_genl_close(&g);
	return ret;
}
