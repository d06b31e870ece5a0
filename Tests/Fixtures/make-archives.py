"""Builds the chart archives of ArchiveTests (run from Tests/Fixtures; python3 only).

Each archive is small and deterministic (fixed mtimes, gzip mtime 0)."""
import gzip, io, tarfile

CHART = b"apiVersion: v2\nname: packed\nversion: 1.0.0\ndependencies:\n- name: inner\n  version: 0.1.0\n"
SUB = b"apiVersion: v2\nname: inner\nversion: 0.1.0\n"


def entry(name, data=b"", kind=tarfile.REGTYPE, link=""):
    ti = tarfile.TarInfo(name)
    ti.type, ti.linkname, ti.mtime, ti.mode = kind, link, 0, 0o644
    ti.size = len(data) if kind == tarfile.REGTYPE else 0
    return ti, (io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def tar_bytes(entries, fmt=tarfile.PAX_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for e in entries:
            t.addfile(*entry(*e))
    return buf.getvalue()


def gz(raw):
    return gzip.compress(raw, mtime=0)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


inner = gz(tar_bytes([("inner/Chart.yaml", SUB), ("inner/templates/cm.yaml", b"kind: ConfigMap\n")], tarfile.GNU_FORMAT))
write("chart-good.tgz", gz(tar_bytes([
    ("packed/Chart.yaml", CHART),
    ("packed/values.yaml", b"\xef\xbb\xbfreplicas: 2\n"),
    ("packed/values.schema.json", b"{}\n"),
    ("packed/templates/", b"", tarfile.DIRTYPE),
    ("packed/templates/deploy.yaml", b"kind: Deployment\n"),
    ("packed/files/" + "long-" * 40 + "name.txt", b"pax long name"),
    ("packed/.helmignore", b"*.txt\n"),
    ("packed/link", b"", tarfile.SYMTYPE, "/etc/passwd"),
    ("packed/crds/crd.yaml", b"kind: CustomResourceDefinition\n"),
    ("packed/charts/inner-0.1.0.tgz", inner),
])))
write("chart-parent-dir.tgz", gz(tar_bytes([("packed/Chart.yaml", CHART), ("packed/../../etc/x", b"x")])))
write("chart-absolute.tgz", gz(tar_bytes([("packed/Chart.yaml", CHART), ("packed//etc/passwd", b"x")])))
write("chart-top-level-file.tgz", gz(tar_bytes([("Chart.yaml", CHART)])))
write("chart-file-too-large.tgz", gz(tar_bytes([("packed/Chart.yaml", CHART), ("packed/big.bin", b"\0" * (5 * 1024 * 1024 + 1))])))
# A header that claims 200 MiB, with no data after it: refused before any is read.
huge = tarfile.TarInfo("packed/huge.bin"); huge.size = 200 * 1024 * 1024; huge.mtime = 0
write("chart-claims-too-large.tgz", gz(huge.tobuf(tarfile.USTAR_FORMAT)))
good = open("chart-good.tgz", "rb").read()
write("chart-truncated.tgz", good[: len(good) // 2])
write("chart-not-gzip.tgz", b"apiVersion: v2\nname: nope\n")
write("chart-empty.tgz", gz(b"\0" * 1024))
