"""The public surface is small and explicit; __all__ stays in sync with what is exported."""

import eventwire


def test_all_is_exact():
    public = {n for n in dir(eventwire) if not n.startswith("_")}
    modules = {"annotate_mod", "model", "config", "errors", "pipeline", "cli", "store", "extract", "ingest", "clean",
               "resolve", "gazetteer", "eval", "runners", "server", "logging", "annotations", "data", "schema"}
    assert set(eventwire.__all__) - {"__version__"} <= public
    extra = public - set(eventwire.__all__) - modules
    assert not extra, f"exported but not in __all__: {sorted(extra)}"
