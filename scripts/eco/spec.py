#!/usr/bin/python3
"""uapi/psac.yaml agrees with uapi/linux/psac.h and the kernel module.

1. The spec validates against the schema its protocol names (genetlink-legacy:
   6.12's genetlink-c lacks uns-admin-perm) in linux-source-6.12.
2. ynl-gen-c.py (6.12) renders a uAPI header from it; every constant of
   that header exists in psac.h with the same value and vice versa (the
   *_UNSPEC placeholders aside), compiled with the C compiler.
3. Attribute by attribute: the type in the spec matches the type comment in
   psac.h, the kernel's nla_policy (type, min/max, lengths, nests) and what
   the kernel puts into replies; read-only (NLA_REJECT) attributes are
   never in a request; every spec attribute is accepted or emitted.
4. Command by command: do/dump/admin-perm match the genl_ops table; each
   event is sent by the kernel; multicast groups match, in order.
Prints ok / not ok lines.
"""
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = os.environ.get('PSAC_CACHE', '/var/cache/psac')
fails = 0


def ok(cond, desc, detail=None):
    global fails
    if cond:
        print(f'ok - {desc}')
    else:
        fails += 1
        print(f'not ok - {desc}')
        for line in (detail or []):
            print(f'# {line}')
    return cond


def ynl_tree():
    """tools/net/ynl and Documentation/netlink of linux-source-6.12."""
    ver = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'linux-source-6.12'],
                         capture_output=True, text=True).stdout.strip()
    if not ver:
        return None
    d = f'{CACHE}/ynl-{ver}'
    if not os.path.exists(f'{d}/.done'):
        os.makedirs(d, exist_ok=True)
        subprocess.run(['tar', 'xJf', '/usr/src/linux-source-6.12.tar.xz', '-C', d,
                        '--strip-components=1', 'linux-source-6.12/tools/net/ynl',
                        'linux-source-6.12/Documentation/netlink'], check=True)
        open(f'{d}/.done', 'w').close()
    return d


def read(path):
    with open(os.path.join(TOP, path)) as f:
        return f.read()


def c_constants(header_text):
    """Names of the enum members and defines of a uAPI header."""
    body = re.sub(r'/\*.*?\*/', '', header_text, flags=re.S)
    names = set(re.findall(r'^#define\s+(PSAC_\w+)\s+\S', body, re.M))
    for block in re.findall(r'enum\s*\w*\s*\{(.*?)\}', body, re.S):
        for m in re.finditer(r'^\s*(_*PSAC_\w+)', block, re.M):
            names.add(m.group(1))
    names.discard('_UAPI_LINUX_PSAC_H')
    return names


def c_values(header_path, names, strings, tmp):
    """Compile a program against header_path that prints each constant."""
    src = os.path.join(tmp, 'v.c')
    with open(src, 'w') as f:
        f.write(f'#include <stdio.h>\n#include "{header_path}"\nint main(void) {{\n')
        for n in sorted(names):
            if n in strings:
                f.write(f'\tprintf("%s \\"%s\\"\\n", "{n}", {n});\n')
            else:
                f.write(f'\tprintf("%s %lld\\n", "{n}", (long long)({n}));\n')
        f.write('\treturn 0;\n}\n')
    exe = os.path.join(tmp, 'v')
    subprocess.run(['cc', '-Wall', '-Werror', '-o', exe, src], check=True)
    out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    return dict(line.split(' ', 1) for line in out.splitlines())


def cname(prefix, name):
    return (prefix + name).upper().replace('-', '_')


