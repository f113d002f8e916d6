"""The /market chart: the salary distribution of the person's role × city with their
expectation marked, and the skills most asked for with theirs marked. A PNG, drawn with
matplotlib's Agg backend (no display; safe in a worker thread, one figure per call)."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

HAVE_COLOUR = "#2e7d32"
LACK_COLOUR = "#9e9e9e"
BARS_COLOUR = "#1976d2"
YOU_COLOUR = "#d32f2f"
BINS = 20


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """The chart's words, in the reader's language (plain text: matplotlib draws them)."""

    salary_title: str
    salary_axis: str
    vacancies_axis: str
    you: str
    too_few: str  # shown instead of the histogram when the sample is small
    skills_title: str


@dataclass(frozen=True, slots=True)
class ChartData:
    salaries: tuple[float, ...]  # monthly net, the person's currency
    enough: bool
    expected: float | None
    skills: tuple[tuple[str, int, bool], ...]  # display name, vacancies asking, person has it


def _thousands(value: float, _position: object = None) -> str:
    return f"{value / 1000:,.0f}k".replace(",", " ")


def render_market_chart(data: ChartData, labels: ChartLabels) -> bytes:
    # Imported on the first /market, not at start: matplotlib takes ~0.5 s to import.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.2, 7.2), dpi=100, layout="constrained")
    salary_ax, skills_ax = figure.subplots(2, 1, height_ratios=(1, 1.2))
    salary_ax.set_title(labels.salary_title, loc="left", fontsize=12)
    if data.enough:
        salary_ax.hist(data.salaries, bins=BINS, color=BARS_COLOUR, alpha=0.85)
        salary_ax.xaxis.set_major_formatter(_thousands)
        salary_ax.set_xlabel(labels.salary_axis)
        salary_ax.set_ylabel(labels.vacancies_axis)
        if data.expected:
            salary_ax.axvline(data.expected, color=YOU_COLOUR, linewidth=2.5, label=labels.you)
            salary_ax.legend(loc="upper right")
    else:
        salary_ax.set_axis_off()
        salary_ax.text(0.5, 0.5, labels.too_few, ha="center", va="center", wrap=True)
    skills_ax.set_title(labels.skills_title, loc="left", fontsize=12)
    if data.skills:
        names = [name for name, _, _ in reversed(data.skills)]
        counts = [count for _, count, _ in reversed(data.skills)]
        colours = [HAVE_COLOUR if has else LACK_COLOUR for _, _, has in reversed(data.skills)]
        skills_ax.barh(names, counts, color=colours)
        skills_ax.set_xlabel(labels.vacancies_axis)
    else:
        skills_ax.set_axis_off()
    out = BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
