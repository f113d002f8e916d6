"""The skill-gap line's domain: required skills had and lacking, without contradictions."""

from __future__ import annotations

from core.domain.skill_gap import skill_gap


def test_required_skills_not_matched_are_lacking_in_hh_order() -> None:
    gap = skill_gap(["Python", "SQL"], ["Python", "Kubernetes", "SQL", "Docker"])
    assert gap.have == ("Python", "SQL") and gap.lack == ("Kubernetes", "Docker")


def test_a_part_of_a_known_skill_is_not_lacking() -> None:
    # «1С» (Cyrillic С, as HH lists it) beside a known «1С:Бухгалтерия».
    assert skill_gap(["1С:Бухгалтерия"], ["1С", "Excel"]).lack == ("Excel",)


def test_a_skill_listed_twice_is_lacking_once() -> None:
    assert skill_gap([], ["Docker", "docker", " Docker "]).lack == ("Docker",)
