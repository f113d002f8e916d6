"""Digest claims record who sends them and whether the context line went out.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 09:30:00

"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holder', sa.String(length=128), nullable=True))
        batch_op.add_column(
            sa.Column('header_sent', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.drop_column('header_sent')
        batch_op.drop_column('holder')
