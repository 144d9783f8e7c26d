"""Which of a run's messages go out: the rule that lets `awards mail` be run again and again
without sending anything twice. Pure: the commands give it the messages they mean to send and
the record of what went before, and put its answer into words."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Generic, Literal, NamedTuple, Protocol, TypeVar

from .rows import MailRecord


class Deliverable(Protocol):
    """What the rule reads of a message: whose document it carries, the fingerprint of what
    the document says, and where it goes."""

    @property
    def whose(self) -> str: ...

    @property
    def content(self) -> str: ...

    @property
    def to_address(self) -> str: ...


M = TypeVar("M", bound=Deliverable)

# Why a message goes (again): the codes the commands put into words.
Reason = Literal["resend", "new", "new_address", "changed"]


class Going(NamedTuple, Generic[M]):
    message: M
    reason: Reason
    earlier: MailRecord | None  # new_address, changed: the last message that went


class Held(NamedTuple, Generic[M]):
    message: M
    record: MailRecord  # the message already out, or the one being sent when a run stopped


class DeliveryPlan(NamedTuple, Generic[M]):
    going: list[Going[M]]
    already: list[Held[M]]  # the same document to the same address has gone: not again
    uncertain: list[Held[M]]  # a run stopped while sending it: it may have gone, not again


def plan_delivery(
    messages: Sequence[M], history: Mapping[str, Sequence[MailRecord]], resend: Collection[str]
) -> DeliveryPlan[M]:
    """Each message goes unless the same document already went to the same address (sent, or
    written as a draft), or went out with a run that stopped while sending it; `resend`
    (addresses) sends those again on purpose. `history`: the record per `whose`, oldest first."""
    plan: DeliveryPlan[M] = DeliveryPlan([], [], [])
    for message in messages:
        past = history.get(message.whose, [])
        gone = [r for r in past if r["status"] in ("sent", "written")]
        same = [
            r
            for r in gone
            if r["content"] == message.content and r["recipient"] == message.to_address
        ]
        pending = [r for r in past if r["status"] == "sending" and r["content"] == message.content]
        if message.to_address in resend:
            plan.going.append(Going(message, "resend", None))
        elif same:
            plan.already.append(Held(message, same[-1]))
        elif pending:
            plan.uncertain.append(Held(message, pending[-1]))
        elif any(r["recipient"] != message.to_address for r in gone):
            plan.going.append(Going(message, "new_address", gone[-1]))
        elif gone:
            plan.going.append(Going(message, "changed", gone[-1]))
        else:
            plan.going.append(Going(message, "new", None))
    return plan
