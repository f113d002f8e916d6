"""Onboarding: a multi-step form (fields → skills → experience → city → work format →
employment → salary → summary) with Back, Cancel and "edit any step" from the summary.

The same steps are re-entered from /preferences to edit one field (mode "preferences").
One module per step; :mod:`.draft` holds the FSM data, :mod:`.views` the prompts,
:mod:`.flow` how a step is entered and finished and :mod:`.router` joins the steps.
"""
