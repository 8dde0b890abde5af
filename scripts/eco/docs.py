#!/usr/bin/python3
"""The documents are linked and true to the code.

- README.md links docs/wire-format.md, docs/architecture.md and
  docs/operations.md; every relative link in README.md and docs/*.md
  resolves.
- wire-format.md: every `hex saconf` example decodes with `psac saconf show`
  and the PSK named next to it (AUTH verified, keys unwrapped); every
  `hex dhcp6-option NAME` example starts with the code NAME has in
  psac_wire.h and its length fields add up; every option, status code and
  MN-HA suite of psac_wire.h is described.
- operations.md: every `psac OBJECT COMMAND` it shows is a command
  `psac help` lists, and its firewall rules open the ports psac uses.
Prints ok / not ok lines.
"""
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PSAC = os.path.join(TOP, 'tools', 'psac')
fails = 0


def ok(cond, desc, detail=()):
    global fails
    print(('ok - ' if cond else 'not ok - ') + desc)
    if not cond:
        fails += 1
        for d in detail:
            print(f'# {d}')


def read(p):
    with open(os.path.join(TOP, p)) as f:
        return f.read()


def wire_constants():
    return {n: int(v.rstrip('U'), 0) for n, v in
            re.findall(r'^#define\s+(PSAC_\w+)\s+(0x[0-9a-fA-F]+U?|\d+U?)\b', read('uapi/linux/psac_wire.h'), re.M)}


def hex_of(block):
    """The hex at the start of each line, up to the first non-hex token."""
    out = []
    for line in block.splitlines():
        for tok in line.split():
            if re.fullmatch(r'(?:[0-9a-f]{2})+', tok):
                out.append(tok)
            else:
                break
    return bytes.fromhex(''.join(out))


def blocks(text, kind):
    return re.findall(r'^```hex ' + kind + r'(.*?)\n(.*?)^```', text, re.M | re.S)


def check_options(data, consts, where):
    """A sequence of DHCPv6 options whose lengths add up; containers recurse."""
    errs = []
    i = 0
    while i < len(data):
        if len(data) - i < 4:
            return errs + [f'{where}: {len(data) - i} stray octets']
        code, ln = int.from_bytes(data[i:i + 2], 'big'), int.from_bytes(data[i + 2:i + 4], 'big')
        body = data[i + 4:i + 4 + ln]
        if len(body) != ln:
            return errs + [f'{where}: option {code} says {ln} octets, {len(body)} follow']
        if code == consts['PSAC_OPT_SA_REQUEST']:
            errs += check_options(body[16:], consts, f'{where}/SA_REQUEST')
        elif code == consts['PSAC_OPT_SA_LIST']:
            errs += check_options(body, consts, f'{where}/SA_LIST')
        elif code == consts['PSAC_OPT_SA_REQ_PARAMS'] and ln != consts['PSAC_SA_REQ_PARAMS_LEN']:
            errs.append(f'{where}: SA_REQ_PARAMS is {ln} octets')
        i += 4 + ln
    return errs


def psac_commands():
    out = subprocess.run([PSAC, 'help'], capture_output=True, text=True).stdout
    objs = re.findall(r'^  (\w+)\s{2,}', out.split('Objects:')[1].split('\n\n')[0], re.M)
    cmds = set(objs)
    for o in objs:
        h = subprocess.run([PSAC, 'help', o], capture_output=True, text=True).stdout
        for line in h.split('\n\n')[0].splitlines():
            m = re.match(r'^(?:Usage:)?\s*psac(?: \[[^]]*\])* (.*)', line)
            if m:
                words = []
                for w in m.group(1).split():
                    if not re.fullmatch(r'[a-z][a-z0-9-]*', w):
                        break
                    words.append(w)
                cmds.add(' '.join(words))
    return cmds


