"""Who may take which step of a nomination's workflow: the one table the pages, the API
and the tests read, so a button is shown exactly when its POST would be accepted.

A step moves the status along `models.TRANSITIONS` (checked again by `workflow.py` inside
the transaction) and needs a permission from `accounts.scope` on the nomination's own unit
(writing and sending) or on the unit that runs the programme (reviewing).
"""

from dataclasses import dataclass
from enum import StrEnum

from dienhinh.accounts.scope import Action, can

from .models import Nomination, Status


class Step(StrEnum):
    SUBMIT = "gui"
    CONFIRM = "xac-nhan"
    ACCEPT = "tiep-nhan"
    RETURN = "tra-lai"
    RECALL = "rut-lai"
    WITHDRAW = "rut"


class Where(StrEnum):
    UNIT = "unit"  # the unit that wrote the nomination
    OWNER = "owner"  # the unit that runs the programme and reviews what its units send


@dataclass(frozen=True)
class StepRule:
    sources: frozenset[str]
    target: str
    action: Action
    where: Where


STEP_RULES: dict[Step, StepRule] = {
    Step.SUBMIT: StepRule(
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.SUBMITTED,
        Action.ENTER_NOMINATIONS,
        Where.UNIT,
    ),
    Step.CONFIRM: StepRule(
        frozenset({Status.SUBMITTED}), Status.CONFIRMED, Action.CONFIRM_NOMINATIONS, Where.UNIT
    ),
    Step.ACCEPT: StepRule(
        frozenset({Status.SUBMITTED, Status.CONFIRMED}),
        Status.ACCEPTED,
        Action.REVIEW_NOMINATIONS,
        Where.OWNER,
    ),
    Step.RETURN: StepRule(
        frozenset({Status.SUBMITTED, Status.CONFIRMED, Status.ACCEPTED}),
        Status.RETURNED,
        Action.REVIEW_NOMINATIONS,
        Where.OWNER,
    ),
    Step.RECALL: StepRule(
        frozenset({Status.SUBMITTED, Status.CONFIRMED}),
        Status.DRAFT,
        Action.ENTER_NOMINATIONS,
        Where.UNIT,
    ),
    Step.WITHDRAW: StepRule(
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.WITHDRAWN,
        Action.ENTER_NOMINATIONS,
        Where.UNIT,
    ),
}


def step_unit(nomination: Nomination, step: Step):
    """The unit whose permission the step needs."""
    if STEP_RULES[step].where == Where.UNIT:
        return nomination.unit
    return nomination.period.programme.owner


def may_take(user, nomination: Nomination, step: Step) -> bool:
    """Whether `user` may take `step` now: the permission, the status, and the rules of the
    workflow that depend on the nomination's place up the chain."""
    from .workflow import step_refusal

    rule = STEP_RULES[step]
    if nomination.status not in rule.sources:
        return False
    if not can(user, step_unit(nomination, step), rule.action):
        return False
    return step_refusal(nomination, step) is None


def steps_for(user, nomination: Nomination) -> set[Step]:
    return {step for step in Step if may_take(user, nomination, step)}
