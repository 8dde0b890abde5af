// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mnha sa list and monitor: the SAs (without keys) and the multicast
 * events about them.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <linux/psac.h>
#include <linux/psac_wire.h>

#include "cmds.h"
#include "crypto.h"
#include "genl.h"
#include "genl_cmd.h"
#include "mnha.h"
#include "mnha_sa.h"
#include "util.h"

static const struct {
	int attr;
	int u64;
	const char *text, *json;
} sa_counters[] = {
	{ PSAC_MSA_A_TX_SEQ, 0, "tx-seq", "tx_seq" },
	{ PSAC_MSA_A_RX_SEQ, 0, "rx-seq", "rx_seq" },
	{ PSAC_MSA_A_RX_PACKETS, 1, "rx-packets", "rx_packets" },
	{ PSAC_MSA_A_TX_PACKETS, 1, "tx-packets", "tx_packets" },
	{ PSAC_MSA_A_DROP_AUTH, 1, "drop-auth", "drop_auth" },
	{ PSAC_MSA_A_DROP_REPLAY, 1, "drop-replay", "drop_replay" },
	{ PSAC_MSA_A_DROP_SOURCE, 1, "drop-source", "drop_source" },
	{ PSAC_MSA_A_DROP_BAD_LEN, 1, "drop-bad-len", "drop_bad_len" },
	{ PSAC_MSA_A_DROP_PLAIN, 1, "drop-plain", "drop_plain" },
};

#define N_SA_COUNTERS (sizeof(sa_counters) / sizeof(sa_counters[0]))

static const char *state_name(uint8_t s)
{
	switch (s) {
	case PSAC_MNHA_SA_ACTIVE:
		return "active";
	case PSAC_MNHA_SA_PENDING:
		return "pending";
	case PSAC_MNHA_SA_DRAINING:
		return "draining";
	}
	return NULL;
}

struct msa {
	char dev[IF_NAMESIZE];
	uint32_t spi;
	uint16_t suite;
	int have_suite;
	char suite_buf[8];
	const char *suite_name;
	char state_buf[12];
	const char *state;
	char hoa[INET6_ADDRSTRLEN], hoa4[INET_ADDRSTRLEN];
	char hnp[INET6_ADDRSTRLEN + 4], hnp4[INET_ADDRSTRLEN + 4];
	char haa[INET6_ADDRSTRLEN], peer[INET6_ADDRSTRLEN];
	uint16_t peer_port;
	int have_peer_port, have_scope, have_valid;
	uint8_t scope;
	uint64_t valid;
	int have[N_SA_COUNTERS];
	uint64_t ctr[N_SA_COUNTERS];
};

static void prefix_str(const struct nlattr *a, const struct nlattr *len,
		       char *buf, size_t size)
{
	uint8_t l;

	if (psac_mha_get_addr(a, buf, size) || psac_get_u8(len, &l))
		return;
	snprintf(buf + strlen(buf), size - strlen(buf), "/%u", l);
}

static int parse_msa(const struct nlmsghdr *nlh, const struct nlattr *nest,
		     struct msa *s)
{
	const struct nlattr *tb[PSAC_MSA_A_MAX + 1];
	uint32_t ifindex = 0, v32;
	unsigned int i;
	uint8_t st;

