"""The signed-in benchmark's own pieces (bench/signed_in_pages.py, bench/common.py): its rows
name pages that exist, its verdicts and its measuring helpers. No server is started."""

import os

import pytest
from django.urls import NoReverseMatch, reverse

from bench import common, signed_in_pages


@pytest.mark.parametrize("row", [r for r in signed_in_pages.ROWS if not r[3].startswith("/")],
                         ids=lambda row: row[0])
def test_every_page_row_names_a_url(row):
    try:
        path = reverse(row[3], kwargs={"partnership_id": 1})
    except NoReverseMatch:
        path = reverse(row[3])
    assert path.startswith("/")


def test_rows_are_chosen_by_name_with_hello_world_always():
    rows = signed_in_pages.selected("decisions, API health")
    assert [r[0] for r in rows] == ["hello-world", "decisions", "API health"]
    with pytest.raises(SystemExit):
        signed_in_pages.selected("no such page")


def test_verdicts_mark_share_and_cpu():
    verdict = signed_in_pages.verdict
    assert verdict(10, 11.0, 9.0) == "ok"
    assert verdict(10, 9.0, 12.0) == "MISS <10% >10ms"
    assert verdict(12, 13.0, 30.0) == "ok"  # JSON lists: the share only
    assert verdict(None, 100.0, 0.1) == "-"


def test_cpu_time_of_a_process_tree_grows_with_work():
    before = common.process_cpu_seconds(os.getpid())
    sum(i * i for i in range(2_000_000))
    assert common.process_cpu_seconds(os.getpid()) > before


def test_percentiles():
    values = [float(n) for n in range(1, 101)]
    assert common.percentile(values, 0.5) == 51.0
    assert common.percentile(values, 0.99) == 100.0