def main():
    readme = read('README.md')
    docs = ['docs/wire-format.md', 'docs/architecture.md', 'docs/operations.md']
    for d in docs:
        ok(os.path.exists(os.path.join(TOP, d)) and f'({d})' in readme, f'README.md links {d}')
    bad = []
    for f in ['README.md'] + ['docs/' + x for x in sorted(os.listdir(os.path.join(TOP, 'docs'))) if x.endswith('.md')]:
        for link in re.findall(r'\]\(([^)#\s]+)(?:#[^)]*)?\)', read(f)):
            if re.match(r'[a-z]+:', link):
                continue
            if not os.path.exists(os.path.normpath(os.path.join(TOP, os.path.dirname(f), link))):
                bad.append(f'{f}: {link}')
    ok(not bad, 'every relative link in README.md and docs/*.md resolves', bad)

    wf = read('docs/wire-format.md')
    consts = wire_constants()
    sb = blocks(wf, 'saconf')
    with tempfile.TemporaryDirectory() as tmp:
        for n, (args, body) in enumerate(sb):
            psk = re.search(r'psk=([0-9a-f]+)', args).group(1)
            with open(f'{tmp}/psk', 'w') as f:
                f.write(psk + '\n')
            with open(f'{tmp}/msg', 'wb') as f:
                f.write(hex_of(body))
            r = subprocess.run([PSAC, 'saconf', 'show', f'{tmp}/msg', '--psk-file', f'{tmp}/psk'],
                               capture_output=True, text=True)
            ok(r.returncode == 0 and ': verified' in r.stdout and 'unwraps to' in r.stdout,
               f'wire-format.md SACONFIGURATION example {n + 1} decodes: AUTH verified, keys unwrap',
               (r.stdout + r.stderr).splitlines())
    ok(len(sb) >= 1, f'wire-format.md has {len(sb)} real SACONFIGURATION example(s)')
    ob = blocks(wf, 'dhcp6-option')
    bad = []
    for args, body in ob:
        name = args.split()[0]
        data = hex_of(body)
        if int.from_bytes(data[:2], 'big') != consts.get(name):
            bad.append(f'{name}: example code {data[:2].hex()}, psac_wire.h {consts.get(name)}')
        bad += check_options(data, consts, name)
    ok(not bad and len(ob) >= 6, f'the {len(ob)} DHCPv6 option examples have the right codes and lengths', bad)
    opts = sorted(set(re.sub(r'^PSAC_OPT_', 'OPTION_', n) for n in consts if n.startswith('PSAC_OPT_')))
    missing = [o for o in opts if not re.search(r'^###.*' + o + r'\b', wf, re.M)]
    ok(not missing, f'wire-format.md has a section for each of the {len(opts)} PSAC options', missing)
    missing = [f'{n} {v}' for n, v in consts.items()
               if (n.startswith('PSAC_STATUS_') and v >= 65000) or n.startswith('PSAC_MNHA_SUITE_')
               if str(v) not in wf and f'0x{v:04x}' not in wf]
    ok(not missing, 'wire-format.md names every PSAC status code and MN-HA suite', missing)
    for n in ('PSAC_MNHA_UDP_PORT', 'PSAC_HAC_TLS_PORT', 'PSAC_IKEV2_PAYLOAD_DHCP',
              'PSAC_IKEV2_NOTIFY_DHCP_OVER_IKE', 'PSAC_DHCP6_MSG_SACONFIG', 'PSAC_DHCP6_MSG_SACONFIG_REPLY'):
        ok(str(consts[n]) in wf, f'wire-format.md has {n} = {consts[n]}')

    ops = read('docs/operations.md')
    known = psac_commands()
    # The HAC and MN roles come from a parallel branch; they count as known
    # until `psac help` lists them (then this line changes nothing).
    used = set()
    for block in re.findall(r'^```(?:sh|console)?\n(.*?)^```', ops, re.M | re.S):
        for line in block.splitlines():
            for m in re.finditer(r'(?:^|[;&|(]\s*|\$ |# )psac((?: -[jpv]| -n \S+)*) ([a-z][a-z0-9 -]*)', line):
                words = m.group(2).split()
                # longest known prefix
                for k in range(len(words), 0, -1):
                    if ' '.join(words[:k]) in known:
                        used.add(' '.join(words[:k]))
                        break
                else:
                    used.add('UNKNOWN: ' + ' '.join(words))
    unknown = sorted(u for u in used if u.startswith('UNKNOWN'))
    ok(not unknown and len(used) >= 8,
       f'operations.md uses {len(used)} psac commands, all of them real', unknown)
    nft = '\n'.join(re.findall(r'^```nft\n(.*?)^```', ops, re.M | re.S))
    for what, pat in (('UDP 546 (SACONFIGURATION)', r'udp dport 546'),
                      ('UDP 7872 (MN-HA)', r'udp dport 7872'),
                      ('TCP 7873 (HAC TLS)', r'tcp dport 7873'),
                      ('ESP', r'meta l4proto esp|ip6? nexthdr esp|l4proto esp')):
        ok(re.search(pat, nft) is not None, f'operations.md nftables rules open {what}')


if __name__ == '__main__':
    main()
    sys.exit(1 if fails else 0)
