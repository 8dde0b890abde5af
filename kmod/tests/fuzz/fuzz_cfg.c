// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer harness: the pure check behind PSAC_CMD_TARGET_CONFIG_SET
 * (psac_dhcp6_cfg_check, kmod/lib/dhcp6.c), then the SACONFIGURATION
 * parser under whatever configuration it accepts.
 *
 * Input: 6 octets XORed into the default configuration (message types
 * SACONFIGURATION and -REPLY, then the OPTION_SA and OPTION_SA_LIST codes,
 * big-endian), then the message.  Six zero octets before a captured
 * message therefore parse it with the defaults.
 */
#include "check_msg.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

/* The rule of psac_dhcp6_cfg_check, restated independently. */
static bool cfg_ok(const struct psac_dhcp6_cfg *c)
{
	static const u16 std[] = {
		PSAC_DHCP6_OPT_CLIENTID, PSAC_DHCP6_OPT_SERVERID,
		PSAC_DHCP6_OPT_AUTH, PSAC_DHCP6_OPT_STATUS_CODE,
	};
	unsigned int i;

	if (c->msg_saconfig == c->msg_saconfig_reply ||
	    c->msg_saconfig <= PSAC_DHCP6_MSG_LAST_ASSIGNED ||
	    c->msg_saconfig_reply <= PSAC_DHCP6_MSG_LAST_ASSIGNED ||
	    !c->opt_sa || !c->opt_sa_list || c->opt_sa == c->opt_sa_list)
		return false;
	for (i = 0; i < ARRAY_SIZE(std); i++)
		if (c->opt_sa == std[i] || c->opt_sa_list == std[i])
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct psac_dhcp6_msg m;
	struct psac_dhcp6_cfg cfg;
	int ret;

	if (size < 6)
		return 0;
	psac_dhcp6_cfg_default(&cfg);
	cfg.msg_saconfig ^= data[0];
	cfg.msg_saconfig_reply ^= data[1];
	cfg.opt_sa ^= psac_get_be16(data + 2);
	cfg.opt_sa_list ^= psac_get_be16(data + 4);

	ret = psac_dhcp6_cfg_check(&cfg);
	CHECK(!ret == cfg_ok(&cfg));
	if (ret) {
		CHECK(ret == -PSAC_DHCP6_E_CFG);
		/* a refused configuration is refused by the parser too */
		CHECK(psac_dhcp6_parse(&cfg, data + 6, size - 6, &m) == ret);
	}
	ret = psac_dhcp6_parse(&cfg, data + 6, size - 6, &m);
	CHECK(ret <= 0 && psac_dhcp6_strerror(ret));
	if (!ret) {
		check_msg(data + 6, size - 6, &m);
		CHECK(m.msg_type == cfg.msg_saconfig ||
		      m.msg_type == cfg.msg_saconfig_reply);
	}
	return 0;
}
