FROM python:3.11-slim
WORKDIR /app
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
COPY pyproject.toml README.md ./
COPY bot bot
COPY core core
COPY db db
COPY sandbox sandbox
RUN pip install .
CMD ["python", "-m", "bot"]
