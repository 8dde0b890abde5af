// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 6618 MN-HA ciphersuites through the kernel crypto API.
 *
 * Every suite is one AEAD transform per direction, used exactly as ESP
 * uses them (RFC 4303): the associated data is the 8-octet header
 * followed by the IV, and the request IV is the IV from (or for) the
 * packet.
 *  - authenc(...) suites: the ICV covers header | IV | ciphertext.
 *  - rfc4106(gcm(aes)): the template takes the 8-octet explicit IV as the
 *    last 8 octets of the associated data and authenticates only the
 *    header, as in RFC 4106.
 *  - NULL suites have no IV: the associated data is the header.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/rtnetlink.h>
#include <crypto/aead.h>
#include <crypto/authenc.h>

#include "mnha.h"

static int psac_mnha_authenc_setkey(struct crypto_aead *tfm,
				    const struct psac_mnha_suite *s,
				    const u8 *ekey, const u8 *ikey)
{
	struct crypto_authenc_key_param *param;
	unsigned int len;
	struct rtattr *rta;
	u8 *key, *p;
	int err;

	len = RTA_SPACE(sizeof(*param)) + s->ikey_len + s->ekey_len;
	key = kmalloc(len, GFP_KERNEL);
	if (!key)
		return -ENOMEM;

	rta = (struct rtattr *)key;
	rta->rta_type = CRYPTO_AUTHENC_KEYA_PARAM;
	rta->rta_len = RTA_LENGTH(sizeof(*param));
	param = RTA_DATA(rta);
	param->enckeylen = cpu_to_be32(s->ekey_len);
	p = key + RTA_SPACE(sizeof(*param));
	memcpy(p, ikey, s->ikey_len);
	if (s->ekey_len)
		memcpy(p + s->ikey_len, ekey, s->ekey_len);

	err = crypto_aead_setkey(tfm, key, len);
	kfree_sensitive(key);
	return err;
}

/*
 * The suite through pcrypt: every request completes asynchronously.
 * pcrypt instances keep the cra_name of the algorithm they wrap, so they
 * are asked for by driver name, around a synchronous implementation.
 */
static struct crypto_aead *psac_mnha_alloc_async(const char *name)
{
	char drv[CRYPTO_MAX_ALG_NAME];
	struct crypto_aead *tfm;
	int n;

	tfm = crypto_alloc_aead(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(tfm))
		return tfm;
	n = snprintf(drv, sizeof(drv), "pcrypt(%s)",
		     crypto_tfm_alg_driver_name(crypto_aead_tfm(tfm)));
	crypto_free_aead(tfm);
	if (n >= (int)sizeof(drv))
		return ERR_PTR(-ENAMETOOLONG);
	return crypto_alloc_aead(drv, 0, 0);
}

/**
 * psac_mnha_aead_alloc() - allocate and key the transform of one direction
 * @s: the suite
 * @ekey: @s->ekey_len octets (GCM: key then 4-octet salt); unused if the
 *        suite has no encryption key
 * @ikey: @s->ikey_len octets; unused for AEAD suites
 * @async: wrap the suite in pcrypt so that every request completes
 *         asynchronously (tests of the -EINPROGRESS paths)
 *
 * Context: Process context; may sleep and load modules.
 *
 * Return: the transform, or an ERR_PTR(): the crypto API's error
 * (-ENOENT: the algorithm is not available), -EINVAL if its IV size is
 * not the suite's, -ENAMETOOLONG if the pcrypt name does not fit.
 */
struct crypto_aead *psac_mnha_aead_alloc(const struct psac_mnha_suite *s,
					 const u8 *ekey, const u8 *ikey,
					 bool async)
{
	struct crypto_aead *tfm;
	int err;

	if (async)
		tfm = psac_mnha_alloc_async(s->crypto_name);
	else
		tfm = crypto_alloc_aead(s->crypto_name, 0, 0);
	if (IS_ERR(tfm))
		return tfm;

	err = -EINVAL;
	if (crypto_aead_ivsize(tfm) != s->iv_len)
		goto err;
	if (s->aead)
		err = crypto_aead_setkey(tfm, ekey, s->ekey_len);
	else
		err = psac_mnha_authenc_setkey(tfm, s, ekey, ikey);
	if (err)
		goto err;
	err = crypto_aead_setauthsize(tfm, s->icv_len);
	if (err)
		goto err;
	return tfm;
err:
	crypto_free_aead(tfm);
	return ERR_PTR(err);
}

/**
 * psac_mnha_assoclen() - length of a suite's associated data
 * @s: the suite
 *
 * The associated data is the header followed by the IV; rfc4106(gcm(aes))
 * takes its explicit IV as the last 8 octets of it.
 *
 * Return: PSAC_MNHA_HDR_LEN plus the suite's IV length.
 */
unsigned int psac_mnha_assoclen(const struct psac_mnha_suite *s)
{
	return PSAC_MNHA_HDR_LEN + s->iv_len;
}

/**
 * psac_mnha_tmp_alloc() - allocate the crypto memory of one packet
 * @tfm: the transform the request is for
 * @ctx_len: octets of caller context at the start of the allocation
 * @nfrags: scatterlist entries needed
 * @iv: set to the IV buffer, aligned for @tfm
 * @req: set to the request, its transform set
 * @sg: set to the @nfrags scatterlist entries (not initialised)
 *
 * One allocation per packet, as ESP does: @ctx_len octets of caller
 * context, the IV, the request and @nfrags scatterlist entries.  Freed
 * with kfree() of the returned pointer.
 *
 * Context: Any context (GFP_ATOMIC).
 *
 * Return: the allocation, the caller's context at its start, or NULL.
 */
void *psac_mnha_tmp_alloc(struct crypto_aead *tfm, unsigned int ctx_len,
			  int nfrags, u8 **iv, struct aead_request **req,
			  struct scatterlist **sg)
{
	unsigned int ivsize = crypto_aead_ivsize(tfm);
	unsigned int len = ctx_len + ivsize;
	void *tmp;

	len += crypto_aead_alignmask(tfm) & ~(crypto_tfm_ctx_alignment() - 1);
	len = ALIGN(len, crypto_tfm_ctx_alignment());
	len += sizeof(struct aead_request) + crypto_aead_reqsize(tfm);
	len = ALIGN(len, __alignof__(struct scatterlist));
	len += sizeof(struct scatterlist) * nfrags;

	tmp = kmalloc(len, GFP_ATOMIC);
	if (!tmp)
		return NULL;

	*iv = PTR_ALIGN((u8 *)tmp + ctx_len, crypto_aead_alignmask(tfm) + 1);
	*req = (void *)PTR_ALIGN(*iv + ivsize, crypto_tfm_ctx_alignment());
	aead_request_set_tfm(*req, tfm);
	*sg = (void *)ALIGN((unsigned long)(*req + 1) +
			    crypto_aead_reqsize(tfm),
			    __alignof__(struct scatterlist));
	return tmp;
}
