"""The apply funnel: when the bot asked "Did you apply?" about a vacancy, and the date
and time of an interview.

Revision ID: 0005_apply
Revises: 0004
Create Date: 2026-12-07 14:10:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_apply'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('job_recommendations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('apply_asked_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('saved_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interview_at', sa.DateTime(timezone=True), nullable=True))
    # Details opened before this revision are not asked about: the question would come
    # out of the blue, days later.
    op.execute(
        "UPDATE job_recommendations SET apply_asked_at = details_opened_at"
        " WHERE details_opened_at IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table('saved_jobs', schema=None) as batch_op:
        batch_op.drop_column('interview_at')
    with op.batch_alter_table('job_recommendations', schema=None) as batch_op:
        batch_op.drop_column('apply_asked_at')
