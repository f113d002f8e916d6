"""Role affinity learned from feedback (core.domain.roles): liked roles join the person's own.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 08:40:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'role_affinity',
                sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
                nullable=False,
                server_default='{}',
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.drop_column('role_affinity')
