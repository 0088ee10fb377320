"""Search ranks the right section first, for exact words, typos and everyday words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide_app.content.pack import load_pack
from guide_app.search.index import SearchIndex
from guide_app.search.query import Vocabulary, edit_distance
from tests.conftest import write_pack

DETOX = ("detox", "detox-process-and-withdrawal-symptoms")


@pytest.mark.parametrize(
    "query, page, anchor",
    [
        ("withdrawal symptoms", *DETOX),
        ("alcohol", "faqs", "faq-alcohol"),
        ("cold turkey", "faqs", "faq-cold-turkey"),
        ("motivational interviewing", "behavioral-therapies", "mi"),
        ("narcotics anonymous", "behavioral-therapies", "group-therapy-and-support-groups"),
        ("GABA", "what-is-clonazepam", "top"),
        ("insurance", "seeking-treatment", "factors-to-consider"),
        ("dual diagnosis", "seeking-treatment", "types-of-treatment-programs"),
        ("coping strategies", "aftercare", "developing-coping-strategies"),
    ],
)
def test_exact_words_rank_their_section_first(bundled_index, query, page, anchor):
    top = bundled_index.search(query)[0]
    assert (top.page, top.anchor) == (page, anchor)


@pytest.mark.parametrize("typo, fixed", [("withdrawl", "withdrawal"), ("insomia", "insomnia"), ("klonopn", "klonopin")])
def test_typos_still_find_the_right_section_and_say_did_you_mean(bundled_index, typo, fixed):
    answer = bundled_index.answer(typo)
    assert answer.suggestion == fixed
    assert answer.results, typo
    if typo != "klonopn":
        assert (answer.results[0].page, answer.results[0].anchor) == DETOX
    else:
        assert answer.results[0].page == "overview"


@pytest.mark.parametrize(
    "lay, page, anchor",
    [
        ("can't sleep", *DETOX),
        ("can’t sleep", *DETOX),
        ("shaking", *DETOX),
        ("throwing up", *DETOX),
        ("benzo", "what-is-clonazepam", "top"),
        ("rehab", "seeking-treatment", "types-of-treatment-programs"),
        ("IOP", "seeking-treatment", "types-of-treatment-programs"),
        ("CBT", "behavioral-therapies", "cbt"),
        ("NA", "behavioral-therapies", "group-therapy-and-support-groups"),
        ("12-step", "behavioral-therapies", "group-therapy-and-support-groups"),
        ("drinking", "faqs", "faq-alcohol"),
    ],
)
def test_lay_words_reach_the_articles_terms(bundled_index, lay, page, anchor):
    top = bundled_index.search(lay)[0]
    assert (top.page, top.anchor) == (page, anchor)


def test_results_as_you_type_match_word_prefixes(bundled_index):
    for prefix in ("withd", "withdra", "withdraw"):
        assert (bundled_index.search(prefix)[0].page, bundled_index.search(prefix)[0].anchor) == DETOX
    assert bundled_index.search("symptoms")  # a complete word still typed: stemmed and prefix both


def test_headings_weigh_more_than_body_text(tmp_path):
    pack = load_pack(
        write_pack(
            tmp_path,
            {
                "body": "# Other\n\nTremors tremors are mentioned here in passing.\n",
                "heading": "# Tremors\n\nA short page.\n",
            },
        )
    )
    assert SearchIndex.build(pack).search("tremors")[0].page == "heading"


def test_lay_words_reach_clinical_terms_in_any_pack(tmp_path):
    pack = load_pack(
        write_pack(
            tmp_path,
            {"detox": "# Detox\n\nTremors and insomnia.\n", "other": "# Other\n\nNothing.\n"},
            synonyms={"can't sleep": ["insomnia"]},
        )
    )
    assert SearchIndex.build(pack).search("can't sleep")[0].page == "detox"


def test_snippets_highlight_the_matched_words(bundled_index):
    result = bundled_index.search("seizures")[0]
    assert "<b>" in result.snippet_html and "<b>" not in result.snippet
    assert "seizures" in result.snippet.lower()


def test_snippet_html_escapes_page_text(tmp_path):
    pack = load_pack(write_pack(tmp_path, {"p": "# P\n\nUse `<script>` tags carefully with tremors.\n"}))
    result = SearchIndex.build(pack).search("tremors")[0]
    assert "<script>" not in result.snippet_html


def test_no_match_gives_no_results_not_an_error(bundled_index):
    assert bundled_index.search("xylophone zebra") == []
    assert bundled_index.search("") == []
    assert bundled_index.search("   ") == []


HOSTILE = [
    '"',
    '""',
    "*",
    "^",
    "NEAR(",
    "NEAR(a b",
    "AND",
    "OR NOT",
    "a OR",
    "-",
    "(",
    ")",
    "title:x",
    "{a b}:c",
    "\x00",
    "\x1b[31m",
    "💊💊",
    "'; DROP TABLE sections; --",
    "a" * 20000,
    "é" * 500,
    "\u202e",
    "*" * 100,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(bundled_index, query):
    answer = bundled_index.answer(query)
    assert isinstance(answer.results, list)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_safe_query(bundled_index, text):
    for result in bundled_index.search(text, limit=5):
        assert result.page and result.score == result.score  # not NaN


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["withdrawal", "NEAR", "AND", "OR", "NOT", '"', "*", "^", "(", ")", ":", "-", "+", "sleep"]),
        max_size=12,
    ).map(" ".join)
)
def test_fts_operators_are_never_query_syntax(bundled_index, text):
    bundled_index.search(text)


def test_cached_index_is_reused_and_rebuilt_when_content_changes(tmp_path):
    root = write_pack(tmp_path / "pack", {"p": "# P\n\nTremors.\n"})
    cache = tmp_path / "cache"
    first = SearchIndex.for_pack(load_pack(root), cache)
    assert first.search("tremors")
    files = list(cache.glob("index-*.sqlite"))
    assert len(files) == 1
    (root / "demo" / "p.md").write_text("# P\n\nInsomnia only, and longer.\n")
    second = SearchIndex.for_pack(load_pack(root), cache)
    assert second.search("insomnia") and not second.search("tremors")
    assert len(list(cache.glob("index-*.sqlite"))) == 1


def test_damaged_cache_is_rebuilt(tmp_path):
    root = write_pack(tmp_path / "pack", {"p": "# P\n\nTremors.\n"})
    cache = tmp_path / "cache"
    pack = load_pack(root)
    cache.mkdir()
    (cache / f"index-{pack.fingerprint()}.sqlite").write_bytes(b"not a database")
    assert SearchIndex.for_pack(pack, cache).search("tremors")


def test_edit_distance_counts_transpositions():
    assert edit_distance("withdrawl", "withdrawal", 2) == 1
    assert edit_distance("form", "from", 2) == 1
    assert edit_distance("abc", "xyz", 1) == 2


def test_vocabulary_corrects_to_the_closest_common_word():
    vocabulary = Vocabulary({"insomnia": 3, "insulin": 1})
    assert vocabulary.correct("insomia") == "insomnia"
    assert vocabulary.correct("zzzzzz") is None


INTERRUPTED_BUILD = """
import sys, threading, time
from pathlib import Path
import guide_app.search.index as search
from guide_app.content.pack import load_pack

