"""Byte-level mutations every text input gets: encodings, truncation, random bytes, emptiness."""

from __future__ import annotations

from collections.abc import Callable

from fuzz.mutate import flip_bytes, random_bytes, rng_for

ByteMutator = Callable[[bytes], bytes]


def _insert(raw: bytes, at: float, extra: bytes) -> bytes:
    cut = int(len(raw) * at)
    return raw[:cut] + extra + raw[cut:]


def _truncate(share: float) -> ByteMutator:
    return lambda raw: raw[: max(1, int(len(raw) * share))]


def _random(size: int, name: str) -> ByteMutator:
    return lambda _raw: random_bytes(rng_for(name), size)


def _flip(count: int, name: str) -> ByteMutator:
    return lambda raw: flip_bytes(raw, rng_for(name), count)


def _utf16(raw: bytes) -> bytes:
    return raw.decode("utf-8").encode("utf-16")


def _latin1(raw: bytes) -> bytes:
    text = raw.decode("utf-8")
    if text.isascii():  # make sure there is a byte that is not UTF-8
        text = text.replace("a", "å", 3)
    return text.encode("latin-1", errors="replace")


def text_mutations(tag: str) -> list[tuple[str, str, ByteMutator]]:
    """(mutation class, detail, mutator); ``tag`` keeps the random ones apart per input type."""
    return [
        ("encoding", "bom", lambda raw: b"\xef\xbb\xbf" + raw),
        ("encoding", "utf16", _utf16),
        ("encoding", "latin1", _latin1),
        ("encoding", "invalid-utf8", lambda raw: _insert(raw, 0.4, b"\xff\xfe\xc3")),
        ("encoding", "cut-multibyte", lambda raw: raw + b"\xc3"),
        ("encoding", "nul-byte", lambda raw: _insert(raw, 0.5, b"\x00")),
        ("encoding", "crlf", lambda raw: raw.replace(b"\n", b"\r\n")),
        ("encoding", "cr-only", lambda raw: raw.replace(b"\n", b"\r")),
        ("truncated", "1-byte", _truncate(0.0)),
        ("truncated", "10pct", _truncate(0.10)),
        ("truncated", "50pct", _truncate(0.50)),
        ("truncated", "90pct", _truncate(0.90)),
        ("truncated", "last-byte-cut", lambda raw: raw[:-2]),
        ("random-bytes", "1k", _random(1024, f"{tag}-1k")),
        ("random-bytes", "64k", _random(65536, f"{tag}-64k")),
        ("random-bytes", "flip-20", _flip(20, f"{tag}-flip")),
        ("random-bytes", "flip-200", _flip(200, f"{tag}-flip200")),
        ("empty", "empty", lambda _raw: b""),
        ("empty", "whitespace", lambda _raw: b" \n\t\n   \n"),
        ("huge", "5mb-padding", lambda raw: raw + b"\n" + b" " * 5_000_000 + b"\n"),
    ]