def main():
    spec = yaml.safe_load(read('uapi/psac.yaml'))
    hdr = read('uapi/linux/psac.h')
    ynl = ynl_tree()
    if not ok(ynl is not None, 'linux-source-6.12 is installed (ynl tools and schemas)'):
        return
    proto = spec.get('protocol', 'genetlink')
    with open(f'{ynl}/Documentation/netlink/{proto}.yaml') as f:
        schema = yaml.safe_load(f)
    try:
        jsonschema.validate(spec, schema)
        ok(True, f'psac.yaml validates against the 6.12 {proto} schema')
    except jsonschema.ValidationError as e:
        ok(False, f'psac.yaml validates against the 6.12 {proto} schema',
           str(e).splitlines()[:8])

    # --- 2. constants through the kernel's generator --------------------
    with tempfile.TemporaryDirectory() as tmp:
        # ynl-gen-c.py wants a kernel tree: MAINTAINERS at the root, the
        # schemas next to specs/.
        nl = f'{tmp}/Documentation/netlink'
        os.makedirs(f'{nl}/specs')
        open(f'{tmp}/MAINTAINERS', 'w').close()
        for s in os.listdir(f'{ynl}/Documentation/netlink'):
            if s.endswith('.yaml'):
                os.symlink(f'{ynl}/Documentation/netlink/{s}', f'{nl}/{s}')
        with open(f'{nl}/specs/psac.yaml', 'w') as f:
            f.write(read('uapi/psac.yaml'))
        gen = f'{tmp}/psac-gen.h'
        r = subprocess.run([sys.executable, f'{ynl}/tools/net/ynl/ynl-gen-c.py',
                            '--mode', 'uapi', '--header', '--spec',
                            f'{nl}/specs/psac.yaml', '-o', gen],
                           capture_output=True, text=True, cwd=tmp, timeout=120)
        if not ok(r.returncode == 0 and os.path.exists(gen),
                  'ynl-gen-c.py (6.12) renders a uAPI header from psac.yaml',
                  (r.stdout + r.stderr).splitlines()[-10:]):
            return
        with open(gen) as f:
            gtext = f.read()
        gnames, hnames = c_constants(gtext), c_constants(hdr)
        extra = sorted(n for n in hnames - gnames if not n.endswith('_UNSPEC'))
        ok(not extra, f'every constant of psac.h is in the spec ({len(hnames)} constants)',
           [f'only in psac.h: {n}' for n in extra])
        missing = sorted(gnames - hnames)
        ok(not missing, f'every constant the spec generates is in psac.h ({len(gnames)})',
           [f'only in the spec: {n}' for n in missing])
        strings = set(re.findall(r'#define\s+(PSAC_\w+)\s+"', hdr))
        common = gnames & hnames
        gv = c_values(gen, common, strings, tmp)
        hv = c_values(os.path.join(TOP, 'uapi/linux/psac.h'), common, strings, tmp)
        diff = [f'{n}: header {hv[n]}, spec {gv[n]}' for n in sorted(common) if gv[n] != hv[n]]
        ok(not diff, f'the {len(common)} common constants have the same values', diff)
        hvals = {k: int(v) for k, v in c_values(os.path.join(TOP, 'uapi/linux/psac.h'),
                                                   hnames - strings, strings, tmp).items()}
    compare_attributes(spec, hdr, hvals)
    compare_operations(spec, hvals)


# --- 3. attributes -----------------------------------------------------------
POLICY_SET = {}       # kernel policy array name -> spec attribute set


def kernel_sources():
    out = {}
    for d, _, files in os.walk(os.path.join(TOP, 'kmod')):
        if '/tests' in d:
            continue
        for fn in files:
            if fn.endswith(('.c', '.h')):
                with open(os.path.join(d, fn)) as f:
                    out[os.path.relpath(os.path.join(d, fn), TOP)] = f.read()
    return out


def resolve(expr, hvals, defines):
    expr = expr.strip()
    sizes = {'sizeof(struct in6_addr)': 16, 'sizeof(__be32)': 4, 'sizeof(struct in_addr)': 4}
    if expr in sizes:
        return sizes[expr]
    if expr in hvals:
        return hvals[expr]
    if expr in defines:
        return resolve(defines[expr], hvals, defines)
    return int(expr.rstrip('Uu'), 0)


