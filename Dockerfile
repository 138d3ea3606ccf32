FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# Everything the package is made of (.dockerignore keeps tests, caches, local databases and .venv out)
COPY . ./
RUN pip install --no-cache-dir . \
    && useradd --system --home /app wirewatch \
    && mkdir -p /data && chown wirewatch:wirewatch /data
# The embedded store lives on a volume the daemon's user owns; with Redis (WIREWATCH_STORE=redis://…) it stays empty.
ENV WIREWATCH_STORE=sqlite:////data/wirewatch.db
VOLUME ["/data"]
USER wirewatch
# /healthz answers when metrics are on (WIREWATCH_METRICS=true, as docker-compose.yml sets)
EXPOSE 9108
# SIGTERM drains in-flight polls and sends (up to 30 s): give `docker stop` a longer grace (-t 40)
STOPSIGNAL SIGTERM
ENTRYPOINT ["wirewatch"]
CMD ["run", "--config", "/app/wirewatch.yaml"]
