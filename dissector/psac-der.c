/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psac-der.c - the little DER the plugin reads itself: PEM/DER files,
 * RSA private keys (PKCS#1 and unencrypted PKCS#8) and the signature
 * algorithm of an X.509 certificate (for the RFC 5929 tls-server-endpoint
 * channel binding of MHAuth).
 */
#include "config-psac.h"

#include <stdio.h>
#include <string.h>
#include <gcrypt.h>

#include <glib.h>

#include "psac-crypto.h"

/* Next TLV of d; its tag must be `tag`.  On success val spans the contents
 * and d moves past the TLV. */
gboolean
psac_der_read(psac_der_t *d, guint8 tag, psac_der_t *val)
{
	const guint8 *p = d->p;
	size_t len, n;

	if (!p || d->end - p < 2 || p[0] != tag)
		return FALSE;
	len = p[1];
	p += 2;
	if (len & 0x80) {
		n = len & 0x7f;
		if (n == 0 || n > 4 || (size_t)(d->end - p) < n)
			return FALSE;
		len = 0;
		while (n--)
			len = (len << 8) | *p++;
	}
	if ((size_t)(d->end - p) < len)
		return FALSE;
	val->p = p;
	val->end = p + len;
	d->p = p + len;
	return TRUE;
}

/* A file holding PEM (the first block) or DER. */
GByteArray *
psac_load_der_file(const char *path, char **err)
{
	gchar *text = NULL, *b, *e;
	gsize len = 0;
	GByteArray *out;
	GError *gerr = NULL;

	if (!path || !*path) {
		*err = g_strdup("no file name");
		return NULL;
	}
	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		*err = g_strdup_printf("%s", gerr->message);
		g_error_free(gerr);
		return NULL;
	}
	out = g_byte_array_new();
	b = g_strstr_len(text, len, "-----BEGIN ");
	if (b) {
		guchar *raw;
		gsize rlen = 0;

		if (g_strstr_len(text, len, "ENCRYPTED")) {
			*err = g_strdup_printf("%s: encrypted keys are not supported", path);
			goto fail;
		}
		b = strchr(b, '\n');
		e = b ? strstr(b, "-----END ") : NULL;
		if (!e) {
			*err = g_strdup_printf("%s: PEM block without END line", path);
			goto fail;
		}
		*e = '\0';
		raw = g_base64_decode(b + 1, &rlen);
		g_byte_array_append(out, raw, (guint)rlen);
		memset(raw, 0, rlen);
		g_free(raw);
	} else {
		g_byte_array_append(out, (const guint8 *)text, (guint)len);
	}
	memset(text, 0, len);
	g_free(text);
	if (out->len == 0) {
		*err = g_strdup_printf("%s: empty", path);
		g_byte_array_free(out, TRUE);
		return NULL;
	}
	return out;
fail:
	memset(text, 0, len);
	g_free(text);
	g_byte_array_free(out, TRUE);
	return NULL;
}

/* RSAPrivateKey (PKCS#1) or PrivateKeyInfo (PKCS#8) to a libgcrypt key
 * (n, e, d: libgcrypt decrypts without the CRT parameters). */
gcry_sexp_t
psac_rsa_key_from_der(const guint8 *der, size_t len, char **err)
{
	psac_der_t d = { der, der + len }, seq, v, n, e, x;
	gcry_sexp_t key = NULL;

	if (!psac_der_read(&d, 0x30, &seq) || !psac_der_read(&seq, 0x02, &v))
		goto bad;
	if (seq.p < seq.end && seq.p[0] == 0x30) {	/* PKCS#8 */
		psac_der_t alg, oid, inner;
		static const guint8 rsa_oid[] = {
			0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };

		if (!psac_der_read(&seq, 0x30, &alg) || !psac_der_read(&alg, 0x06, &oid))
			goto bad;
		if ((size_t)(oid.end - oid.p) != sizeof(rsa_oid) ||
		    memcmp(oid.p, rsa_oid, sizeof(rsa_oid))) {
			*err = g_strdup("not an RSA key");
			return NULL;
		}
		if (!psac_der_read(&seq, 0x04, &inner))
			goto bad;
		d = inner;
		if (!psac_der_read(&d, 0x30, &seq) || !psac_der_read(&seq, 0x02, &v))
			goto bad;
	}
	if (!psac_der_read(&seq, 0x02, &n) || !psac_der_read(&seq, 0x02, &e) ||
	    !psac_der_read(&seq, 0x02, &x))
		goto bad;
	if (gcry_sexp_build(&key, NULL, "(private-key (rsa (n %b) (e %b) (d %b)))",
			    (int)(n.end - n.p), n.p, (int)(e.end - e.p), e.p,
			    (int)(x.end - x.p), x.p)) {
		*err = g_strdup("libgcrypt refused the key");
		return NULL;
	}
	return key;
bad:
	*err = g_strdup("not a DER RSA private key (PKCS#1 or unencrypted PKCS#8)");
	return NULL;
}

/*
 * RFC 5929 tls-server-endpoint: the hash of the certificate with the hash
 * of its signature algorithm, SHA-256 when that is MD5 or SHA-1 (or not a
 * single hash function).  Returns the hash length written to out (64
 * octets room), 0 when der is no certificate.
 */
int
psac_cert_endpoint_hash(const guint8 *der, size_t len, guint8 *out)
{
	/* signature OIDs with SHA-224, SHA-384 or SHA-512 */
	static const struct {
		guint8 oid[9];
		guint8 len;
		int algo;
	} map[] = {
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0e }, 9, GCRY_MD_SHA224 },
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c }, 9, GCRY_MD_SHA384 },
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d }, 9, GCRY_MD_SHA512 },
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01 }, 8, GCRY_MD_SHA224 },
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03 }, 8, GCRY_MD_SHA384 },
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04 }, 8, GCRY_MD_SHA512 },
	};
	psac_der_t d = { der, der + len }, cert, tbs, alg, oid;
	int algo = GCRY_MD_SHA256;
	size_t i;

	if (!psac_der_read(&d, 0x30, &cert) || !psac_der_read(&cert, 0x30, &tbs) ||
	    !psac_der_read(&cert, 0x30, &alg) || !psac_der_read(&alg, 0x06, &oid))
		return 0;
	for (i = 0; i < G_N_ELEMENTS(map); i++)
		if ((size_t)(oid.end - oid.p) == map[i].len &&
		    !memcmp(oid.p, map[i].oid, map[i].len))
			algo = map[i].algo;
	gcry_md_hash_buffer(algo, out, der, (size_t)(d.p - der));
	return (int)gcry_md_get_algo_dlen(algo);
}
