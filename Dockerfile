# Desist web, worker and beat image (see docker-compose.yml).
FROM python:3.11-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DESIST_VAR_DIR=/app/var

RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

COPY . .
RUN npm run build \
 && DJANGO_SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-xx python manage.py collectstatic --noinput \
 && useradd --system --home /app desist && chown -R desist /app/var

USER desist
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4", "--limit-request-line", "8190", "--access-logfile", "-"]
