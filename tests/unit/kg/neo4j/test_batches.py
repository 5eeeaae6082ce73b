"""How a load is cut into transactions: whole documents, shared nodes first, each relationship with the later
of its two ends, batches of bounded size."""

from kg.neo4j.batches import plan_batches, unit_keys
from kg.neo4j.plan import plan_load
from tests.support.minigraph import mini_graph


def test_a_document_its_measures_and_a_measure_s_own_target_are_one_unit() -> None:
    plan = plan_load(mini_graph())
    unit = unit_keys(plan)
    measures = [r["end"] for r in plan.relationships if r["type"] == "HAS_MEASURE" and r["start"] == "doc:hz"]
    targets = [r["end"] for r in plan.relationships if r["type"] == "SETS_TARGET" and r["start"] in measures]
    assert measures and targets
    assert {unit[uid] for uid in [*measures, *targets]} == {"doc:hz"}
    assert unit["doc:ext"] == "doc:ext"  # a cited document outside the corpus is shared


def test_batches_hold_whole_documents_shared_nodes_first_and_each_relationship_once() -> None:
    plan = plan_load(mini_graph())
    unit = unit_keys(plan)
    batches = plan_batches(plan, size=10)
    assert len(batches) > 2
    where = {n["uid"]: i for i, b in enumerate(batches) for n in b.nodes}
    assert sorted(where) == sorted(plan.node_uids)
    shared = [i for i, b in enumerate(batches) if not b.documents]
    assert shared == list(range(len(shared)))  # shared batches come first
    for uid, key in unit.items():
        assert where[uid] == where[key]  # a unit is never split
    placed = [(r["uid"], i) for i, b in enumerate(batches) for r in b.relationships]
    assert sorted(uid for uid, _ in placed) == sorted(plan.relationship_uids)
    for rel, (_, i) in zip(sorted(plan.relationships, key=lambda r: r["uid"]), sorted(placed), strict=True):
        assert i == max(where[rel["start"]], where[rel["end"]])  # written with its second end


def test_a_batch_grows_past_its_size_only_for_one_document_larger_than_a_batch() -> None:
    plan = plan_load(mini_graph())
    for batch in plan_batches(plan, size=10):
        assert batch.rows <= 10 or len(batch.documents) == 1
