// SPDX-License-Identifier: GPL-2.0
/*
 * mkcert: P-256 test certificates for the RFC 6618 selftests (the VM has
 * no openssl binary).
 *
 *   mkcert ca KEY CRT CN                     self-signed CA, 2 days
 *   mkcert leaf CAKEY CACRT KEY CRT CN SAN   leaf signed by the CA; SAN as
 *                                            in openssl: DNS:x,IP:y
 * Everything PEM, ecdsa-with-SHA256.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static void die(const char *what)
{
	fprintf(stderr, "mkcert: %s failed\n", what);
	exit(1);
}

static EVP_PKEY *newkey(const char *path)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");
	FILE *f;

	if (!k)
		die("EVP_EC_gen");
	f = fopen(path, "w");
	if (!f || !PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL))
		die(path);
	fclose(f);
	return k;
}

static void *readpem(const char *path, int cert)
{
	FILE *f = fopen(path, "r");
	void *p;

	if (!f)
		die(path);
	p = cert ? (void *)PEM_read_X509(f, NULL, NULL, NULL) :
		   (void *)PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (!p)
		die(path);
	return p;
}

static void ext(X509 *x, X509 *issuer, int nid, const char *v)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, v);
	if (!e || !X509_add_ext(x, e, -1))
		die(v);
	X509_EXTENSION_free(e);
}

static X509 *make(EVP_PKEY *key, const char *cn, X509 *issuer)
{
	X509 *x = X509_new();
	X509_NAME *n;
	unsigned char serial[8];
	BIGNUM *bn;

	if (!x)
		die("X509_new");
	X509_set_version(x, 2);
	if (RAND_bytes(serial, sizeof(serial)) != 1)
		die("serial");
	serial[0] &= 0x7f;
	bn = BN_bin2bn(serial, sizeof(serial), NULL);
	BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
	BN_free(bn);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 2 * 86400);
	X509_set_pubkey(x, key);
	n = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	if (!issuer) {
		ext(x, x, NID_basic_constraints, "critical,CA:TRUE");
		ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
	}
	return x;
}

static void writecert(X509 *x, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f || !PEM_write_X509(f, x))
		die(path);
	fclose(f);
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "ca")) {
		EVP_PKEY *k = newkey(argv[2]);
		X509 *x = make(k, argv[4], NULL);

		if (!X509_sign(x, k, EVP_sha256()))
			die("X509_sign");
		writecert(x, argv[3]);
		return 0;
	}
	if (argc == 8 && !strcmp(argv[1], "leaf")) {
		EVP_PKEY *ck = readpem(argv[2], 0);
		X509 *ca = readpem(argv[3], 1);
		EVP_PKEY *k = newkey(argv[4]);
		X509 *x = make(k, argv[6], ca);

		ext(x, ca, NID_subject_alt_name, argv[7]);
		ext(x, ca, NID_ext_key_usage, "serverAuth");
		if (!X509_sign(x, ck, EVP_sha256()))
			die("X509_sign");
		writecert(x, argv[5]);
		return 0;
	}
	fprintf(stderr, "usage: mkcert ca KEY CRT CN\n"
		"       mkcert leaf CAKEY CACRT KEY CRT CN SAN\n");
	return 2;
}
