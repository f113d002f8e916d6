"""An index on when a vacancy's details were opened: the reminder tick looks every minute
for the "Did you apply?" questions due (details opened 3 hours to 3 days ago), and must
not read every recommendation of every user to find them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 15:05:00

"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_job_recommendations_details_opened',
        'job_recommendations',
        ['details_opened_at'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_job_recommendations_details_opened', table_name='job_recommendations')