	memset(s, 0, sizeof(*s));
	if (!nest || psac_parse_nest(nest, tb, PSAC_MSA_A_MAX) ||
	    psac_get_u32(tb[PSAC_MSA_A_SPI], &s->spi))
		return -1;
	psac_get_u32(psac_find_attr(nlh, PSAC_A_IFINDEX), &ifindex);
	psac_mha_dev_name(ifindex, NULL, s->dev);
	s->have_suite = !psac_get_u16(tb[PSAC_MSA_A_SUITE], &s->suite);
	s->suite_name = psac_mha_suite_name(s->suite, s->suite_buf,
					    sizeof(s->suite_buf));
	if (!psac_get_u8(tb[PSAC_MSA_A_STATE], &st)) {
		s->state = state_name(st);
		if (!s->state) {
			snprintf(s->state_buf, sizeof(s->state_buf), "%u", st);
			s->state = s->state_buf;
		}
	}
	psac_mha_get_addr(tb[PSAC_MSA_A_HOA6], s->hoa, sizeof(s->hoa));
	psac_mha_get_addr(tb[PSAC_MSA_A_HOA4], s->hoa4, sizeof(s->hoa4));
	prefix_str(tb[PSAC_MSA_A_HNP6], tb[PSAC_MSA_A_HNP6_LEN], s->hnp,
		   sizeof(s->hnp));
	prefix_str(tb[PSAC_MSA_A_HNP4], tb[PSAC_MSA_A_HNP4_LEN], s->hnp4,
		   sizeof(s->hnp4));
	psac_mha_get_addr(tb[PSAC_MSA_A_HAA6], s->haa, sizeof(s->haa));
	psac_mha_get_addr(tb[PSAC_MSA_A_PEER_ADDR], s->peer, sizeof(s->peer));
	s->have_peer_port = !psac_get_u16(tb[PSAC_MSA_A_PEER_PORT], &s->peer_port);
	s->have_scope = !psac_get_u8(tb[PSAC_MSA_A_SCOPE], &s->scope);
	s->have_valid = !psac_get_u64(tb[PSAC_MSA_A_VALID_UNTIL], &s->valid);
	for (i = 0; i < N_SA_COUNTERS; i++) {
		const struct nlattr *a = tb[sa_counters[i].attr];

		if (sa_counters[i].u64) {
			s->have[i] = !psac_get_u64(a, &s->ctr[i]);
		} else if (!psac_get_u32(a, &v32)) {
			s->have[i] = 1;
			s->ctr[i] = v32;
		}
	}
	return 0;
}

static void msa_text(const struct msa *s)
{
	unsigned int i;

	printf("%s spi 0x%07x suite %s", s->dev, s->spi, s->suite_name);
	if (s->state)
		printf(" state %s", s->state);
	if (s->hoa[0])
		printf(" hoa %s", s->hoa);
	if (s->hoa4[0])
		printf(" hoa4 %s", s->hoa4);
	if (s->hnp[0])
		printf(" hnp %s", s->hnp);
	if (s->hnp4[0])
		printf(" hnp4 %s", s->hnp4);
	if (s->haa[0])
		printf(" haa %s", s->haa);
	if (s->peer[0])
		printf(strchr(s->peer, ':') ? " peer [%s]" : " peer %s",
		       s->peer);
	if (s->peer[0] && s->have_peer_port)
		printf(":%u", s->peer_port);
	if (s->have_scope)
		printf(" scope %u", s->scope);
	if (s->have_valid && s->valid)
		printf(" valid-until %llu", (unsigned long long)s->valid);
	else
		printf(" valid-until never");
	for (i = 0; i < N_SA_COUNTERS; i++)
		if (s->have[i])
			printf(" %s %llu", sa_counters[i].text,
			       (unsigned long long)s->ctr[i]);
	putchar('\n');
}

static void msa_json(struct psac_json *j, const struct msa *s,
		     const char *event)
{
	unsigned int i;

	psac_json_obj_open(j, NULL);
	if (event)
		psac_json_str(j, "event", event);
	psac_json_str(j, "dev", s->dev);
	psac_json_u64(j, "spi", s->spi);
	if (s->have_suite) {
		psac_json_str(j, "suite", s->suite_name);
		psac_json_u64(j, "suite_id", s->suite);
	}
	if (s->state)
		psac_json_str(j, "state", s->state);
	if (s->hoa[0])
		psac_json_str(j, "hoa", s->hoa);
	if (s->hoa4[0])
		psac_json_str(j, "hoa4", s->hoa4);
	if (s->hnp[0])
		psac_json_str(j, "hnp", s->hnp);
	if (s->hnp4[0])
		psac_json_str(j, "hnp4", s->hnp4);
	if (s->haa[0])
		psac_json_str(j, "haa", s->haa);
	if (s->peer[0])
		psac_json_str(j, "peer", s->peer);
	if (s->have_peer_port)
		psac_json_u64(j, "peer_port", s->peer_port);
	if (s->have_scope)
		psac_json_u64(j, "scope", s->scope);
	if (s->have_valid && s->valid)
		psac_json_u64(j, "valid_until", s->valid);
	else if (!event)
		psac_json_null(j, "valid_until");
	for (i = 0; i < N_SA_COUNTERS; i++)
		if (s->have[i])
			psac_json_u64(j, sa_counters[i].json, s->ctr[i]);
	psac_json_obj_close(j);
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	struct psac_json *jw = data;
	struct msa s;

	if (parse_msa(nlh, psac_find_attr(nlh, PSAC_A_MNHA_SA), &s)) {
		psac_warn("mnha sa list: skipping a malformed entry");
		return MNL_CB_OK;
	}
	if (psac_opts.json)
		msa_json(jw, &s, NULL);
	else
		msa_text(&s);
	return MNL_CB_OK;
}

