"""KL308: `Nadam(schedule_decay=...)`, which tf.keras rejects."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.optimizers import (
    LEGACY_NADAM,
    NADAM_DEFAULT_SCHEDULE_DECAY,
    NADAM_SCHEDULE_DECAY,
    OPTIMIZER_TARGETS,
)
from keraslint.keras224.targets import Target
from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import OptimizerCallRule, is_number


class NadamScheduleDecay(OptimizerCallRule):
    """
    ## What it does
    On the `keras2` target, finds `Nadam(schedule_decay=...)`. (On `keras3`, KL312's
    `optimizer_224(Nadam)` takes the argument and runs 2.2.4's schedule.)

    ## Why is this bad?
    Keras 2.2.4's Nadam warmed up its momentum as `beta_1 * (1 - 0.5 * 0.96 ** (t *
    schedule_decay))`. tf.keras's Nadam hard-codes `0.96 ** t` and rejects the argument
    (TypeError on TF 2.11-2.15, ValueError on Keras 3). Only
    `tf.keras.optimizers.legacy.Nadam` (TF <= 2.15, tf-keras) keeps the 2.2.4 schedule.

    ## Example
    ```python
    opt = Nadam(lr=0.002, schedule_decay=0.004)
    ```

    ## Use instead
    ```python
    opt = Nadam(learning_rate=0.002)  # a different momentum warm-up
    ```

    ## Fix safety
    Safe when the value is 2.2.4's default, 0.004: tf.keras's Nadam has its own momentum
    schedule whether or not the argument is there, so removing it changes nothing but that
    the code runs (the schedule's difference from 2.2.4's is KL309's, opt-in). Unsafe for
    another value, which the code asked for and no longer gets. The message names the
    legacy optimizer that keeps the schedule.
    """

    code = "KL308"
    name = "nadam-schedule-decay"
    summary = "`Nadam(schedule_decay=)` is rejected by tf.keras; its schedule is gone"
    fix_title = "Remove `schedule_decay`"
    case_target = Target.KERAS2
    cases = (
        Valid("""
            from keras.optimizers import Nadam
            Nadam(learning_rate=0.002)
            """),
        Invalid(
            """
            from keras.optimizers import Nadam
            Nadam(learning_rate=0.002, schedule_decay=0.004)
            """,
            fixed="""
            from keras.optimizers import Nadam
            Nadam(learning_rate=0.002)
            """,
            message=("`Nadam(schedule_decay=...)` is rejected by tf.keras, whose Nadam has another momentum "
                     "schedule; tf.keras.optimizers.legacy.Nadam keeps it"),
        ),
    )

    def check(self, node: ast.Call, optimizer: str) -> None:
        if optimizer != "Nadam" or NADAM_SCHEDULE_DECAY not in calls.keyword_names(node):
            return
        if "KL312" in self.context.enabled and self.context.settings.target in OPTIMIZER_TARGETS:
            return  # KL312's optimizer_224(Nadam) takes schedule_decay and runs 2.2.4's schedule
        hint = f"; {LEGACY_NADAM} keeps it" if self.context.settings.target == Target.KERAS2 else ""
        value = calls.argument(node, NADAM_SCHEDULE_DECAY, None)
        default = is_number(value, NADAM_DEFAULT_SCHEDULE_DECAY)
        self.report(
            node,
            f"`Nadam(schedule_decay=...)` is rejected by tf.keras, whose Nadam has another "
            f"momentum schedule{hint}",
            transform=lambda updated: call_edits.remove_keyword(updated, NADAM_SCHEDULE_DECAY),
            applicability=Applicability.SAFE if default else Applicability.UNSAFE,
            fix_title=None if default else "Remove `schedule_decay` (the value asked for is lost)",
        )
