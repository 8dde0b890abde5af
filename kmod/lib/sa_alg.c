// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The IKEv2 transforms of OPTION_SA and OPTION_SA_REQ_PARAMS: one table
 * for the module, the tools and the Wireshark plugin.
 */
#include "sa_alg.h"

static const struct psac_encr psac_encrs[] = {
	{
		.id		= PSAC_ENCR_AES_GCM_16,
		.name		= "aes-gcm-16",
		.desc		= "AES-GCM-16",
		.xfrm_name	= "rfc4106(gcm(aes))",
		.aead		= true,
		.salt_len	= PSAC_AES_GCM_SALT_LEN,
		.icv_bits	= 128,
		.bits		= { 128, 192, 256 },
		.target_bits	= { 128, 256 },
	},
	{
		.id		= PSAC_ENCR_AES_CBC,
		.name		= "aes-cbc",
		.desc		= "AES-CBC",
		.xfrm_name	= "cbc(aes)",
		.bits		= { 128, 192, 256 },
		.target_bits	= { 128, 256 },
	},
	{
		/* RFC 7634: one key size, the Key-Length attribute may be absent */
		.id		= PSAC_ENCR_CHACHA20_POLY1305,
		.name		= "chacha20-poly1305",
		.desc		= "ChaCha20-Poly1305",
		.xfrm_name	= "rfc7539esp(chacha20,poly1305)",
		.aead		= true,
		.fixed		= true,
		.salt_len	= PSAC_CHACHA_SALT_LEN,
		.icv_bits	= 128,
		.bits		= { 256 },
		.target_bits	= { 256 },
	},
	{
		.id		= PSAC_ENCR_3DES,
		.name		= "3des",
		.desc		= "3DES-CBC",
		.xfrm_name	= "cbc(des3_ede)",
		.fixed		= true,
		.bits		= { 192 },
	},
	{
		.id		= PSAC_ENCR_NULL,
		.name		= "null",
		.desc		= "NULL",
		.xfrm_name	= "ecb(cipher_null)",
		.fixed		= true,
	},
};

static const struct psac_integ psac_integs[] = {
	{
		.id		= PSAC_INTEG_NONE,
		.name		= "none",
		.desc		= "None (AEAD)",
		.target		= true,
	},
	{
		.id		= PSAC_INTEG_HMAC_SHA1_96,
		.name		= "hmac-sha1-96",
		.desc		= "HMAC-SHA1-96",
		.xfrm_name	= "hmac(sha1)",
		.key_len	= 20,
		.trunc_bits	= 96,
		.target		= true,
	},
	{
		.id		= PSAC_INTEG_HMAC_SHA2_256_128,
		.name		= "hmac-sha2-256-128",
		.desc		= "HMAC-SHA2-256-128",
		.xfrm_name	= "hmac(sha256)",
		.key_len	= 32,
		.trunc_bits	= 128,
		.target		= true,
	},
	{
		.id		= PSAC_INTEG_AES_XCBC_96,
		.name		= "aes-xcbc-96",
		.desc		= "AES-XCBC-96",
		.xfrm_name	= "xcbc(aes)",
		.key_len	= 16,
		.trunc_bits	= 96,
	},
};

/**
 * psac_encr_get() - look up an encryption transform
 * @id: IKEv2 transform ID (PSAC_ENCR_*)
 *
 * Return: the transform (static), or NULL if psac does not know @id.
 */
const struct psac_encr *psac_encr_get(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_encrs); i++)
		if (psac_encrs[i].id == id)
			return &psac_encrs[i];
	return NULL;
}

/**
 * psac_integ_get() - look up an integrity transform
 * @id: IKEv2 transform ID (PSAC_INTEG_*)
 *
 * Return: the transform (static), or NULL if psac does not know @id.
 */
const struct psac_integ *psac_integ_get(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_integs); i++)
		if (psac_integs[i].id == id)
			return &psac_integs[i];
	return NULL;
}