int psac_mha_sa_list(int argc, char **argv)
{
	uint32_t ifindex = 0;

	if (argc > 1 && psac_is_help(argv[1])) {
		help_mnha(stdout);
		return PSAC_EXIT_OK;
	}
	if (argc > 2)
		return usage_err("sa list: unexpected argument '%s'", argv[2]);
	if (argc == 2 && psac_mha_dev_index(argv[1], &ifindex, "sa list"))
		return PSAC_EXIT_FAIL;
	return psac_list_run(PSAC_CMD_MNHA_SA_GET, ifindex, 0, sa_cb,
			"mnha sa list");
}

struct mon_ctx {
	uint16_t family_id;
	uint32_t seen;
	uint32_t count;			/* stop printing after this many */
};

static int mon_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mon_ctx *m = data;
	const struct genlmsghdr *gh = mnl_nlmsg_get_payload(nlh);
	const char *ev;
	struct msa s;

	if (nlh->nlmsg_type != m->family_id ||
	    nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*gh)) ||
	    (m->count && m->seen >= m->count))
		return MNL_CB_OK;
	if (gh->cmd == PSAC_CMD_MNHA_PEER_NTF)
		ev = "peer-moved";
	else if (gh->cmd == PSAC_CMD_MNHA_REKEY_NTF)
		ev = "rekey-needed";
	else
		return MNL_CB_OK;
	if (parse_msa(nlh, psac_find_attr(nlh, PSAC_A_MNHA_SA), &s)) {
		psac_warn("mnha monitor: ignoring a malformed notification");
		return MNL_CB_OK;
	}
	if (psac_opts.json) {
		struct psac_json j;
		char evj[16];

		snprintf(evj, sizeof(evj), "%s", ev);
		evj[strcspn(evj, "-")] = '_';
		psac_json_init(&j, stdout, psac_opts.pretty);
		msa_json(&j, &s, evj);
	} else if (gh->cmd == PSAC_CMD_MNHA_PEER_NTF) {
		printf("%s dev %s spi 0x%07x peer %s%s%s", ev, s.dev, s.spi,
		       strchr(s.peer, ':') ? "[" : "", s.peer[0] ? s.peer : "?",
		       strchr(s.peer, ':') ? "]" : "");
		if (s.have_peer_port)
			printf(":%u", s.peer_port);
		putchar('\n');
	} else {
		printf("%s dev %s spi 0x%07x tx-seq %llu\n", ev, s.dev, s.spi,
		       (unsigned long long)s.ctr[0]);
	}
	fflush(stdout);
	m->seen++;
	return MNL_CB_OK;
}

int psac_mha_monitor(int argc, char **argv)
{
	uint32_t count, timeout_s;
	struct mon_ctx m;
	struct psac_genl g;
	int ret;

	if (psac_monitor_opts("mnha", help_mnha, argc, argv, &count, &timeout_s,
			      &ret))
		return ret;
	ret = psac_open_family(&g, "mnha monitor");
	if (ret)
		return ret;
	m.family_id = g.family_id;
	m.seen = 0;
	m.count = count;
	ret = psac_genl_monitor(&g, "mnha monitor", PSAC_MCGRP_MNHA, count, timeout_s, mon_cb,
				&m, &m.seen);
	psac_genl_close(&g);
	return ret;
}