def parse_policies(src, hvals, defines):
    """{policy name: {attr const: (type, checks, nested policy)}}"""
    pols = {}
    for m in re.finditer(r'nla_policy\s+(\w+)\s*\[[^\]]*\]\s*=\s*\{(.*?)\n\};', src, re.S):
        entries = {}
        body = m.group(2)
        for e in re.finditer(r'\[(PSAC_\w+)\]\s*=\s*(.*?),\s*(?=\n\s*\[|\s*$)', body, re.S):
            attr, val = e.group(1), ' '.join(e.group(2).split())
            checks, nested = {}, None
            if mm := re.match(r'NLA_POLICY_NESTED\((\w+)\)', val):
                typ, nested = 'NLA_NESTED', mm.group(1)
            elif mm := re.match(r'NLA_POLICY_(MAX|MIN)\((\w+),\s*(.+)\)$', val):
                typ = mm.group(2)
                checks[mm.group(1).lower()] = resolve(mm.group(3), hvals, defines)
            elif mm := re.match(r'NLA_POLICY_RANGE\((\w+),\s*([^,]+),\s*(.+)\)$', val):
                typ = mm.group(1)
                lo, hi = (resolve(x, hvals, defines) for x in mm.group(2, 3))
                checks.update({'min-len': lo, 'max-len': hi} if typ == 'NLA_BINARY'
                              else {'min': lo, 'max': hi})
            elif mm := re.match(r'NLA_POLICY_EXACT_LEN\((.+)\)$', val):
                typ = 'NLA_BINARY'
                checks['exact-len'] = resolve(mm.group(1), hvals, defines)
            elif mm := re.match(r'NLA_POLICY_FULL_RANGE\((\w+),\s*&(\w+)\)', val):
                typ = mm.group(1)
                rng = re.search(mm.group(2) + r'\s*=\s*\{(.*?)\}', src, re.S).group(1)
                for k in ('min', 'max'):
                    checks[k] = resolve(re.search(r'\.' + k + r'\s*=\s*([^,\n]+)', rng).group(1),
                                        hvals, defines)
            elif mm := re.match(r'\{\s*\.type\s*=\s*(\w+)\s*(?:,\s*\.len\s*=\s*([^,}]+?))?\s*,?\s*\}', val):
                typ = mm.group(1)
                if mm.group(2):
                    checks['max-len'] = resolve(mm.group(2), hvals, defines)
            else:
                typ = f'unparsed: {val}'
            entries[attr] = (typ, checks, nested)
        pols[m.group(1)] = entries
    return pols


NLA_TO_SPEC = {'NLA_U8': 'u8', 'NLA_U16': 'u16', 'NLA_U32': 'u32', 'NLA_U64': 'u64',
               'NLA_FLAG': 'flag', 'NLA_BINARY': 'binary', 'NLA_NUL_STRING': 'string',
               'NLA_STRING': 'string', 'NLA_NESTED': 'nest'}
PUT_TO_SPEC = {'u8': 'u8', 'u16': 'u16', 'u32': 'u32', 'u64_64bit': 'u64', 'string': 'string',
               'in6_addr': 'binary', 'in_addr': 'binary', 'flag': 'flag', '': 'binary'}


