// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac mn: one bootstrap with the HAC.  The TCP connection (bounded by
 * --timeout), TLS with the HAC's certificate verified, the RFC 6618 MHAuth
 * PSK exchange (Init, Done) bound to that certificate (RFC 5929
 * tls-server-endpoint), the checks of the HAC's answer, and the SA
 * installed into the mnha device only when every check passed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <linux/psac_wire.h>

#include "crypto.h"
#include "mhauth.h"
#include "mn.h"
#include "mnha_sa.h"
#include "util.h"

/* TCP connection with a timeout: the fd, or -1 (errno set). */
static int connect_to(const char *host, uint16_t port, unsigned int secs)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	char p[8];
	int fd = -1, e = EHOSTUNREACH;

	snprintf(p, sizeof(p), "%u", port);
	if (getaddrinfo(host, p, &hints, &res)) {
		errno = EHOSTUNREACH;
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		struct pollfd pfd;
		socklen_t l = sizeof(e);

		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
			    SOCK_NONBLOCK, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) && errno != EINPROGRESS) {
			e = errno;
			close(fd);
			fd = -1;
			continue;
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, (int)secs * 1000) != 1) {
			e = ETIMEDOUT;
			close(fd);
			fd = -1;
			continue;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) || e) {
			close(fd);
			fd = -1;
			continue;
		}
		/* back to blocking I/O, bounded by socket timeouts */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		break;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		errno = e;
		return -1;
	}
	return fd;
}

