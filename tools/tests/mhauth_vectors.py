#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""Independent reference (Python standard library only: hmac, hashlib,
struct) of the MHAuth vectors hard-coded in tests/test_mhauth.c:
the container and header encoding of docs/wire-format.md section 3 and
auth = HMAC-SHA256(PSK, label | msg-octets | CB), CB the RFC 5929
tls-server-endpoint hash of the certificate (SHA-256 for an
ecdsa-with-SHA256 certificate, SHA-384 for ecdsa-with-SHA384).

The two certificates are self-signed P-256 ones made once with
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -outform DER -days 3650 -subj /CN=hac.example.net -sha256   (-sha384)
Prints "name (N octets):" blocks of quoted hex, read by test_vectors.sh."""
import hashlib
import hmac
import struct

CERT_SHA256 = bytes.fromhex("308201893082012fa0030201020214640b219a34a60f370cf2ed0fb375e38e9f3f5faf300a06082a8648ce3d040302301a3118301606035504030c0f6861632e6578616d706c652e6e6574301e170d3236313132323135303932305a170d3336313131393135303932305a301a3118301606035504030c0f6861632e6578616d706c652e6e65743059301306072a8648ce3d020106082a8648ce3d03010703420004eeb7e1cbec35759e230fbd90ccaa99b6908c35fc02a393d1d93941de2ab10c2032356aeb03496774682cee2930474e89f5d4f1a8ecb588973fc4f1eb1b7b17eca3533051301d0603551d0e041604144309a3f035526fee7202053022d041a8af198239301f0603551d230418301680144309a3f035526fee7202053022d041a8af198239300f0603551d130101ff040530030101ff300a06082a8648ce3d0403020348003045022100b8cbeef80ec1816d9cbe7623077370395d88c3666941f6043726735859a7608c02200e44790a3a873974087b04e5efdcd6f4b85dc01bae80ef2fec8a8884af3e51cb")
CERT_SHA384 = bytes.fromhex("308201773082011da0030201020214080b332b5375549aab3f16339f1deabc67c16c0a300a06082a8648ce3d0403033011310f300d06035504030c06686163333834301e170d3236313132323135303932305a170d3336313131393135303932305a3011310f300d06035504030c066861633338343059301306072a8648ce3d020106082a8648ce3d03010703420004d4ebfe79ad0b212065b6eae3b168d448d9aaec9e75b75ea72307136a2aa618943f56cd6809a0bed2919dfd3ab870583e069ab73fcc891cbd999a49bdd5a9fa3ba3533051301d0603551d0e0416041476d1e9b1a3941b689bfdf8240194d9b75cd28bab301f0603551d2304183016801476d1e9b1a3941b689bfdf8240194d9b75cd28bab300f0603551d130101ff040530030101ff300a06082a8648ce3d0403030348003045022100ecd1ceea9dc3432223ff5d39e35ba9093083f63d91e24a10549c30c897beb7a402204e4965fa6485f71585c3fd883402aeec9bb15f11ec008fe2f45633b80578178d")
PSK = bytes(range(0x20, 0x40))
MN_RAND = bytes(range(0x00, 0x10))
HAC_RAND = bytes(range(0x10, 0x20))


def lines(headers):
    return b"".join(("%s: %s\r\n" % (n, v)).encode() for n, v in headers)


def msg(ident, headers, label=None, cb=b""):
    body = lines(headers)
    if label is not None:
        mac = hmac.new(PSK, label + body + cb, hashlib.sha256).hexdigest()
        body += lines([("auth", mac)])
    body += b"\r\n"
    return struct.pack("!BBH", 0, ident, len(body)) + body


def show(name, data):
    print("%s (%d octets):" % (name, len(data)))
    h = data.hex()
    for i in range(0, len(h), 64):
        print('\t"%s"' % h[i:i + 64])


def main():
    cb256 = hashlib.sha256(CERT_SHA256).digest()
    cb384 = hashlib.sha384(CERT_SHA384).digest()
    show("mhauth cb sha256", cb256)
    show("mhauth cb sha384", cb384)
    show("mhauth init request", msg(1, [("mn-id", "mn1@example.net"),
                                         ("auth-method", "psk"),
                                         ("mn-rand", MN_RAND.hex())]))
    show("mhauth done request", msg(2, [("mn-id", "mn1@example.net"),
                                         ("mn-rand", MN_RAND.hex()),
                                         ("hac-rand", HAC_RAND.hex()),
                                         ("mip6-suitelist", "{00,9c} {00,2f}")],
                                     b"MN", cb256))
    show("mhauth done response", msg(2, [
        ("status-code", "200"),
        ("mip6-spi", "0x1234567"),
        ("mip6-ciphersuite", "{00,2f}"),
        ("mip6-mn-to-ha-ekey", bytes(range(0x80, 0x90)).hex()),
        ("mip6-mn-to-ha-ikey", bytes(range(0x40, 0x54)).hex()),
        ("mip6-ha-to-mn-ekey", bytes(range(0xa0, 0xb0)).hex()),
        ("mip6-ha-to-mn-ikey", bytes(range(0x60, 0x74)).hex()),
        ("mip6-sa-validity-end", "4102444800"),
        ("mip6-sas", "1"),
        ("mip6-haa-ip6", "2001:0db8:0001:0000:0000:0000:0000:0001"),
        ("mip6-port", "7872"),
        ("mip6-ip6-hoa", "2001:0db8:0100:0000:0000:0000:0000:0010"),
        ("mip6-ip4-hoa", "10.100.0.10"),
        ("mip6-ip6-hnp", "2001:0db8:0100:0000:0000:0000:0000:0000/64")],
        b"HAC", cb384))


if __name__ == "__main__":
    main()