def compare_attributes(spec, hdr, hvals):
    sets = {s['name']: s for s in spec['attribute-sets']}
    by_const = {}                         # C name -> (set, attribute)
    for s in spec['attribute-sets']:
        for a in s['attributes']:
            by_const[cname(s['name-prefix'], a['name'])] = (s, a)
    enum_set = {s['enum-name'].replace('-', '_'): s['name'] for s in spec['attribute-sets']}

    # header comments: "PSAC_X_A_Y, /* u64: ... */"
    bad = []
    n = 0
    block = None                          # "/* ... (u64), ... */" over a group
    for m in re.finditer(r'^\s*(?:(PSAC_\w+_A_\w+|PSAC_A_\w+),\s*)?/\*\s*([^*]*?)\s*\*/', hdr, re.M):
        c, comment = m.groups()
        if c is None:
            bm = re.search(r'\((u8|u16|u32|u64)\)', comment)
            block = bm.group(1) if bm else None
            continue
        if re.split(r'[:,\s]', comment)[0] not in ('u8', 'u16', 'u32', 'u64', 'binary',
                                                   'string', 'flag', 'nest'):
            if block is None:
                bad.append(f'{c}: psac.h does not document its type')
                continue
            comment = block
        if c not in by_const:
            bad.append(f'{c}: not in the spec')
            continue
        n += 1
        s, a = by_const[c]
        word = re.split(r'[:,\s]', comment)[0]
        want = {'binary': 'binary', 'string': 'string', 'flag': 'flag', 'nest': 'nest'}.get(word, word)
        if a['type'] != want:
            bad.append(f'{c}: header says {word}, spec {a["type"]}')
        if word == 'nest':
            inner = comment.split(':', 1)[1].split()[0]
            if enum_set.get(inner) != a.get('nested-attributes'):
                bad.append(f'{c}: header nests {inner}, spec {a.get("nested-attributes")}')
        if 'in6_addr' in comment and a.get('checks', {}).get('exact-len') != 16:
            bad.append(f'{c}: in6_addr but spec exact-len is not 16')
        if 'in_addr' in comment and 'in6_addr' not in comment and \
                a.get('checks', {}).get('exact-len') != 4:
            bad.append(f'{c}: in_addr but spec exact-len is not 4')
    ok(not bad and n > 50, f'each of the {n} attributes has the type psac.h documents', bad)

    srcs = kernel_sources()
    allsrc = '\n'.join(srcs.values())
    defines = dict(re.findall(r'^#define\s+(PSAC_\w+)\s+(\S+)', allsrc + read('uapi/linux/psac_wire.h'), re.M))
    pols = {}
    for text in srcs.values():
        pols.update(parse_policies(text, hvals, defines))
    # Which policy is which set: the nest that names it, or the family policy.
    for pol, entries in pols.items():
        for c, (typ, _, nested) in entries.items():
            if nested:
                POLICY_SET[nested] = by_const[c][1]['nested-attributes']
    POLICY_SET['psac_genl_policy'] = 'psac'
    ok(set(POLICY_SET.values()) >= {'psac', 'psk', 'tcfg', 'tsa', 'mdev', 'msa'},
       'found the kernel policy of the family and of every request nest',
       [f'policies: {sorted(pols)}'])

    requested = set()                     # (set, attr) that may appear in a request
    for op in spec['operations']['list']:
        for sub in ('do', 'dump'):
            for a in op.get(sub, {}).get('request', {}).get('attributes', []):
                requested.add((op['attribute-set'], a))

    bad = []
    accepted = set()
    n = 0
    for pol, entries in pols.items():
        sname = POLICY_SET.get(pol)
        if not sname:
            bad.append(f'policy {pol}: no attribute set nests it')
            continue
        for c, (typ, checks, nested) in entries.items():
            n += 1
            s, a = by_const.get(c, (None, None))
            if not a or s['name'] != sname:
                bad.append(f'{pol}[{c}]: not an attribute of set {sname} in the spec')
                continue
            if typ == 'NLA_REJECT':
                if (sname, a['name']) in requested:
                    bad.append(f'{c}: the kernel rejects it but the spec lists it in a request')
                continue
            accepted.add(c)
            want = NLA_TO_SPEC.get(typ, typ)
            if a['type'] != want:
                bad.append(f'{c}: policy {typ}, spec {a["type"]}')
            if nested and POLICY_SET.get(nested) != a.get('nested-attributes'):
                bad.append(f'{c}: policy nests {nested}, spec {a.get("nested-attributes")}')
            schecks = {k: (resolve(cname('psac-', v), hvals, defines) if isinstance(v, str) else v)
                       for k, v in a.get('checks', {}).items()}
            if schecks != checks:
                bad.append(f'{c}: policy checks {checks}, spec checks {schecks}')
    ok(not bad and n > 40, f'the {n} kernel policy entries match the spec (type, checks, nests, read-only)', bad)

    # What the kernel emits.
    puts = {}
    for m in re.finditer(r'nla_put(?:_(\w+?))?\(\s*\w+,\s*(PSAC_\w+)', allsrc):
        puts.setdefault(m.group(2), set()).add(PUT_TO_SPEC.get(m.group(1) or '', m.group(1)))
    for m in re.finditer(r'nla_nest_start\(\s*\w+,\s*(PSAC_\w+)', allsrc):
        puts.setdefault(m.group(1), set()).add('nest')
    for m in re.finditer(r'PSAC_STAT\((PSAC_\w+),', allsrc):
        puts.setdefault(m.group(1), set()).add('u64')
    drop_tbl = re.search(r'psac_mdev_drop_attr\[[^\]]*\]\s*=\s*\{(.*?)\};', allsrc, re.S)
    for c in re.findall(r'=\s*(PSAC_MDEV_A_\w+)', drop_tbl.group(1) if drop_tbl else ''):
        puts.setdefault(c, set()).add('u64')
    bad = []
    for c, types in sorted(puts.items()):
        if c not in by_const:
            continue                      # PSAC_*_A_UNSPEC / PAD used as padattr
        a = by_const[c][1]
        if types != {a['type']}:
            bad.append(f'{c}: the kernel puts {sorted(types)}, spec says {a["type"]}')
    emitted = {c for c in puts if c in by_const}
    ok(not bad and len(emitted) > 60, f'the {len(emitted)} attributes the kernel emits have the spec type', bad)
    dead = sorted(c for c, (s, a) in by_const.items()
                  if a['type'] != 'pad' and c not in accepted and c not in emitted)
    ok(not dead, 'every spec attribute is accepted or emitted by the kernel',
       [f'{c}: neither in a policy nor put' for c in dead])


