"""Every change of state in the recognition process, one request-free function each.

Each function locks the rows it changes (select_for_update), checks permission and raises PermissionDenied
with the reason, moves the application along an edge of the status graph (`models.TRANSITIONS`), records an
Event (actor, role, region, from → to, comment) and queues the emails; the web pages, the API, batch actions
and background tasks all call these and nothing else. The modules follow the process: applying, deciding,
spot checks, experts, notices, titles; `_steps` holds what they share. This package re-exports their public
names, so `from littlegiant.recognition import services` reads as one module.
"""

from littlegiant.recognition.services._steps import (
    CODE_ALPHABET,
    OBJECTIONS_PER_ADDRESS_PER_HOUR,
    InvalidTransition,
    StaleApplication,
    TooManyObjections,
    _add_years,
    _draw_sample,
    assess,
    can_move,
    certificate_code,
    filing_values,
    record_from_values,
    reviewer_role,
)
from littlegiant.recognition.services.applying import add_evidence, remove_evidence, start_application, submit
from littlegiant.recognition.services.deciding import (
    confirm_criterion,
    pass_stage,
    reject,
    return_for_correction,
)
from littlegiant.recognition.services.experts import (
    ExpertAggregate,
    draw_experts,
    expert_aggregate,
    replay_expert_draw,
    submit_expert_review,
)
from littlegiant.recognition.services.notices import (
    conclude_notice,
    end_notice_period_for_demo,
    lodge_objection,
    notice_candidates,
    publish_notice,
    resolve_objection,
)
from littlegiant.recognition.services.spot_checks import draw_spot_checks, record_spot_check
from littlegiant.recognition.services.titles import (
    annual_update_due,
    assess_change,
    confirm_annual_update,
    figures_key,
    flag_missed_annual_updates,
    next_annual_update_due,
    recognise,
    recognising_stage,
    recognition_candidates,
    report_change,
    revoke,
)

__all__ = [
    "CODE_ALPHABET",
    "OBJECTIONS_PER_ADDRESS_PER_HOUR",
    "ExpertAggregate",
    "InvalidTransition",
    "StaleApplication",
    "TooManyObjections",
    "_add_years",
    "_draw_sample",
    "add_evidence",
    "annual_update_due",
    "assess",
    "assess_change",
    "can_move",
    "certificate_code",
    "conclude_notice",
    "confirm_annual_update",
    "confirm_criterion",
    "draw_experts",
    "figures_key",
    "draw_spot_checks",
    "end_notice_period_for_demo",
    "expert_aggregate",
    "filing_values",
    "flag_missed_annual_updates",
    "lodge_objection",
    "next_annual_update_due",
    "notice_candidates",
    "pass_stage",
    "publish_notice",
    "recognise",
    "recognising_stage",
    "recognition_candidates",
    "record_from_values",
    "record_spot_check",
    "reject",
    "remove_evidence",
    "replay_expert_draw",
    "report_change",
    "resolve_objection",
    "return_for_correction",
    "reviewer_role",
    "revoke",
    "start_application",
    "submit",
    "submit_expert_review",
]
