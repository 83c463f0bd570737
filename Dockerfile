# The portal's image: the same for web (gunicorn), worker and beat (celery).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=solidaire.settings.prod

# WeasyPrint needs pango; DejaVu gives the PDFs a font with French accents.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install . && useradd --system --home /app solidaire && mkdir -p /app/media /app/private /app/var \
 && chown -R solidaire /app/media /app/private /app/var
# collectstatic needs settings but no secret worth keeping, no database and no broker.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/x.sqlite3 \
    REDIS_URL=redis://localhost:6379/0 python manage.py collectstatic --noinput

USER solidaire
EXPOSE 8000
# The same check as docker-compose.yml's (Host from ALLOWED_HOSTS, /healthz: database and broker).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "solidaire.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
