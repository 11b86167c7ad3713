# Innopilot. Every target installs what it needs first (scripts/bootstrap is idempotent).
.PHONY: demo test lint format bench messages

VENV := .venv
BIN := $(VENV)/bin

## demo: set up, load reference and demo data into var/innopilot.sqlite3, serve on http://127.0.0.1:8000
demo:
	@scripts/bootstrap
	DEBUG=true $(BIN)/innopilot demo

## test: lint, then the whole suite on SQLite and again on PostgreSQL (127.0.0.1:5432)
test:
	@scripts/bootstrap --test
	@scripts/test

lint:
	@scripts/bootstrap
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format:
	@scripts/bootstrap
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

## messages: refresh the Chinese catalogue after changing UI strings (needs GNU gettext)
messages:
	@scripts/bootstrap
	cd src/innopilot && DEBUG=true ../../$(BIN)/innopilot makemessages -l zh_Hans --no-location --ignore "static/vendor/*"

bench:
	@scripts/bootstrap
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.enterprise_import
	$(BIN)/python -m benchmarks.scoring
	$(BIN)/python -m benchmarks.assessment_report
	$(BIN)/python -m benchmarks.coverage
	$(BIN)/python -m benchmarks.annual_overview
