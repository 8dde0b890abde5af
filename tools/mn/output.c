// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mn: what it prints for the SA it installed (or, with --no-install,
 * was given): one line, or with -j one JSON object with the same names.
 */
#include <arpa/inet.h>
#include <stdio.h>

#include <linux/psac_wire.h>

#include "mn.h"
#include "mnha_sa.h"
#include "util.h"

void psac_mn_print_sa(const char *dev, const struct psac_mnha_sa *sa,
		      int installed)
{
	char a[INET6_ADDRSTRLEN], pfx[INET6_ADDRSTRLEN + 4], peer[INET6_ADDRSTRLEN];
	char spi[16], until[24];

	snprintf(spi, sizeof(spi), "0x%07x", sa->spi);
	if (sa->have_valid)
		snprintf(until, sizeof(until), "%llu",
			 (unsigned long long)sa->valid_until);
	else
		snprintf(until, sizeof(until), "never");
	inet_ntop(sa->peer_af, sa->peer_af == AF_INET6 ? (void *)&sa->peer6 :
		  (void *)&sa->peer4, peer, sizeof(peer));
	if (psac_opts.json) {
		struct psac_json j;

		psac_json_init(&j, stdout, psac_opts.pretty);
		psac_json_obj_open(&j, NULL);
		psac_json_str(&j, "event", installed ? "installed" : "provisioned");
		psac_json_str(&j, "dev", dev);
		psac_json_str(&j, "spi", spi);
		psac_json_str(&j, "suite", sa->suite->name);
		if (sa->have_hoa) {
			inet_ntop(AF_INET6, &sa->hoa, a, sizeof(a));
			psac_json_str(&j, "hoa", a);
		}
		if (sa->have_hoa4) {
			inet_ntop(AF_INET, &sa->hoa4, a, sizeof(a));
			psac_json_str(&j, "hoa4", a);
		}
		if (sa->have_hnp) {
			inet_ntop(AF_INET6, &sa->hnp, a, sizeof(a));
			snprintf(pfx, sizeof(pfx), "%s/%u", a, sa->hnp_len);
			psac_json_str(&j, "hnp", pfx);
		}
		if (sa->have_hnp4) {
			inet_ntop(AF_INET, &sa->hnp4, a, sizeof(a));
			snprintf(pfx, sizeof(pfx), "%s/%u", a, sa->hnp4_len);
			psac_json_str(&j, "hnp4", pfx);
		}
		psac_json_str(&j, "peer", peer);
		psac_json_u64(&j, "port", sa->have_port ? sa->port : PSAC_MNHA_UDP_PORT);
		psac_json_u64(&j, "scope", sa->have_scope ? sa->scope : 1);
		psac_json_str(&j, "valid_until", until);
		psac_json_obj_close(&j);
		return;
	}
	printf("%s %s spi %s suite %s", installed ? "installed" : "provisioned",
	       dev, spi, sa->suite->name);
	if (sa->have_hoa) {
		inet_ntop(AF_INET6, &sa->hoa, a, sizeof(a));
		printf(" hoa %s", a);
	}
	if (sa->have_hoa4) {
		inet_ntop(AF_INET, &sa->hoa4, a, sizeof(a));
		printf(" hoa4 %s", a);
	}
	if (sa->have_hnp) {
		inet_ntop(AF_INET6, &sa->hnp, a, sizeof(a));
		printf(" hnp %s/%u", a, sa->hnp_len);
	}
	if (sa->have_hnp4) {
		inet_ntop(AF_INET, &sa->hnp4, a, sizeof(a));
		printf(" hnp4 %s/%u", a, sa->hnp4_len);
	}
	printf(" peer %s port %u scope %u valid-until %s\n", peer,
	       sa->have_port ? sa->port : PSAC_MNHA_UDP_PORT,
	       sa->have_scope ? sa->scope : 1, until);
}
