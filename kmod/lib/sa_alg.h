/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The IKEv2 transforms an OPTION_SA or OPTION_SA_REQ_PARAMS names
 * (docs/wire-format.md, "Algorithms"): their names, key sizes, KEYMAT
 * layout and XFRM names.  The one table of them: the module, the tools
 * and the Wireshark plugin all read it.
 */
#ifndef _PSAC_SA_ALG_H
#define _PSAC_SA_ALG_H

#include "psac_shim.h"
#include <linux/psac_wire.h>

struct psac_mnha_suite;

#define PSAC_ENCR_N_BITS	3

/* An encryption transform (IKEv2 transform type 1). */
struct psac_encr {
	u16 id;			/* PSAC_ENCR_* */
	const char *name;	/* "aes-gcm-16": configuration and output */
	const char *desc;	/* "AES-GCM-16": for people */
	const char *xfrm_name;	/* crypto API name XFRM knows it by */
	bool aead;		/* no separate integrity transform */
	bool fixed;		/* one key size: Key-Length may also be 0 */
	u8 salt_len;		/* AEAD salt after the key (RFC 4106/7634) */
	u16 icv_bits;		/* AEAD ICV length, 0 otherwise */
	u16 bits[PSAC_ENCR_N_BITS];	/* key sizes, 0-terminated; [0] default */
	u16 target_bits[PSAC_ENCR_N_BITS];	/* those psac.ko installs */
};

/* An integrity transform (IKEv2 transform type 3). */
struct psac_integ {
	u16 id;			/* PSAC_INTEG_* */
	const char *name;	/* "hmac-sha2-256-128" */
	const char *desc;	/* "HMAC-SHA2-256-128" */
	const char *xfrm_name;	/* NULL for "none" */
	u8 key_len;		/* octets per direction */
	u16 trunc_bits;		/* ICV length */
	bool target;		/* psac.ko installs it */
};

/* NULL if psac does not know @id. */
const struct psac_encr *psac_encr_get(u16 id);
const struct psac_integ *psac_integ_get(u16 id);
/* The @i-th transform, NULL past the last. */
const struct psac_encr *psac_encr_at(unsigned int i);
const struct psac_integ *psac_integ_at(unsigned int i);
/* NULL if no transform is called @name. */
const struct psac_encr *psac_encr_by_name(const char *name);
const struct psac_integ *psac_integ_by_name(const char *name);

/*
 * Octets of encryption key per direction (an AEAD's salt included) for
 * Key-Length @bits, or -EINVAL; 0 bits is a fixed-size cipher's size.
 */
int psac_encr_key_len(const struct psac_encr *e, u16 bits);

/*
 * The other named code points of the SA fixed part (docs/wire-format.md,
 * "OPTION_SA"): @name is the word of the tools' command lines, files and
 * output, @desc the words of the dissector.
 */
enum psac_sa_field {
	PSAC_SA_FIELD_PROTO,	/* Protocol: PSAC_PROTO_* */
	PSAC_SA_FIELD_MODE,	/* Mode: PSAC_MODE_* */
	PSAC_SA_FIELD_ULP,	/* ULP of the selectors: PSAC_ULP_* */
	PSAC_SA_FIELD_KEYPROT,	/* Key-Prot-Alg: PSAC_KEYPROT_* */
};

struct psac_sa_code {
	u8 code;
	const char *name;	/* "transport" */
	const char *desc;	/* "Transport" */
};

/* The @i-th named value of @field, NULL past the last. */
const struct psac_sa_code *psac_sa_code_at(enum psac_sa_field field,
					   unsigned int i);
/* NULL if psac names no such value. */
const struct psac_sa_code *psac_sa_code_get(enum psac_sa_field field, u8 code);

/* What an SA with one choice of transforms needs, per direction. */
struct psac_sa_alg {
	unsigned int keymat_len;	/* whole KEYMAT, both directions */
	u8 ekey_len;		/* encryption key, incl. salt for AEAD */
	u8 ikey_len;		/* integrity key, 0 for AEAD */
	u16 icv_bits;		/* AEAD ICV or auth truncation */
	bool target;		/* psac.ko installs this combination */
	const char *aead_name;	/* ESP AEAD (XFRM name) or NULL */
	const char *enc_name;	/* ESP cipher if not AEAD */
	const char *auth_name;	/* ESP integrity if not AEAD */
	const struct psac_mnha_suite *mnha;	/* mode 3 suite or NULL */
};

/*
 * The key sizes and names of an ESP SA with these transforms.  Returns 0
 * and fills @alg, or -EINVAL for an unknown transform, a key size the
 * cipher does not have, an AEAD with an integrity transform or another
 * cipher without one.  KEYMAT is I2R ekey | ikey | R2I ekey | ikey.
 */
int psac_sa_alg_get(u16 encr_alg, u16 encr_key_bits, u16 integ_alg,
		    struct psac_sa_alg *alg);

#endif /* _PSAC_SA_ALG_H */
