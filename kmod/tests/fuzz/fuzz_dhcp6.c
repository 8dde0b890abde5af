// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness: DHCPv6 option iterator, SACONFIGURATION parser and
 * SA validation (kmod/lib/dhcp6.c).  Checks invariants on whatever
 * parses, so it finds wrong answers as well as memory errors.
 */
#include "check_msg.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct psac_dhcp6_msg m;
	struct psac_dhcp6_cfg cfg;
	struct psac_opt_iter it;
	struct psac_opt o;
	int ret;

	psac_opt_iter_init(&it, data, size);
	while ((ret = psac_opt_iter_next(&it, &o)) > 0)
		CHECK(o.data >= data && o.data + o.len <= data + size);
	CHECK(ret == 0 || ret == -PSAC_DHCP6_E_OPT_TRUNC ||
	      ret == -PSAC_DHCP6_E_OPT_OVERLONG);

	psac_dhcp6_cfg_default(&cfg);
	ret = psac_dhcp6_parse(&cfg, data, size, &m);
	CHECK(ret <= 0 && psac_dhcp6_strerror(ret));
	if (!ret)
		check_msg(data, size, &m);

	/* operator code points: OPTION_SA 0xff00, SA_LIST 0xff01 */
	cfg.opt_sa = PSAC_OPT_CLIENT_PUBKEY;
	cfg.opt_sa_list = PSAC_OPT_SA_REQ_PARAMS;
	ret = psac_dhcp6_parse(&cfg, data, size, &m);
	if (!ret)
		check_msg(data, size, &m);
	return 0;
}
