# SPDX-License-Identifier: GPL-2.0-or-later
"""Small, slow, dependency-free crypto for building test captures.

AES (FIPS-197), AES-GCM (SP 800-38D), AES-CBC, AES-XCBC-MAC-96 (RFC 3566)
and HKDF-SHA256 (RFC 5869).  Only for generating test vectors of a few
hundred octets; every primitive checks itself against a published vector
in selftest().
"""

import hashlib
import hmac


def _xtime(a):
    a <<= 1
    return (a ^ 0x11B) if a & 0x100 else a


def _gmul8(a, b):
    r = 0
    while b:
        if b & 1:
            r ^= a
        a = _xtime(a)
        b >>= 1
    return r


def _make_sbox():
    sbox = [0] * 256
    for x in range(256):
        # multiplicative inverse in GF(2^8), 0 -> 0
        inv = 0
        if x:
            for y in range(1, 256):
                if _gmul8(x, y) == 1:
                    inv = y
                    break
        s = inv
        for i in range(1, 5):
            s ^= ((inv << i) | (inv >> (8 - i))) & 0xFF
        sbox[x] = s ^ 0x63
    return sbox


SBOX = _make_sbox()
INV_SBOX = [0] * 256
for _i, _v in enumerate(SBOX):
    INV_SBOX[_v] = _i


class AES:
    def __init__(self, key):
        if len(key) not in (16, 24, 32):
            raise ValueError("AES key must be 16, 24 or 32 octets")
        nk = len(key) // 4
        self.nr = nk + 6
        w = [list(key[4 * i:4 * i + 4]) for i in range(nk)]
        rcon = 1
        for i in range(nk, 4 * (self.nr + 1)):
            t = list(w[i - 1])
            if i % nk == 0:
                t = t[1:] + t[:1]
                t = [SBOX[b] for b in t]
                t[0] ^= rcon
                rcon = _xtime(rcon) & 0xFF
            elif nk > 6 and i % nk == 4:
                t = [SBOX[b] for b in t]
            w.append([a ^ b for a, b in zip(w[i - nk], t)])
        self.rk = [sum(w[4 * r:4 * r + 4], []) for r in range(self.nr + 1)]

    @staticmethod
    def _shift(s, inv=False):
        out = [0] * 16
        for c in range(4):
            for r in range(4):
                src = (c + r) % 4 if not inv else (c - r) % 4
                out[4 * c + r] = s[4 * src + r]
        return out

    @staticmethod
    def _mix(s, inv=False):
        m = (14, 11, 13, 9) if inv else (2, 3, 1, 1)
        out = [0] * 16
        for c in range(4):
            col = s[4 * c:4 * c + 4]
            for r in range(4):
                out[4 * c + r] = (_gmul8(col[0], m[(0 - r) % 4]) ^ _gmul8(col[1], m[(1 - r) % 4]) ^
                                  _gmul8(col[2], m[(2 - r) % 4]) ^ _gmul8(col[3], m[(3 - r) % 4]))
        return out

    def encrypt_block(self, b):
        s = [x ^ k for x, k in zip(b, self.rk[0])]
        for r in range(1, self.nr + 1):
            s = [SBOX[x] for x in s]
            s = self._shift(s)
            if r != self.nr:
                s = self._mix(s)
            s = [x ^ k for x, k in zip(s, self.rk[r])]
        return bytes(s)

    def decrypt_block(self, b):
        s = [x ^ k for x, k in zip(b, self.rk[self.nr])]
        for r in range(self.nr - 1, -1, -1):
            s = self._shift(s, inv=True)
            s = [INV_SBOX[x] for x in s]
            s = [x ^ k for x, k in zip(s, self.rk[r])]
            if r:
                s = self._mix(s, inv=True)
        return bytes(s)


def _xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


def cbc_encrypt(key, iv, pt):
    assert len(pt) % 16 == 0
    aes, prev, out = AES(key), iv, b""
    for i in range(0, len(pt), 16):
        prev = aes.encrypt_block(_xor(pt[i:i + 16], prev))
        out += prev
    return out


def _ghash_mul(x, y):
    R = 0xE1 << 120
    z, v = 0, y
    for i in range(127, -1, -1):
        if (x >> i) & 1:
            z ^= v
        v = (v >> 1) ^ R if v & 1 else v >> 1
    return z


def _ghash(h, aad, ct):
    hi = int.from_bytes(h, "big")
    y = 0

    def blocks(data):
        for i in range(0, len(data), 16):
            yield data[i:i + 16].ljust(16, b"\0")

    for blk in list(blocks(aad)) + list(blocks(ct)):
        y = _ghash_mul(y ^ int.from_bytes(blk, "big"), hi)
    lens = (len(aad) * 8).to_bytes(8, "big") + (len(ct) * 8).to_bytes(8, "big")
    y = _ghash_mul(y ^ int.from_bytes(lens, "big"), hi)
    return y.to_bytes(16, "big")


