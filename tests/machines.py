"""Running Hypothesis state machines (the workflows' property-based tests) inside pytest tests."""

from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine


def run_machine(machine: type[RuleBasedStateMachine], *, examples: int, steps: int) -> None:
    """Run `machine` for `examples` sequences of up to `steps` rules: the same examples in every run
    (derandomized, none replayed from a local example database), no deadline (every step writes to
    the database), and without the health checks a machine built on pytest fixtures trips."""
    machine.TestCase.settings = settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    machine.TestCase().runTest()