def func_body(src, name):
    m = re.search(r'^\w[^\n;]*\b' + name + r'\([^;{]*\)\s*\{(.*?)\n\}', src, re.S | re.M)
    return m.group(1) if m else ''


def sends_on(src, cmd, idx):
    """cmd is put into a message in a function that multicasts on idx, or
    passed to one that does."""
    for m in re.finditer(r'(\w+)\([^;()]*?\b' + cmd + r'\b', src):
        callee = m.group(1)
        if callee == 'genlmsg_put':
            # the enclosing function
            start = src.rfind('\n{', 0, m.start())
            end = src.find('\n}', m.start())
            if idx in src[start:end]:
                return True
        elif idx in func_body(src, callee):
            return True
    return False


# --- 4. operations and groups --------------------------------------------------
def compare_operations(spec, hvals):
    src = read('kmod/netlink.c')
    kops = {}
    for m in re.finditer(r'\{\s*\.cmd\s*=\s*(PSAC_CMD_\w+),(.*?)\}', src, re.S):
        body = m.group(2)
        kops[m.group(1)] = {'do': '.doit' in body, 'dump': '.dumpit' in body,
                            'perm': ('uns-admin-perm' if 'GENL_UNS_ADMIN_PERM' in body
                                     else 'admin-perm' if 'GENL_ADMIN_PERM' in body
                                     else None)}
    prefix = spec['operations']['name-prefix']
    bad = []
    sops = {}
    allsrc = '\n'.join(kernel_sources().values())
    for op in spec['operations']['list']:
        c = cname(prefix, op['name'])
        if 'event' in op:
            if c in kops:
                bad.append(f'{c}: an event in the spec but a request op in the kernel')
            if not re.search(r'\b' + c + r'\b', allsrc.replace(src, '')):
                bad.append(f'{c}: the kernel never sends this event')
            continue
        sops[c] = {'do': 'do' in op, 'dump': 'dump' in op,
                   'perm': next((f for f in op.get('flags', [])
                                 if f in ('admin-perm', 'uns-admin-perm')), None)}
    for c in sorted(set(kops) | set(sops)):
        if kops.get(c) != sops.get(c):
            bad.append(f'{c}: kernel {kops.get(c)}, spec {sops.get(c)}')
    ok(not bad, f'the {len(kops)} kernel ops and the spec agree on do/dump/permission flag, events are sent', bad)

    # Multicast groups, in the kernel's order; events name the group they use.
    kgroups = re.findall(r'\[PSAC_MCGRP_(\w+)_IDX\]\s*=\s*\{\s*\.name\s*=\s*(PSAC_MCGRP_\w+)', src)
    hdr = read('uapi/linux/psac.h')
    names = dict(re.findall(r'#define\s+(PSAC_MCGRP_\w+)\s+"(\w+)"', hdr))
    kn = [names.get(c) for _, c in kgroups]
    sn = [g['name'] for g in spec['mcast-groups']['list']]
    ok(kn == sn and len(sn) == 2, f'multicast groups agree, in order: {sn}', [f'kernel {kn}'])
    bad = []
    for op in spec['operations']['list']:
        if 'event' not in op:
            continue
        c = cname(prefix, op['name'])
        idx = 'PSAC_MCGRP_' + op['mcgrp'].upper() + '_IDX'
        # the file that sends the event multicasts on the spec's group
        if not sends_on(allsrc, c, idx):
            bad.append(f'{c}: not multicast on {idx}')
    ok(not bad, 'each event is multicast on the group the spec names', bad)


if __name__ == '__main__':
    main()
    sys.exit(1 if fails else 0)
