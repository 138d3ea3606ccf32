FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY wirewatch ./wirewatch
COPY collectors ./collectors
COPY rules ./rules
COPY notifier ./notifier
COPY store ./store
RUN pip install --no-cache-dir . && useradd --system --home /app wirewatch
COPY wirewatch.yaml ./
COPY samples ./samples
USER wirewatch
# /healthz answers when metrics are on (WIREWATCH_METRICS=true, as docker-compose.yml sets)
EXPOSE 9108
ENTRYPOINT ["wirewatch"]
CMD ["run", "--config", "/app/wirewatch.yaml"]
