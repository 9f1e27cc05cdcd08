# The two commands that do everything on a fresh machine: `make demo` and `make test`.
.PHONY: all setup build test demo example-node example-worker bench fuzz clean

all: build

setup:
	scripts/setup.sh

build: setup
	scripts/build.sh

test:
	scripts/setup.sh --test
	scripts/build.sh --test
	scripts/test.sh

# Verifies and decodes the bundled samples, then serves the demo page on localhost.
demo: build
	node examples/demo.mjs
	node scripts/serve.mjs

examples/node_modules: pkg/package.json
	cd examples && npm install --no-audit --no-fund --loglevel=error

# The Node HTTP example on http://127.0.0.1:3000/ (key: ONERWAY_PUBLIC_KEY, default the demo test key).
example-node: build examples/node_modules
	cd examples && ONERWAY_PUBLIC_KEY="$${ONERWAY_PUBLIC_KEY:-$$(node -p "require('./samples.json').onerwayTestPublicKey")}" node node-server.mjs

# The Worker example in workerd (Miniflare) on http://127.0.0.1:8787/.
example-worker: build examples/node_modules
	node scripts/run-worker.mjs

# Benchmarks: the package against plain-JS peers (one table), then the core natively.
bench: build
	node bench/run.mjs
	node bench/sizes.mjs
	cargo bench --bench core

# Each fuzz target for FUZZ_SECONDS (default 60).
fuzz: build
	scripts/fuzz.sh

clean:
	rm -rf pkg target/bindgen tests/.work
