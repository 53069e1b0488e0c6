# Ranjian — the two commands are `make run` and `make test`.
SHELL := /bin/bash
PG_URL ?= postgres://postgres@127.0.0.1:5432
RANJIAN_DATA_DIR ?= ./data
export RANJIAN_DATA_DIR

.PHONY: run build web web-deps test test-rust test-sqlite test-postgres test-web test-e2e bench lint clean-test-dbs

## Build everything (web UI, then the release binary that embeds it), load the demo data, serve.
run: build
	./target/release/ranjian migrate
	./target/release/ranjian demo --scale small
	./target/release/ranjian serve

build: web
	cargo build --release --locked -p ranjian

web-deps:
	cd web && (test -d node_modules -a node_modules/.package-lock.json -nt package-lock.json || npm ci --no-audit --no-fund)

web: web-deps
	cd web && npm run build

## Every test: Rust on SQLite and PostgreSQL, web unit tests, browser end-to-end tests.
test: test-rust test-web test-e2e

test-rust: test-sqlite test-postgres

test-sqlite:
	cargo test --workspace --locked

test-postgres: clean-test-dbs
	RANJIAN_TEST_DB=postgres RANJIAN_TEST_PG_URL=$(PG_URL) cargo test --workspace --locked

clean-test-dbs:
	@psql "$(PG_URL)/postgres" -Atc "select datname from pg_database where datname like 'ranjian_test_%'" \
	  | while read -r db; do psql "$(PG_URL)/postgres" -qc "DROP DATABASE IF EXISTS \"$$db\"" >/dev/null; done

test-web: web-deps
	cd web && npm run test:unit

test-e2e: web
	cargo build --locked -p ranjian
	scripts/e2e.sh ./target/debug/ranjian

## Benchmarks (not tests): see bench/README.md.
bench: build
	bench/run.sh

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
