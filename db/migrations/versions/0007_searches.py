"""Several named searches a person: today's profile becomes their search #1.

Each person's preferences row (with its learning: keywords, role affinity, weights,
last_learned_at, declared) becomes the preferences of a new ``searches`` row at position
0, named after its first job title; their stored recommendations and digest claims are
that search's. Digests stay daily at the person's time, as before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 14:20:00

"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME_CAP = 64


def _first_title(titles: Any) -> str:
    if isinstance(titles, str):  # SQLite hands JSON back as text through a bare select
        import json

        try:
            titles = json.loads(titles)
        except ValueError:
            titles = []
    if isinstance(titles, list):
        for title in titles:
            if isinstance(title, str) and title.strip():
                return title.strip()[:NAME_CAP]
    return ''


def upgrade() -> None:
    op.create_table(
        'searches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('paused', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('digest_mode', sa.String(length=8), server_default='daily', nullable=False),
        sa.Column('digest_time', sa.String(length=5), nullable=True),
        sa.Column('digest_weekday', sa.Integer(), server_default='0', nullable=False),
        sa.Column('quiet_start', sa.String(length=5), nullable=True),
        sa.Column('quiet_end', sa.String(length=5), nullable=True),
        sa.Column('quiet_policy', sa.String(length=8), server_default='silent', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_searches_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_searches')),
    )
    with op.batch_alter_table('searches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_searches_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active_search_id', sa.Integer(), nullable=True))

    bind = op.get_bind()
    profiles = bind.execute(
        sa.text('SELECT user_id, job_titles, updated_at FROM user_job_preferences ORDER BY user_id')
    ).all()
    insert = sa.text(
        'INSERT INTO searches (user_id, name, position, paused, digest_mode, digest_weekday,'
        ' quiet_policy, created_at) VALUES (:user_id, :name, 0, :paused, \'daily\', 0,'
        ' \'silent\', :created_at)'
    ).bindparams(sa.bindparam('paused', type_=sa.Boolean()))
    for user_id, titles, updated_at in profiles:
        bind.execute(
            insert,
            {
                'user_id': user_id,
                'name': _first_title(titles),
                'paused': False,
                'created_at': updated_at,
            },
        )

    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('job_recommendations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('search_id', sa.Integer(), server_default='0', nullable=False)
        )
    first = '(SELECT s.id FROM searches s WHERE s.user_id = {table}.user_id AND s.position = 0)'
    for table in ('user_job_preferences', 'job_recommendations'):
        op.execute(f'UPDATE {table} SET search_id = {first.format(table=table)}')
    op.execute(
        'UPDATE digest_deliveries SET search_id = COALESCE('
        f'{first.format(table="digest_deliveries")}, 0)'
    )

    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.alter_column('search_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint('uq_user_job_preferences_user_id', type_='unique')
        batch_op.create_index(
            batch_op.f('ix_user_job_preferences_user_id'), ['user_id'], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f('uq_user_job_preferences_search_id'), ['search_id']
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_user_job_preferences_search_id_searches'),
            'searches',
            ['search_id'],
            ['id'],
            ondelete='CASCADE',
        )
    with op.batch_alter_table('job_recommendations', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_job_recommendations_search_id'), ['search_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_job_recommendations_search_id_searches'),
            'searches',
            ['search_id'],
            ['id'],
            ondelete='SET NULL',
        )
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.drop_constraint('uq_digest_deliveries_user_id_local_date', type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_digest_deliveries_user_id_search_id_local_date'),
            ['user_id', 'search_id', 'local_date'],
        )


def downgrade() -> None:
    # Back to one profile a person: the first search's rows stay, the others go.
    op.execute(
        'DELETE FROM user_job_preferences WHERE search_id NOT IN '
        '(SELECT id FROM searches WHERE position = 0)'
    )
    op.execute(
        'DELETE FROM digest_deliveries WHERE search_id NOT IN '
        '(SELECT id FROM searches WHERE position = 0)'
    )
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.drop_constraint(
            'uq_digest_deliveries_user_id_search_id_local_date', type_='unique'
        )
        batch_op.create_unique_constraint(
            'uq_digest_deliveries_user_id_local_date', ['user_id', 'local_date']
        )
        batch_op.drop_column('search_id')
    with op.batch_alter_table('job_recommendations', schema=None) as batch_op:
        batch_op.drop_constraint(
            'fk_job_recommendations_search_id_searches', type_='foreignkey'
        )
        batch_op.drop_index('ix_job_recommendations_search_id')
        batch_op.drop_column('search_id')
    with op.batch_alter_table('user_job_preferences', schema=None) as batch_op:
        batch_op.drop_constraint(
            'fk_user_job_preferences_search_id_searches', type_='foreignkey'
        )
        batch_op.drop_constraint('uq_user_job_preferences_search_id', type_='unique')
        batch_op.drop_index('ix_user_job_preferences_user_id')
        batch_op.create_unique_constraint('uq_user_job_preferences_user_id', ['user_id'])
        batch_op.drop_column('search_id')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('active_search_id')
    with op.batch_alter_table('searches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_searches_user_id'))
    op.drop_table('searches')
