// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: the SA parameter options (sa_opts.h).
 */
#include <string.h>

#include <linux/psac_wire.h>

#include "dhcp6msg.h"
#include "sa_opts.h"
#include "util.h"

int psac_sa_opt(const char *object, int opt, const char *arg,
		struct psac_sa_fields f)
{
	int v;

	switch (opt) {
	case PSAC_SA_OPT_PROTO:
		v = psac_proto_from_name(arg);
		if (v < 0)
			return psac_usage_err(object, "bad --proto '%s'", arg);
		*f.protocol = (uint8_t)v;
		return 0;
	case PSAC_SA_OPT_MODE:
		v = psac_mode_from_name(arg);
		if (v < 0)
			return psac_usage_err(object, "bad --mode '%s'", arg);
		*f.mode = (uint8_t)v;
		return 0;
	case PSAC_SA_OPT_ENCR:
		v = psac_encr_from_name(arg);
		if (v < 0)
			return psac_usage_err(object, "bad --encr '%s'", arg);
		*f.encr_alg = (uint16_t)v;
		return 0;
	case PSAC_SA_OPT_BITS:
		if (psac_parse_u16(arg, f.encr_key_bits))
			return psac_usage_err(object, "bad --bits '%s'", arg);
		return 0;
	case PSAC_SA_OPT_INTEG:
		v = psac_integ_from_name(arg);
		if (v < 0)
			return psac_usage_err(object, "bad --integ '%s'", arg);
		*f.integ_alg = (uint16_t)v;
		return 0;
	case PSAC_SA_OPT_ULP:
		v = psac_ulp_from_name(arg);
		if (v < 0)
			return psac_usage_err(object, "bad --ulp '%s'", arg);
		*f.ulp = (uint8_t)v;
		return 0;
	case PSAC_SA_OPT_SPORT:
		if (psac_parse_u16(arg, f.sport))
			return psac_usage_err(object, "bad --sport/--type '%s'", arg);
		return 0;
	case PSAC_SA_OPT_DPORT:
		if (psac_parse_u16(arg, f.dport))
			return psac_usage_err(object, "bad --dport/--code '%s'", arg);
		return 0;
	case PSAC_SA_OPT_LIFETIME:
		if (!strcmp(arg, "infinite"))
			*f.lifetime = PSAC_LIFETIME_INFINITE;
		else if (psac_parse_u32(arg, f.lifetime))
			return psac_usage_err(object, "bad --lifetime '%s'", arg);
		return 0;
	}
	return -1;
}
