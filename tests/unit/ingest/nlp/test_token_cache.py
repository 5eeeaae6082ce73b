"""The on-disk segmentation cache: hits across instances, misses for another model, never an error."""

from ingest.nlp.token_cache import TokenCache


def test_round_trip_and_model_scope(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_KG_CACHE", str(tmp_path))
    TokenCache("m1").put_many({b"k1": ("优化", "营商", "环境"), b"k2": ()})
    again = TokenCache("m1")
    assert again.get_many([b"k1", b"k2", b"k3"]) == {b"k1": ("优化", "营商", "环境"), b"k2": ()}
    assert TokenCache("m2").get_many([b"k1"]) == {}
    assert (tmp_path / "tokens.sqlite").is_file()


def test_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("POLICY_KG_CACHE", str(blocker))
    cache = TokenCache("m1")
    cache.put_many({b"k": ("词",)})
    assert cache.get_many([b"k"]) == {}