cache = Path(sys.argv[1])
started = threading.Event()

def stuck(connection, pack):  # the build is still writing when the app quits
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    started.set()
    time.sleep(60)

search._create = stuck
pack = load_pack(Path(sys.argv[2]))
threading.Thread(target=search.SearchIndex.build, args=(pack, cache / "index-x.sqlite"), daemon=True).start()
started.wait(10)
print(sorted(p.name.startswith(search.BUILD_PREFIX) for p in cache.iterdir()))
"""


def test_an_index_build_cut_short_by_quitting_leaves_no_file_behind(tmp_path):
    import subprocess
    import sys

    from guide_app.paths import default_content_dir

    cache = tmp_path / "cache"
    out = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_BUILD, str(cache), str(default_content_dir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "[True]", out.stderr  # the half-written build, while the app ran
    assert list(cache.iterdir()) == []


def test_builds_a_crash_left_behind_are_removed_by_the_next_build(tmp_path):
    import os
    import time

    from guide_app.paths import default_content_dir

    cache = tmp_path / "cache"
    cache.mkdir()
    old, fresh = cache / "index-build-old.tmp", cache / "index-build-fresh.tmp"  # fresh: another app building
    for leftover in (old, fresh, cache / "tmpabc.tmp-journal"):
        leftover.write_bytes(b"half an index")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(cache / "tmpabc.tmp-journal", (hour_ago, hour_ago))
    index = SearchIndex.for_pack(load_pack(default_content_dir()), cache)
    assert index.answer("withdrawal").results
    (built,) = cache.glob("index-*.sqlite")
    assert {p.name for p in cache.iterdir() if p.is_file()} == {fresh.name, built.name}
