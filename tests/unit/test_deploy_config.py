"""deploy/nginx.conf keeps what running Streamlit behind a proxy needs.

nginx itself is not installed on the test path, so the file is parsed here: a small parser
turns it into nested blocks of directives, and the checks follow nginx's rules where they
matter (``proxy_set_header`` in a location replaces, not extends, the server's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


@dataclass
class Block:
    name: str
    args: list[str]
    directives: list[tuple[str, list[str]]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def values(self, name: str) -> list[list[str]]:
        return [args for key, args in self.directives if key == name]

    def first(self, name: str) -> list[str] | None:
        found = self.values(name)
        return found[0] if found else None

    def children(self, name: str) -> list[Block]:
        return [block for block in self.blocks if block.name == name]


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pattern = re.compile(r'"((?:\\.|[^"\\])*)"|\'((?:\\.|[^\'\\])*)\'|([{};])|([^\s{};"\']+)')
    for line in text.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line)
        for match in pattern.finditer(line):
            double, single, punct, word = match.groups()
            quoted = double if double is not None else single
            tokens.append(punct or (quoted if quoted is not None else word))
    return tokens


def parse(text: str) -> Block:
    root = Block("root", [])
    stack = [root]
    words: list[str] = []
    for token in tokenize(text):
        if token == ";":
            assert words, "empty directive"
            stack[-1].directives.append((words[0], words[1:]))
            words = []
        elif token == "{":
            assert words, "block without a name"
            block = Block(words[0], words[1:])
            stack[-1].blocks.append(block)
            stack.append(block)
            words = []
        elif token == "}":
            assert not words, f"directive without ';' before '}}': {words}"
            stack.pop()
            assert stack, "unbalanced '}'"
        else:
            words.append(token)
    assert len(stack) == 1, "unclosed block"
    assert not words, f"trailing directive without ';': {words}"
    return root


def seconds(value: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
    match = re.fullmatch(r"(\d+)(ms|s|m|h|d)?", value)
    assert match, f"not a time: {value}"
    return int(match[1]) * units[match[2] or "s"]


@pytest.fixture(scope="module")
def config() -> Block:
    return parse(CONFIG.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server(config: Block) -> Block:
    servers = config.children("server")
    assert len(servers) == 1, "expected one server block"
    return servers[0]


def location(server: Block, path: str) -> Block:
    for block in server.children("location"):
        if block.args[-1] == path:
            return block
    raise AssertionError(f"no location for {path}")


def effective_headers(server: Block, block: Block) -> dict[str, str]:
    """proxy_set_header as nginx applies it: a location's own set replaces the server's."""
    own = block.values("proxy_set_header")
    chosen = own if own else server.values("proxy_set_header")
    return {args[0].lower(): " ".join(args[1:]) for args in chosen}


def effective(server: Block, block: Block, name: str) -> list[str] | None:
    return block.first(name) or server.first(name)


def test_the_parser_reads_nested_blocks_and_quotes():
    tree = parse('a 1;\nb { c "x y"; # note\n d { e; } }\n')
    assert tree.first("a") == ["1"]
    (b,) = tree.children("b")
    assert b.first("c") == ["x y"]
    assert b.children("d")[0].first("e") == []
    with pytest.raises(AssertionError):
        parse("a { b;")


def test_upstream_has_several_replicas_and_sticky_routing(config: Block):
    (upstream,) = config.children("upstream")
    servers = upstream.values("server")
    assert len(servers) >= 2, "the upstream should list several Streamlit replicas"
    addresses = [args[0] for args in servers]
    assert len(set(addresses)) == len(addresses), "replicas must differ"
    hashed = upstream.first("hash")
    assert hashed is not None or upstream.first("ip_hash") is not None, (
        "Streamlit keeps a session in one process: the upstream needs `hash … consistent` "
        "or `ip_hash`"
    )
    if hashed is not None:
        assert "consistent" in hashed, "use consistent hashing so few sessions move"


def test_a_hash_key_from_a_cookie_is_set_as_that_cookie(config: Block, server: Block):
    (upstream,) = config.children("upstream")
    hashed = upstream.first("hash")
    if hashed is None:
        pytest.fail("this configuration uses ip_hash; the cookie checks do not apply")
    key = hashed[0]
    maps = {block.args[1]: block for block in config.children("map")}
    assert key in maps, f"the hash key {key} should come from a map block"
    source = maps[key].args[0]
    match = re.fullmatch(r"\$cookie_(\w+)", source)
    assert match, f"the routing key should come from a cookie, not {source}"
    cookie = match[1]
    root = location(server, "/")
    cookies = [args for args in root.values("add_header") if args[0].lower() == "set-cookie"]
    assert cookies, "the page location must set the routing cookie"
    assert any(args[1].startswith(f"{cookie}={key};") for args in cookies)
    assert any("always" in args for args in cookies), "set the cookie on error pages too"


def test_the_websocket_is_upgraded_unbuffered_and_kept_open(config: Block, server: Block):
    stream = location(server, "/_stcore/stream")
    assert effective(server, stream, "proxy_http_version") == ["1.1"]
    headers = effective_headers(server, stream)
    assert headers.get("upgrade") == "$http_upgrade"
    connection = headers.get("connection", "")
    assert connection.startswith("$"), "Connection must be set from a map of $http_upgrade"
    maps = {block.args[1]: block for block in config.children("map")}
    assert connection in maps and maps[connection].args[0] == "$http_upgrade"
    upgrade_values = {key: args[0] for key, args in maps[connection].directives}
    assert upgrade_values.get("default") == "upgrade"
    assert headers.get("host") == "$http_host", (
        "Streamlit checks the websocket's Origin against Host: pass the browser's Host "
        "with its port ($http_host)"
    )
    assert stream.first("proxy_buffering") == ["off"]
    read_timeout = effective(server, stream, "proxy_read_timeout")
    assert read_timeout is not None and seconds(read_timeout[0]) >= 600, (
        "an idle reader's websocket would be cut after nginx's default 60 s"
    )
    assert stream.first("proxy_pass") == ["http://dashboard"]


#: The static export's locations: files from disk, nothing proxied (tested below).
EXPORT_LOCATIONS = {"/export", "/export/"}


def test_every_location_proxies_to_the_replicas_with_the_common_headers(server: Block):
    locations = server.children("location")
    assert {block.args[-1] for block in locations} >= {"/", "/_stcore/stream", "/static/"}
    assert {block.args[-1] for block in locations} - EXPORT_LOCATIONS == {
        "/",
        "/_stcore/stream",
        "/static/",
    }
    for block in locations:
        if block.args[-1] in EXPORT_LOCATIONS:
            assert block.first("proxy_pass") is None, block.args
            continue
        assert block.first("proxy_pass") == ["http://dashboard"], block.args
        headers = effective_headers(server, block)
        assert {"host", "x-forwarded-for", "x-forwarded-proto"} <= set(headers), (
            f"location {block.args[-1]} loses the forwarded headers"
        )


def test_gzip_compresses_javascript_css_and_json(server: Block):
    assert server.first("gzip") == ["on"]
    types = set(server.first("gzip_types") or [])
    assert {"application/javascript", "text/javascript", "text/css", "application/json"} <= types
    assert server.first("gzip_proxied") == ["any"], "compress for clients behind a proxy or CDN"
    assert server.first("gzip_vary") == ["on"], "caches must keep gzip and plain apart"


def test_uploads_fit_streamlits_limit(server: Block):
    size = server.first("client_max_body_size")
    assert size is not None
    match = re.fullmatch(r"(\d+)([km]?)", size[0].lower())
    assert match
    number = int(match[1]) * {"": 1, "k": 2**10, "m": 2**20}[match[2]]
    assert number >= 2**20, "Streamlit's server.maxUploadSize is 1 MB"


# --------------------------------------------------------------------------- static export


def export_cache_map(config: Block) -> list[tuple[str, str]]:
    """The map that sets the export's Cache-Control: (pattern, value), in order."""
    export = location(config.children("server")[0], "/export/")
    header = next(args for args in export.values("add_header") if args[0] == "Cache-Control")
    variable = header[1]
    maps = {block.args[1]: block for block in config.children("map")}
    assert variable in maps, "the export's Cache-Control should come from a map"
    assert maps[variable].args[0] == "$uri"
    return [(key, args[0]) for key, args in maps[variable].directives]


