# PowerSave: the two commands are `make run` and `make test`.
SHELL := /bin/bash
CARGO ?= cargo
WEB := web/admin
# npm writes this file on every install: newer than the lockfile means the packages are in place.
WEB_DEPS := $(WEB)/node_modules/.package-lock.json
MOBILE := web/mobile
MOBILE_DEPS := $(MOBILE)/node_modules/.package-lock.json
# Browser tests use Debian's chromium; npm never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test build lint rust-test deps openapi clean help web-deps web-build web-test e2e \
	mobile-deps mobile-build mobile-test mobile-e2e supply-chain fuzz-api

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: ## Build and start PowerSave on http://localhost:8080 (SQLite in ./data, demo accounts)
	@scripts/install-deps.sh build
	@CARGO="$(CARGO)" scripts/build-for-run.sh
	./target/quick/powersave serve --demo

build: ## Build the release binary (the one docs/PERFORMANCE.md measures)
	$(CARGO) build --release -p powersave

test: deps lint supply-chain rust-test fuzz-api web-test mobile-test e2e mobile-e2e ## Install test dependencies, start services, lint and run every test

deps:
	@scripts/install-deps.sh test

lint: ## Formatting, the crate layers (scripts/check-layers.py) and clippy
	$(CARGO) fmt --all -- --check
	python3 scripts/check-layers.py
	$(CARGO) clippy --workspace --all-targets -- -D warnings

supply-chain: ## cargo build --locked, cargo deny check (deny.toml) and npm audit of both apps (scripts/supply-chain.sh)
	scripts/supply-chain.sh

fuzz-api: ## Schema fuzzing with schemathesis against a demo server, as a household and a superadmin (scripts/schema-fuzz.sh)
	$(CARGO) build -p powersave
	scripts/schema-fuzz.sh

rust-test:
	@env_lines="$$(scripts/services.sh)" || exit 1; eval "$$env_lines"; \
	$(CARGO) test --workspace

openapi: web-deps ## Refresh docs/openapi.json and both apps' API types (web/shared/api/schema.d.ts) after a deliberate API change
	UPDATE_SNAPSHOTS=1 $(CARGO) test -p api --test openapi_snapshot
	cd $(WEB) && npm run gen:api

web-deps: $(WEB_DEPS) ## Install the admin dashboard's npm packages (npm ci)

$(WEB_DEPS): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund
	@touch $@

web-build: web-deps ## Build the admin dashboard into web/admin/dist (served at /admin)
	cd $(WEB) && npm run build

web-test: web-deps ## Dashboard: shared API types vs docs/openapi.json, then component tests and web/shared's unit tests
	cd $(WEB) && npm test

e2e: web-build ## Browser tests of the dashboard against the real server (Chromium)
	$(CARGO) build -p powersave
	cd $(WEB) && npm run e2e

mobile-deps: $(MOBILE_DEPS) ## Install the consumer app's npm packages (npm ci)

$(MOBILE_DEPS): $(MOBILE)/package.json $(MOBILE)/package-lock.json
	cd $(MOBILE) && npm ci --no-audit --no-fund
	@touch $@

mobile-build: mobile-deps ## Build the consumer app's web version into web/mobile/dist (served at /app)
	cd $(MOBILE) && npm run build:web

mobile-test: mobile-deps ## Consumer app: shared API types vs docs/openapi.json, strict type check, then Jest component tests
	cd $(MOBILE) && npm test

mobile-e2e: mobile-build ## Consumer app in Chromium at 360x640 with touch against the real demo server
	$(CARGO) build -p powersave
	cd $(MOBILE) && npm run e2e

clean:
	$(CARGO) clean
	rm -rf $(WEB)/node_modules $(WEB)/dist $(WEB)/test-results
	rm -rf $(MOBILE)/node_modules $(MOBILE)/dist $(MOBILE)/test-results $(MOBILE)/.expo