/**
 * psac_encr_at() - iterate over the encryption transforms
 * @i: index, from 0
 *
 * Return: the @i-th transform (static), or NULL past the last one.
 */
const struct psac_encr *psac_encr_at(unsigned int i)
{
	return i < ARRAY_SIZE(psac_encrs) ? &psac_encrs[i] : NULL;
}

/**
 * psac_integ_at() - iterate over the integrity transforms
 * @i: index, from 0
 *
 * Return: the @i-th transform (static), or NULL past the last one.
 */
const struct psac_integ *psac_integ_at(unsigned int i)
{
	return i < ARRAY_SIZE(psac_integs) ? &psac_integs[i] : NULL;
}

static const struct psac_sa_code psac_sa_protos[] = {
	{ PSAC_PROTO_ESP, "esp", "ESP" },
	{ PSAC_PROTO_AH, "ah", "AH" },
	{ PSAC_PROTO_UDP, "udp", "UDP (RFC 6618 MN-HA encapsulation)" },
};

static const struct psac_sa_code psac_sa_modes[] = {
	{ PSAC_MODE_TRANSPORT, "transport", "Transport" },
	{ PSAC_MODE_TUNNEL, "tunnel", "Tunnel" },
	{ PSAC_MODE_MNHA_UDP, "mnha-udp", "MN-HA UDP encapsulation" },
};

static const struct psac_sa_code psac_sa_ulps[] = {
	{ PSAC_ULP_ANY, "any", "Any" },
	{ PSAC_ULP_TCP, "tcp", "TCP" },
	{ PSAC_ULP_UDP, "udp", "UDP" },
	{ PSAC_ULP_ICMPV6, "icmpv6", "ICMPv6" },
	{ PSAC_ULP_MH, "mh", "Mobility Header" },
};

static const struct psac_sa_code psac_sa_keyprots[] = {
	{ PSAC_KEYPROT_X25519, "x25519", "X25519 ECIES (requestor copy)" },
	{ PSAC_KEYPROT_PSK, "psk", "PSK (target copy)" },
	{ PSAC_KEYPROT_RSA_OAEP, "rsa-oaep", "RSA-OAEP-SHA256 (requestor copy)" },
};

/**
 * psac_sa_code_at() - iterate over the named values of an SA field
 * @field: which field
 * @i: index, from 0
 *
 * Return: the @i-th value and its names (static), or NULL past the last.
 */
const struct psac_sa_code *psac_sa_code_at(enum psac_sa_field field,
					   unsigned int i)
{
	static const struct {
		const struct psac_sa_code *codes;
		unsigned int n;
	} fields[] = {
		[PSAC_SA_FIELD_PROTO] = { psac_sa_protos,
					  ARRAY_SIZE(psac_sa_protos) },
		[PSAC_SA_FIELD_MODE] = { psac_sa_modes,
					 ARRAY_SIZE(psac_sa_modes) },
		[PSAC_SA_FIELD_ULP] = { psac_sa_ulps, ARRAY_SIZE(psac_sa_ulps) },
		[PSAC_SA_FIELD_KEYPROT] = { psac_sa_keyprots,
					    ARRAY_SIZE(psac_sa_keyprots) },
	};

	if ((unsigned int)field >= ARRAY_SIZE(fields) || i >= fields[field].n)
		return NULL;
	return &fields[field].codes[i];
}

/**
 * psac_sa_code_get() - the names of one value of an SA field
 * @field: which field
 * @code: the value
 *
 * Return: the value's names (static), or NULL if psac names no such value.
 */
const struct psac_sa_code *psac_sa_code_get(enum psac_sa_field field, u8 code)
{
	const struct psac_sa_code *c;
	unsigned int i;

	for (i = 0; (c = psac_sa_code_at(field, i)); i++)
		if (c->code == code)
			return c;
	return NULL;
}