def cache_control_for(config: Block, uri: str) -> str:
    """What the map gives ``uri`` (nginx tries the regular expressions in order)."""
    entries = export_cache_map(config)
    for pattern, value in entries:
        if pattern.startswith("~") and re.search(pattern[1:], uri):
            return value
    return dict(entries)["default"]


def test_the_export_is_served_from_disk_with_its_compressed_twins(server: Block):
    export = location(server, "/export/")
    assert export.first("root") is not None and export.first("alias") is None
    assert export.first("gzip_static") == ["on"], "send the .gz twins make export writes"
    assert "brotli_static" not in {key for key, _ in export.directives}, (
        "stock Debian nginx has no brotli module: `nginx -t` would fail"
    )
    assert server.first("gzip_vary") == ["on"]
    assert location(server, "/export").first("return") == ["301", "/export/"]


def test_hashed_assets_are_kept_a_year_and_pages_revalidated(config: Block):
    from dashboard.export import optimise

    year = "public, max-age=31536000, immutable"
    for plain in ("site.css", "site.js", "plotly.min.js"):
        name = optimise.hashed_name(plain, b"content")
        assert cache_control_for(config, f"/export/{name}") == year, name
    for uri in ("/export/", "/export/map.html", "/export/site.css", "/export/plotly.min.js"):
        assert cache_control_for(config, uri) == "no-cache", uri
    glyph = "/export/app/static/glyphs/Open Sans Regular/0-255.pbf"
    assert cache_control_for(config, glyph) == "public, max-age=86400"
    assert cache_control_for(config, "/export/site.0123456789.css.map") == "no-cache"


def test_the_export_header_policy_is_the_pages_policy(server: Block):
    from dashboard.export import pages

    export = location(server, "/export/")
    headers = {args[0]: args[1:] for args in export.values("add_header")}
    assert headers["Content-Security-Policy"] == [pages.CONTENT_SECURITY_POLICY, "always"]
    assert headers["X-Content-Type-Options"] == ["nosniff", "always"]
