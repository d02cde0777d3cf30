"""Reading targets from other apps (the dashboard, reports): the targets that apply to a unit,
evaluated for its subtree, with the same rules as the targets pages and the API.

    from danvan.targets.queries import results
    for result in results(unit, timezone.localdate()):
        result.title, result.goal_text, result.actual_text, result.status, result.status_label, result.url

`results` costs a constant number of queries per target, whatever the number of units."""

from danvan.targets.evaluation import Row, TargetResult, by_year, evaluate, results

__all__ = ["Row", "TargetResult", "by_year", "evaluate", "results"]