int psac_mn_run(const struct psac_mn_args *a, SSL_CTX *ctx,
		const uint8_t *psk, size_t psk_len, uint32_t ifindex)
{
	struct psac_mhauth_builder *b = calloc(1, sizeof(*b));
	struct psac_mhauth_msg *m = calloc(1, sizeof(*m));
	struct psac_mnha_sa *sa = calloc(1, sizeof(*sa));
	uint8_t mn_rand[PSAC_MHAUTH_RAND_LEN], hac_rand[PSAC_MHAUTH_RAND_LEN + 1];
	uint8_t cb[PSAC_MHAUTH_CB_MAX], got[PSAC_MHAUTH_RAND_LEN + 1];
	char sl[160], e[256];
	unsigned char *der = NULL;
	const char *v, *why;
	X509 *x = NULL;
	SSL *ssl = NULL;
	int fd = -1, ret = PSAC_EXIT_FAIL, n, r;

	if (!b || !m || !sa)
		goto out;
	fd = connect_to(a->hac, a->port, a->timeout);
	if (fd < 0) {
		psac_err("mn: HAC %s port %u unreachable: %s", a->hac, a->port,
			 strerror(errno));
		ret = PSAC_EXIT_TIMEOUT;
		goto out;
	}
	psac_sock_timeouts(fd, a->timeout);
	ssl = SSL_new(ctx);
	if (!ssl || SSL_set_fd(ssl, fd) != 1)
		goto out;
	if (a->name) {
		struct in6_addr t6;
		struct in_addr t4;

		if (inet_pton(AF_INET6, a->name, &t6) == 1 ||
		    inet_pton(AF_INET, a->name, &t4) == 1)
			X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), a->name);
		else
			SSL_set1_host(ssl, a->name);
		if (!strchr(a->name, ':'))
			SSL_set_tlsext_host_name(ssl, a->name);
	}
	if (SSL_connect(ssl) != 1) {
		long vr = SSL_get_verify_result(ssl);

		if (vr != X509_V_OK) {
			psac_err("mn: the HAC's certificate did not verify: %s%s%s%s",
				 X509_verify_cert_error_string(vr),
				 a->name ? " (expected name " : "",
				 a->name ? a->name : "", a->name ? ")" : "");
			ret = MN_EXIT_TLS;
		} else {
			psac_err("mn: TLS handshake with %s failed: %s", a->hac,
				 psac_tls_error(e, sizeof(e), errno ?
						strerror(errno) : "closed"));
			ret = errno == EAGAIN ? PSAC_EXIT_TIMEOUT : PSAC_EXIT_FAIL;
		}
		goto out;
	}
	x = SSL_get1_peer_certificate(ssl);
	n = x ? i2d_X509(x, &der) : -1;
	if (n <= 0 || (n = psac_mhauth_cb(der, (size_t)n, cb)) < 0) {
		psac_err("mn: cannot compute tls-server-endpoint of the HAC's certificate");
		goto out;
	}

	/* Init */
	if (psac_random(mn_rand, sizeof(mn_rand)))
		goto out;
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_INIT);
	psac_mhauth_add(b, "mn-id", "%s", a->mn_id);
	psac_mhauth_add(b, "auth-method", "psk");
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, sizeof(mn_rand));
	if (psac_mhauth_end(b, NULL, 0, NULL, NULL, 0) || psac_mhauth_send(ssl, b)) {
		psac_err("mn: cannot send the Init request");
		goto out;
	}
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		psac_err("mn: Init response: %s", why);
		ret = r == -1 && !strcmp(why, "no answer in time") ?
			PSAC_EXIT_TIMEOUT : MN_EXIT_BADANSWER;
		goto out;
	}
	v = psac_mhauth_get(m, "status-code");
	if (v && strcmp(v, "200")) {
		psac_err("mn: the HAC refused mn-id %s: status-code %s (%s)",
			 a->mn_id, v, psac_mhauth_status_text((unsigned int)atoi(v)));
		ret = MN_EXIT_REFUSED;
		goto out;
	}
	if (m->identifier != PSAC_MHAUTH_ID_INIT ||
	    psac_hex_decode(psac_mhauth_get(m, "hac-rand") ?
			    psac_mhauth_get(m, "hac-rand") : "", hac_rand,
			    sizeof(hac_rand)) != PSAC_MHAUTH_RAND_LEN) {
		psac_err("mn: the Init response has no 16-octet hac-rand (Identifier %u)",
			 m->identifier);
		ret = MN_EXIT_BADANSWER;
		goto out;
	}

	/* Done */
	psac_mhauth_suitelist_str(a->suites, a->n_suites, sl, sizeof(sl));
	psac_mhauth_begin(b, PSAC_MHAUTH_ID_DONE);
	psac_mhauth_add(b, "mn-id", "%s", a->mn_id);
	psac_mhauth_add_hex(b, "mn-rand", mn_rand, sizeof(mn_rand));
	psac_mhauth_add_hex(b, "hac-rand", hac_rand, PSAC_MHAUTH_RAND_LEN);
	psac_mhauth_add(b, "mip6-suitelist", "%s", sl);
	if (psac_mhauth_end(b, psk, psk_len, "MN", cb, (size_t)n) ||
	    psac_mhauth_send(ssl, b)) {
		psac_err("mn: cannot send the Done request");
		goto out;
	}
	r = psac_mhauth_recv(ssl, m, &why);
	if (r) {
		psac_err("mn: Done response: %s", why);
		ret = r == -1 && !strcmp(why, "no answer in time") ?
			PSAC_EXIT_TIMEOUT : MN_EXIT_BADANSWER;
		goto out;
	}
	v = psac_mhauth_get(m, "status-code");
	if (!v || strcmp(v, "200")) {
		psac_err("mn: the HAC refused mn-id %s: status-code %s (%s)",
			 a->mn_id, v ? v : "missing",
			 v ? psac_mhauth_status_text((unsigned int)atoi(v)) :
			 "no status");
		ret = MN_EXIT_REFUSED;
		goto out;
	}
	ret = MN_EXIT_BADANSWER;
	if (m->identifier != PSAC_MHAUTH_ID_DONE) {
		psac_err("mn: the Done response has Identifier %u, not 2",
			 m->identifier);
		goto out;
	}
	r = psac_mhauth_verify(m, psk, psk_len, "HAC", cb, (size_t)n);
	if (r) {
		psac_err("mn: the HAC's auth %s: the answer is not from a HAC that knows the PSK; nothing installed",
			 r == -1 ? "is missing" : r == -2 ?
			 "is not 32 hex octets" : "does not verify");
		goto out;
	}
	if (psac_hex_decode(psac_mhauth_get(m, "mn-rand") ?
			    psac_mhauth_get(m, "mn-rand") : "", got,
			    sizeof(got)) != PSAC_MHAUTH_RAND_LEN ||
	    memcmp(got, mn_rand, sizeof(mn_rand)) ||
	    psac_hex_decode(psac_mhauth_get(m, "hac-rand") ?
			    psac_mhauth_get(m, "hac-rand") : "", got,
			    sizeof(got)) != PSAC_MHAUTH_RAND_LEN ||
	    memcmp(got, hac_rand, PSAC_MHAUTH_RAND_LEN)) {
		psac_err("mn: the Done response does not echo this exchange's mn-rand and hac-rand (replayed?); nothing installed");
		goto out;
	}
	if (psac_mhauth_sa_from_msg(m, (uint64_t)time(NULL), sa, e, sizeof(e))) {
		psac_err("mn: unusable SA from the HAC: %s; nothing installed", e);
		goto out;
	}
	if (a->peer) {
		if (inet_pton(AF_INET6, a->peer, &sa->peer6) == 1)
			sa->peer_af = AF_INET6;
		else if (inet_pton(AF_INET, a->peer, &sa->peer4) == 1)
			sa->peer_af = AF_INET;
	}
	sa->replace = 1;
	if (a->no_install) {
		psac_mn_print_sa(a->dev, sa, 0);
		ret = PSAC_EXIT_OK;
		goto out;
	}
	ret = psac_mnha_sa_install(ifindex, sa, "mn: installing the SA", NULL);
	if (!ret)
		psac_mn_print_sa(a->dev, sa, 1);
out:
	if (ssl) {
		SSL_shutdown(ssl);
		SSL_free(ssl);
	}
	if (fd >= 0)
		close(fd);
	X509_free(x);
	OPENSSL_free(der);
	psac_wipe_free(sa, sizeof(*sa));
	psac_wipe_free(b, sizeof(*b));
	psac_wipe_free(m, sizeof(*m));
	return ret;
}
