"""Keep the declared preferences apart from the learned ones.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 15:40:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'declared',
                sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.drop_column('declared')