/**
 * psac_encr_by_name() - look up an encryption transform by its name
 * @name: the transform's name ("aes-gcm-16"), NUL-terminated
 *
 * Return: the transform (static), or NULL if none has that name.
 */
const struct psac_encr *psac_encr_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_encrs); i++)
		if (!strcmp(psac_encrs[i].name, name))
			return &psac_encrs[i];
	return NULL;
}

/**
 * psac_integ_by_name() - look up an integrity transform by its name
 * @name: the transform's name ("hmac-sha2-256-128"), NUL-terminated
 *
 * Return: the transform (static), or NULL if none has that name.
 */
const struct psac_integ *psac_integ_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(psac_integs); i++)
		if (!strcmp(psac_integs[i].name, name))
			return &psac_integs[i];
	return NULL;
}

static bool psac_bits_in(const u16 *list, unsigned int n, u16 bits)
{
	unsigned int i;

	for (i = 0; i < n && list[i]; i++)
		if (list[i] == bits)
			return true;
	return false;
}

/*
 * The key size in bits that Key-Length @bits means for @e: @bits itself
 * if @e has it, the one size of a fixed-size cipher for 0, else -1.
 */
static int psac_encr_bits(const struct psac_encr *e, u16 bits)
{
	if (!bits && e->fixed)
		return e->bits[0];
	return psac_bits_in(e->bits, PSAC_ENCR_N_BITS, bits) ? bits : -1;
}

/**
 * psac_encr_key_len() - encryption key length of a cipher and key size
 * @e: the cipher
 * @bits: Key-Length in bits; 0 is accepted for a cipher of one key size
 *
 * Return: octets of key per direction, an AEAD's salt included, or
 * -EINVAL if @e has no key of @bits bits.
 */
int psac_encr_key_len(const struct psac_encr *e, u16 bits)
{
	int b = psac_encr_bits(e, bits);

	return b < 0 ? -EINVAL : b / 8 + e->salt_len;
}

/**
 * psac_sa_alg_get() - key sizes and names of an ESP SA's transforms
 * @encr_alg: IKEv2 encryption transform ID
 * @encr_key_bits: key length in bits; 0 is accepted for the ciphers of
 *                 one key size (ChaCha20-Poly1305, 3DES, NULL)
 * @integ_alg: IKEv2 integrity transform ID, PSAC_INTEG_NONE for an AEAD
 * @alg: filled on success; @alg->target says whether psac.ko installs
 *       this combination, @alg->mnha is NULL
 *
 * KEYMAT is I2R encryption key | integrity key | R2I encryption key |
 * integrity key; an AEAD's encryption key ends in its salt.
 *
 * Return: 0, or -EINVAL for an unknown transform, a key size the cipher
 * does not have, an AEAD with an integrity transform or another cipher
 * without one.
 */
int psac_sa_alg_get(u16 encr_alg, u16 encr_key_bits, u16 integ_alg,
		    struct psac_sa_alg *alg)
{
	const struct psac_encr *e = psac_encr_get(encr_alg);
	const struct psac_integ *a = psac_integ_get(integ_alg);
	int bits;

	if (!e || !a || e->aead != (integ_alg == PSAC_INTEG_NONE))
		return -EINVAL;
	bits = psac_encr_bits(e, encr_key_bits);
	if (bits < 0)
		return -EINVAL;

	memset(alg, 0, sizeof(*alg));
	alg->ekey_len = (u8)(bits / 8 + e->salt_len);
	alg->ikey_len = a->key_len;
	alg->keymat_len = 2U * (alg->ekey_len + alg->ikey_len);
	alg->target = a->target &&
		      psac_bits_in(e->target_bits, PSAC_ENCR_N_BITS, (u16)bits);
	if (e->aead) {
		alg->icv_bits = e->icv_bits;
		alg->aead_name = e->xfrm_name;
	} else {
		alg->icv_bits = a->trunc_bits;
		alg->enc_name = e->xfrm_name;
		alg->auth_name = a->xfrm_name;
	}
	return 0;
}