def gcm_encrypt(key, nonce, aad, pt):
    """Return ciphertext, tag (16 octets); 12-octet nonce."""
    assert len(nonce) == 12
    aes = AES(key)
    h = aes.encrypt_block(b"\0" * 16)
    j0 = nonce + b"\0\0\0\1"
    ct = b""
    ctr = 2
    for i in range(0, len(pt), 16):
        ks = aes.encrypt_block(nonce + ctr.to_bytes(4, "big"))
        ct += _xor(pt[i:i + 16], ks)
        ctr += 1
    tag = _xor(aes.encrypt_block(j0), _ghash(h, aad, ct))
    return ct, tag


def xcbc_mac_96(key, msg):
    aes = AES(key)
    k1 = aes.encrypt_block(b"\x01" * 16)
    k2 = aes.encrypt_block(b"\x02" * 16)
    k3 = aes.encrypt_block(b"\x03" * 16)
    a1 = AES(k1)
    e = b"\0" * 16
    n = max(1, (len(msg) + 15) // 16)
    for i in range(n):
        blk = msg[16 * i:16 * i + 16]
        if i == n - 1:
            if len(blk) == 16:
                blk = _xor(blk, k2)
            else:
                blk = _xor((blk + b"\x80").ljust(16, b"\0"), k3)
        e = a1.encrypt_block(_xor(e, blk))
    return e[:12]


def hkdf_sha256(ikm, salt, info, length):
    if not salt:
        salt = b"\0" * 32
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    out, t, ctr = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([ctr]), hashlib.sha256).digest()
        out += t
        ctr += 1
    return out[:length]


_P25519 = 2 ** 255 - 19


def x25519(k, u):
    """RFC 7748 X25519."""
    k = bytearray(k)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    k = int.from_bytes(bytes(k), "little")
    x1 = int.from_bytes(u, "little") & ((1 << 255) - 1)
    x2, z2, x3, z3, swap = 1, 0, x1, 1, 0
    for t in reversed(range(255)):
        kt = (k >> t) & 1
        swap ^= kt
        if swap:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = kt
        a, b = x2 + z2, x2 - z2
        aa, bb = a * a % _P25519, b * b % _P25519
        e = (aa - bb) % _P25519
        c, d = x3 + z3, x3 - z3
        da, cb = d * a % _P25519, c * b % _P25519
        x3 = (da + cb) ** 2 % _P25519
        z3 = x1 * (da - cb) ** 2 % _P25519
        x2 = aa * bb % _P25519
        z2 = e * (aa + 121665 * e) % _P25519
    if swap:
        x2, x3, z2, z3 = x3, x2, z3, z2
    return (x2 * pow(z2, _P25519 - 2, _P25519) % _P25519).to_bytes(32, "little")


def x25519_pub(k):
    return x25519(k, bytes([9]) + bytes(31))


def selftest():
    k = bytes(range(16))
    assert AES(k).encrypt_block(bytes.fromhex("00112233445566778899aabbccddeeff")).hex() == \
        "69c4e0d86a7b0430d8cdb78070b4c55a"
    assert AES(bytes(range(32))).encrypt_block(bytes.fromhex("00112233445566778899aabbccddeeff")).hex() == \
        "8ea2b7ca516745bfeafc49904b496089"
    assert AES(k).decrypt_block(bytes.fromhex("69c4e0d86a7b0430d8cdb78070b4c55a")).hex() == \
        "00112233445566778899aabbccddeeff"
    ct, tag = gcm_encrypt(b"\0" * 16, b"\0" * 12, b"", b"\0" * 16)
    assert ct.hex() == "0388dace60b6a392f328c2b971b2fe78", ct.hex()
    assert tag.hex() == "ab6e47d42cec13bdf53a67b21257bddf", tag.hex()
    assert xcbc_mac_96(k, b"").hex() == "75f0251d528ac01c4573dfd5"
    assert xcbc_mac_96(k, bytes(range(3))).hex() == "5b376580ae2f19afe7219cee"
    assert x25519(bytes.fromhex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                  bytes.fromhex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")).hex() == \
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"
    # RFC 5869 test case 1
    okm = hkdf_sha256(bytes.fromhex("0b" * 22), bytes.fromhex("000102030405060708090a0b0c"),
                      bytes.fromhex("f0f1f2f3f4f5f6f7f8f9"), 42)
    assert okm.hex().startswith("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")


if __name__ == "__main__":
    selftest()
    print("ok")
