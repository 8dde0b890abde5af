#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Record a real TLS 1.3 MHAuth exchange on the loopback, for the tests.

    gen_mhauth_tls13.py [DATADIR]      (root: runs tcpdump -i lo)

A HAC (Python ssl server, a fresh ECDSA P-256/SHA-256 self-signed
certificate) and a mobile node (Python ssl client) run the RFC 6618 PSK
flow on 127.0.0.1:7873: MHAuth-Init request/response, MHAuth-Done request
and response, each auth = HMAC-SHA256(PSK, "MN"|msg-octets|CB) or
"HAC"|..., CB the RFC 5929 tls-server-endpoint hash of the HAC certificate
(docs/wire-format.md section 3).  The Done response carries an AES-128-GCM MN-HA SA; the
MN then sends an echo request and the HA an echo reply under it, as MN-HA
UDP datagrams to port 7872.  tcpdump records everything; the client's
key log decrypts it.  Written to DATADIR (default tests/data):

    mhauth-tls13.pcap      the capture
    mhauth-tls13.keylog    the TLS 1.3 secrets (NSS key log format)
    mhauth-tls13.json      PSK, mn-id, CB, SA: what the tests assert
    mhauth-tls13-hac.pem   the HAC certificate
"""

import datetime
import hashlib
import hmac
import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_captures as g  # noqa: E402

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

PORT = g.C("HAC_TLS_PORT")
UDP_PORT = g.C("MNHA_UDP_PORT")
MN_ID = "mn3@example.net"
PSK = bytes.fromhex("746c7331332070736b206f6620746865206d6e")
HOA = "2001:0db8:0003:0000:0000:0000:0000:0030"
HAA = "2001:0db8:0003:0000:0000:0000:0000:0001"
SA = dict(spi=0x0000A13, suite=g.C("MNHA_SUITE_AES128_GCM"),
          ek=[bytes(range(0xA0, 0xB0)) + bytes.fromhex("13131301"),
              bytes(range(0xB0, 0xC0)) + bytes.fromhex("13131302")],
          ik=[b"", b""])


def make_cert(d):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hac.example.net")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(0x6618)
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("hac.example.net")]), False)
            .sign(key, hashes.SHA256()))
    cp, kp = os.path.join(d, "hac.pem"), os.path.join(d, "hac.key")
    open(cp, "wb").write(cert.public_bytes(serialization.Encoding.PEM))
    open(kp, "wb").write(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cp, kp, cert.public_bytes(serialization.Encoding.DER)


def lines(headers):
    return b"".join(("%s: %s\r\n" % (n, v)).encode() for n, v in headers)


def message(ident, headers, psk=None, label=None, cb=None):
    octets = lines(headers)
    if psk is not None:
        mac = hmac.new(psk, label + octets + cb, hashlib.sha256).hexdigest()
        octets += lines([("auth", mac)])
    content = octets + b"\r\n"
    return struct.pack("!BBH", 0, ident, len(content)) + content


def recv_msg(s):
    hdr = b""
    while len(hdr) < 4:
        hdr += s.recv(4 - len(hdr))
    n = struct.unpack("!H", hdr[2:])[0]
    body = b""
    while len(body) < n:
        body += s.recv(n - len(body))
    return hdr + body


def hac(srv, cb, ready):
    ready.set()
    conn, _ = srv.accept()
    recv_msg(conn)                                                     # Init request
    conn.sendall(message(1, [("hac-rand", "a1" * 16)]))
    recv_msg(conn)                                                     # Done request
    conn.sendall(message(2, [
        ("status-code", "200"), ("mip6-spi", "0x%x" % SA["spi"]), ("mip6-ciphersuite", "{00,9C}"),
        ("mip6-mn-to-ha-ekey", SA["ek"][0].hex()), ("mip6-ha-to-mn-ekey", SA["ek"][1].hex()),
        ("mip6-sas", "1"), ("mip6-haa-ip6", HAA), ("mip6-port", str(UDP_PORT)),
        ("mip6-ip6-hoa", HOA)], PSK, b"HAC", cb))
    conn.recv(100)                                                     # close_notify
    conn.close()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "data")
    tmp = tempfile.mkdtemp(prefix="mhauth-tls13.")
    cert_pem, key_pem, der = make_cert(tmp)
    cb = hashlib.sha256(der).digest()
    pcap = os.path.join(tmp, "cap.pcap")
    keylog = os.path.join(tmp, "keylog")
    td = subprocess.Popen(["tcpdump", "-Z", "root", "-i", "lo", "-U", "-n", "-w", pcap,
                           "tcp port %d or udp port %d" % (PORT, UDP_PORT)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)

    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.minimum_version = ssl.TLSVersion.TLSv1_3
    sctx.load_cert_chain(cert_pem, key_pem)
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", PORT))
    lsock.listen(1)
    srv = sctx.wrap_socket(lsock, server_side=True)
    ready = threading.Event()
    t = threading.Thread(target=hac, args=(srv, cb, ready))
    t.start()
    ready.wait()

    cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    cctx.minimum_version = ssl.TLSVersion.TLSv1_3
    cctx.load_verify_locations(cert_pem)
    cctx.keylog_filename = keylog
    with socket.create_connection(("127.0.0.1", PORT)) as raw:
        with cctx.wrap_socket(raw, server_hostname="hac.example.net") as s:
            mcb = hashlib.sha256(s.getpeercert(binary_form=True)).digest()
            assert mcb == cb
            s.sendall(message(1, [("mn-id", MN_ID), ("auth-method", "psk"), ("mn-rand", "5e" * 16)]))
            recv_msg(s)
            s.sendall(message(2, [("mn-id", MN_ID), ("mip6-suitelist", "{00,9C} {00,2F}")],
                              PSK, b"MN", mcb))
            done = recv_msg(s)
            assert b"status-code: 200" in done
    t.join()
    srv.close()

    # MN-HA traffic under the SA of the Done response (inner IPv6 echo)
    mn, ha = g.ip6("2001:db8:3::30"), g.ip6("2001:db8:3::1")
    um = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)     # the MN's care-of address
    um.bind(("127.0.0.2", UDP_PORT))
    uh = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)     # the HA
    uh.bind(("127.0.0.1", UDP_PORT))
    echo = g.icmp6_echo(mn, ha, 128, 0x0A13, 1, b"tls 1.3 chained")
    um.sendto(g.mnha_protect(SA, 0, g.C("MNHA_PTYPE_IP"), 1, echo, 41, bytes(range(8))),
              ("127.0.0.1", UDP_PORT))
    uh.recv(2000)
    reply = g.icmp6_echo(ha, mn, 129, 0x0A13, 1, b"tls 1.3 chained")
    uh.sendto(g.mnha_protect(SA, 1, g.C("MNHA_PTYPE_IP"), 1, reply, 41, bytes(range(8, 16))),
              ("127.0.0.2", UDP_PORT))
    um.recv(2000)
    um.close()
    uh.close()
    time.sleep(1)
    td.terminate()
    td.wait()

    os.makedirs(out, exist_ok=True)
    subprocess.run(["editcap", "-F", "pcap", pcap, os.path.join(out, "mhauth-tls13.pcap")], check=True)
    with open(os.path.join(out, "mhauth-tls13.keylog"), "w") as f:
        f.write(open(keylog).read())
    with open(os.path.join(out, "mhauth-tls13-hac.pem"), "w") as f:
        f.write(open(cert_pem).read())
    with open(os.path.join(out, "mhauth-tls13.json"), "w") as f:
        json.dump(dict(mn_id=MN_ID, psk=PSK.hex(), cb=cb.hex(), spi="0x%08x" % SA["spi"],
                       hoa=HOA, echo_id="0x%04x" % 0x0A13), f, indent=1)
        f.write("\n")
    print("gen_mhauth_tls13: wrote mhauth-tls13.{pcap,keylog,json} and mhauth-tls13-hac.pem to", out)


if __name__ == "__main__":
    main()
