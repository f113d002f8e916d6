"""Soft limits learned from 👎 with a reason: pay at or below which vacancies were "too low",
experience asked from which they asked too much (core.domain.preferences.LearnedLimits).

Revision ID: 0006
Revises: 0005_apply
Create Date: 2026-12-07 14:30:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005_apply'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'learned_limits',
                sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
                nullable=False,
                server_default='{}',
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.drop_column('learned_limits')
