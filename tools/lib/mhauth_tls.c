// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * psac tools: MHAuth messages over TLS (OpenSSL libssl), the key log.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "crypto.h"
#include "mhauth.h"
#include "util.h"

/* NSS key log lines for Wireshark, appended to $SSLKEYLOGFILE. */
static void keylog_cb(const SSL *ssl, const char *line)
{
	const char *path = getenv("SSLKEYLOGFILE");
	FILE *f;

	(void)ssl;
	if (!path || !*path)
		return;
	f = fopen(path, "a");
	if (!f) {
		psac_warn("SSLKEYLOGFILE %s: %s", path, strerror(errno));
		return;
	}
	fprintf(f, "%s\n", line);
	fclose(f);
}

SSL_CTX *psac_tls_ctx(int server)
{
	SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() :
				   TLS_client_method());

	if (!ctx)
		return NULL;
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	/* no resumption: every connection runs the full handshake and exchange */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION);
	if (server)
		SSL_CTX_set_num_tickets(ctx, 0);
	if (getenv("SSLKEYLOGFILE"))
		SSL_CTX_set_keylog_callback(ctx, keylog_cb);
	return ctx;
}

const char *psac_tls_error(char *buf, size_t len, const char *fallback)
{
	unsigned long e, last = 0;

	while ((e = ERR_get_error()))
		last = e;
	if (!last) {
		snprintf(buf, len, "%s", fallback);
		return buf;
	}
	ERR_error_string_n(last, buf, len);
	return buf;
}

int psac_sock_timeouts(int fd, unsigned int secs)
{
	struct timeval tv = { .tv_sec = secs };

	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)))
		return -errno;
	return 0;
}

int psac_mhauth_send(SSL *ssl, const struct psac_mhauth_builder *b)
{
	size_t done = 0;

	while (done < b->len) {
		int n = SSL_write(ssl, b->buf + done, (int)(b->len - done));

		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

static int read_full(SSL *ssl, uint8_t *buf, size_t len, const char **why)
{
	size_t done = 0;

	while (done < len) {
		int n = SSL_read(ssl, buf + done, (int)(len - done));

		if (n <= 0) {
			int e = SSL_get_error(ssl, n);

			if (e == SSL_ERROR_ZERO_RETURN ||
			    (e == SSL_ERROR_SYSCALL && !errno))
				*why = "the peer closed the connection";
			else if (e == SSL_ERROR_SYSCALL &&
				 (errno == EAGAIN || errno == EWOULDBLOCK))
				*why = "no answer in time";
			else
				*why = "TLS read failed";
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

int psac_mhauth_recv(SSL *ssl, struct psac_mhauth_msg *m, const char **why)
{
	uint8_t buf[PSAC_MHAUTH_HDR_LEN + PSAC_MHAUTH_MAX_CONTENT];
	size_t clen;
	int ret;

	errno = 0;
	if (read_full(ssl, buf, PSAC_MHAUTH_HDR_LEN, why))
		return -1;
	clen = (size_t)buf[2] << 8 | buf[3];
	if (clen > PSAC_MHAUTH_MAX_CONTENT) {
		*why = "content longer than 4096 octets";
		return -2;
	}
	if (read_full(ssl, buf + PSAC_MHAUTH_HDR_LEN, clen, why))
		return -1;
	ret = psac_mhauth_parse(buf, PSAC_MHAUTH_HDR_LEN + clen, m, why);
	psac_wipe(buf, sizeof(buf));
	return ret ? -2 : 0;
}
